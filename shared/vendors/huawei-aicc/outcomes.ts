// Results that arrive as events: the outcome token (everything a process
// needs to answer pollOutcome, given the agent's events) and the pure
// decisions from (token, events, now) to an Outcome.
import { z } from 'zod/v4';
import type { AgentState, Conference, Outcome, Participant } from '../../domain.ts';
import { InvalidInput } from '../../errors.ts';
import { INVITE_RESULT, InviteResultContent, type HuaweiEventEnvelope } from './events.ts';
import { contentOf } from './wire.ts';

/**
 * `hwaicc<version>.` + base64url JSON. Version 2: a phone participant's
 * address is masked (tokens are stored and shown: job data, --json, n8n items;
 * the numbers to dial stay in the requesting process's memory). Tokens of any
 * other version are a failed outcome, not a guess.
 */
export const TOKEN_VERSION = 2;
const TOKEN_PREFIX = `hwaicc${TOKEN_VERSION}.`;
const ANY_VERSION = /^hwaicc(\d+)\./;

/** Refused token versions, as the sentence of a failed outcome. */
export function tokenVersionFailure(text: string): Outcome<never> | undefined {
  const m = ANY_VERSION.exec(text.trim());
  if (!m || Number(m[1]) === TOKEN_VERSION) return undefined;
  const version = Number(m[1]);
  return {
    status: 'failed',
    code: 'token_version',
    reason:
      `This pending result was written by a ${version < TOKEN_VERSION ? 'older' : 'newer'} ccops (token format hwaicc${version}; ` +
      `this one reads hwaicc${TOKEN_VERSION}), so it cannot be followed here. Check the agent's conference or start it again.`,
  };
}

export const OutcomeToken = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('conference'),
    center: z.string(),
    /** The chair: whose events carry the result. */
    agentId: z.string(),
    /** Epoch ms, just before requestagentconf was sent (the poller's clock). */
    after: z.number().int(),
    deadline: z.number().int(),
    /** Agent ids as they are; phone numbers masked (maskPhone). */
    participants: z.array(z.object({ address: z.string(), kind: z.enum(['agent', 'phone']) })),
  }),
  z.object({
    kind: z.literal('break'),
    center: z.string(),
    agentId: z.string(),
    after: z.number().int(),
    deadline: z.number().int(),
    reason: z.string().optional(),
  }),
]);
export type OutcomeToken = z.infer<typeof OutcomeToken>;

export function encodeToken(token: OutcomeToken): string {
  return TOKEN_PREFIX + Buffer.from(JSON.stringify(token)).toString('base64url');
}

export function decodeToken(text: string, center: string): OutcomeToken {
  const bad = (why: string) =>
    new InvalidInput(`This is not a Huawei AICC outcome token of center "${center}" (${why}).`, [{ path: 'token', message: why }]);
  const trimmed = text.trim();
  if (!trimmed.startsWith(TOKEN_PREFIX)) throw bad(ANY_VERSION.test(trimmed) ? 'unsupported format version' : 'unknown format');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(trimmed.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw bad('not readable');
  }
  const parsed = OutcomeToken.safeParse(json);
  if (!parsed.success) throw bad('incomplete');
  if (parsed.data.center !== center) throw bad(`it belongs to center "${parsed.data.center}"`);
  return parsed.data;
}

/** How soon a front end should ask again while the gateway has not answered. */
export const POLL_AFTER_MS = 500;

const iso = (ms: number) => new Date(ms).toISOString();

function conferenceValue(token: Extract<OutcomeToken, { kind: 'conference' }>, confId: string, state: Participant['state'], raw: Record<string, unknown>): Conference {
  return {
    center: token.center,
    id: confId,
    chair: token.agentId,
    participants: token.participants.map((p) => ({ address: p.address, kind: p.kind, state })),
    raw,
  };
}

/**
 * requestagentconf -> AgentConf_RequestSuccess (then ccops' invite result) or
 * AgentConf_RequestFailed, whichever comes first after the request; nothing by
 * the deadline is a failure.
 */
export function decideConference(
  token: Extract<OutcomeToken, { kind: 'conference' }>,
  encoded: string,
  events: readonly HuaweiEventEnvelope[],
  now: number,
): Outcome<Conference> {
  const relevant = events.filter((e) => e.agentId === token.agentId && e.receivedAt >= token.after);
  const first = relevant.find(
    (e) => e.event.eventType === 'AgentConf_RequestSuccess' || e.event.eventType === 'AgentConf_RequestFailed',
  );
  if (first?.event.eventType === 'AgentConf_RequestFailed') {
    const cause = contentOf(first.event, 'AgentConf_RequestFailed')?.cause;
    return {
      status: 'failed',
      reason: `The Huawei contact center could not set up the conference${cause ? ` (cause ${cause})` : ''}. Check that agent ${token.agentId} is idle or in a stable call, then try again.`,
      code: cause ? `AgentConf_RequestFailed:${cause}` : 'AgentConf_RequestFailed',
    };
  }
  if (first) {
    const confId = contentOf(first.event, 'AgentConf_RequestSuccess')?.confId ?? 'unknown';
    const invite = relevant
      .filter((e) => e.receivedAt >= first.receivedAt && e.event.eventType === INVITE_RESULT)
      .map((e) => InviteResultContent.safeParse(e.event.content))
      .find((r) => r.success && r.data.confId === confId);
    if (invite?.success) {
      const raw = { confId, invite: invite.data };
      if (invite.data.ok) return { status: 'done', value: conferenceValue(token, confId, 'calling', raw) };
      return {
        status: 'failed',
        reason: `Conference ${confId} was set up, but the participants could not be invited: ${invite.data.message} End it with "conference end ${confId}".`,
        code: invite.data.retcode,
        value: conferenceValue(token, confId, 'failed', raw),
      };
    }
    const value = conferenceValue(token, confId, 'calling', { confId });
    if (now > token.deadline) {
      return {
        status: 'failed',
        reason: `Conference ${confId} was set up, but ccops could not confirm that the participants were invited. End it with "conference end ${confId}" if nobody joins.`,
        code: 'invite_unconfirmed',
        value,
      };
    }
    return { status: 'pending', token: encoded, value, progress: `conference ${confId} set up; inviting the participants`, pollAfterMs: POLL_AFTER_MS, deadline: iso(token.deadline) };
  }
  if (now > token.deadline) {
    return {
      status: 'failed',
      reason: `The Huawei contact center did not confirm the conference in time. Check agent ${token.agentId}'s phone and status, then try again.`,
      code: 'timeout',
    };
  }
  return { status: 'pending', token: encoded, progress: 'waiting for the contact center to set up the conference', pollAfterMs: POLL_AFTER_MS, deadline: iso(token.deadline) };
}

/** rest/{time}/{cause} -> AgentState_SetRest_Success after the request; nothing by the deadline fails. */
export function decideBreak(
  token: Extract<OutcomeToken, { kind: 'break' }>,
  encoded: string,
  events: readonly HuaweiEventEnvelope[],
  now: number,
): Outcome<AgentState> {
  const ok = events.find(
    (e) => e.agentId === token.agentId && e.receivedAt >= token.after && e.event.eventType === 'AgentState_SetRest_Success',
  );
  if (ok) {
    return {
      status: 'done',
      value: {
        center: token.center,
        agentId: token.agentId,
        state: 'break',
        ...(token.reason ? { reason: token.reason } : {}),
        vendorState: 'AgentState_SetRest_Success',
        since: iso(ok.receivedAt),
        raw: { event: ok.event },
      },
    };
  }
  if (now > token.deadline) {
    return {
      status: 'failed',
      reason: `The Huawei contact center accepted the break for agent ${token.agentId} but has not confirmed it. An agent in a call goes on break when the call ends; check the agent's status.`,
      code: 'timeout',
    };
  }
  return { status: 'pending', token: encoded, progress: `waiting for agent ${token.agentId}'s break to start`, pollAfterMs: POLL_AFTER_MS, deadline: iso(token.deadline) };
}
