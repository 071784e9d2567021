// Pure mapping from CCC answers (parsed with schemas.ts) to the domain.
// The vendor's own value is always kept beside the normalized one, and the
// payload as received goes into `raw`.
import type {
  AgentState,
  AgentStateKind,
  CallDirection,
  CallRecord,
  Conference,
  Participant,
  ParticipantState,
} from '../../domain.ts';
import { outcomeOfDisposition } from './disposition.ts';
import type { CallContext, CallDetailRecord, ChannelContext, RealtimeAgentState, UserContext } from './schemas.ts';

type Raw = Record<string, unknown>;
const asRaw = (v: unknown): Raw => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : {});

export const iso = (ms: number | undefined): string | undefined =>
  ms === undefined || ms <= 0 ? undefined : new Date(ms).toISOString();

// --- agents -------------------------------------------------------------------

/** UserContext.UserState (call-control and agent actions). */
export const USER_STATES: Readonly<Record<string, AgentStateKind>> = {
  READY: 'ready', // 空闲
  WORKING: 'acw', // 话后处理中
  DIALING: 'dialing', // 拨号中
  BREAK: 'break', // 小休
  OFFLINE: 'offline', // 离线
  TALKING: 'talking', // 通话中
  RINGING: 'ringing', // 振铃中
};

/** ListRealtimeAgentStates' State (StateList values). */
export const REALTIME_STATES: Readonly<Record<string, AgentStateKind>> = {
  Ready: 'ready',
  Talking: 'talking',
  ACW: 'acw',
  Break: 'break',
  Ringing: 'ringing',
  Offline: 'offline',
  Dialing: 'dialing',
};

/** A state the tables do not know is shown as not_ready: present, not taking calls as far as ccops can tell. */
const stateOf = (table: Readonly<Record<string, AgentStateKind>>, v: string | undefined): AgentStateKind =>
  (v && table[v]) || 'not_ready';

export function agentStateFromUserContext(center: string, agentId: string, u: UserContext, raw: unknown): AgentState {
  const state = stateOf(USER_STATES, u.UserState);
  return {
    center,
    agentId: u.UserId ?? agentId,
    state,
    ...(state === 'break' && u.BreakCode ? { reason: u.BreakCode } : {}),
    vendorState: u.UserState ?? 'unknown',
    skillGroups: u.SignedSkillGroupIdList,
    raw: asRaw(raw),
  };
}

/** StateTime is epoch time; seconds or milliseconds depending on the edition, told apart by size. */
function epochToIso(v: number | undefined): string | undefined {
  if (v === undefined || v <= 0) return undefined;
  return iso(v < 1e11 ? v * 1000 : v);
}

export function agentStateFromRealtime(center: string, a: RealtimeAgentState, raw: unknown): AgentState {
  const state = stateOf(REALTIME_STATES, a.State);
  const since = epochToIso(a.StateTime);
  return {
    center,
    agentId: a.AgentId ?? '',
    state,
    ...(state === 'break' && a.BreakCode ? { reason: a.BreakCode } : {}),
    vendorState: a.State ?? 'unknown',
    ...(since ? { since } : {}),
    skillGroups: a.SkillGroupIdList,
    raw: asRaw(raw),
  };
}

// --- calls --------------------------------------------------------------------

function directionOf(contactType: string | undefined): CallDirection {
  switch (contactType?.toUpperCase()) {
    case 'INBOUND':
      return 'inbound';
    case 'OUTBOUND':
    case 'PREDICTIVE':
    case 'BACK2BACK':
    case 'PRIVACY_DIAL':
    case 'PRIVACYDIAL':
      return 'outbound';
    case 'INTERNAL':
      return 'internal';
    default:
      return 'other';
  }
}

function releasedBy(v: string | undefined): CallRecord['releasedBy'] {
  switch (v?.toLowerCase()) {
    case 'agent':
      return 'agent';
    case 'customer':
    case 'caller':
    case 'callee':
      return 'customer';
    case 'system':
    case 'ivr':
      return 'system';
    default:
      return v ? 'unknown' : undefined;
  }
}

const firstEventTime = (
  groups: ReadonlyArray<{ EventSequence: ReadonlyArray<{ Event?: string; EventTime?: number }> }>,
  match: RegExp,
): number | undefined => {
  let best: number | undefined;
  for (const g of groups)
    for (const e of g.EventSequence)
      if (e.Event && match.test(e.Event) && e.EventTime && (best === undefined || e.EventTime < best)) best = e.EventTime;
  return best;
};

const nonNegative = (v: number | undefined) => (v !== undefined && v >= 0 ? v : undefined);

export function callRecordFromCdr(center: string, r: CallDetailRecord, raw: unknown): CallRecord {
  const queuedAt = iso(firstEventTime(r.QueueEvents, /enqueue/i));
  const ringingAt = iso(firstEventTime(r.AgentEvents, /ring/i));
  const durations: CallRecord['durations'] = {};
  const total = nonNegative(r.CallDuration);
  const queue = nonNegative(r.QueueTime ?? r.WaitTime);
  const ring = nonNegative(r.RingTime);
  const talk = nonNegative(r.TalkTime);
  if (total !== undefined) durations.total = total;
  if (queue !== undefined) durations.queue = queue;
  if (ring !== undefined) durations.ring = ring;
  if (talk !== undefined) durations.talk = talk;
  const satisfaction = r.Satisfaction ?? r.SatisfactionIndex;
  const by = releasedBy(r.ReleaseInitiator);
  const optional: Partial<CallRecord> = {
    caller: r.CallingNumber,
    callee: r.CalledNumber,
    skillGroup: r.SkillGroupIds[0],
    startedAt: iso(r.StartTime),
    queuedAt,
    ringingAt,
    answeredAt: iso(r.EstablishedTime),
    releasedAt: iso(r.ReleaseTime),
    releasedBy: by,
    satisfaction,
  };
  return {
    center,
    id: r.ContactId,
    direction: directionOf(r.ContactType),
    agents: r.AgentIds,
    durations,
    outcome: outcomeOfDisposition(r.ContactDisposition),
    vendorOutcome: r.ContactDisposition ?? 'unknown',
    ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<CallRecord>),
    raw: asRaw(raw),
  };
}

// --- conferences --------------------------------------------------------------

const NO_ANSWER_SIP = /^(408|480|487|603)\b|timeout|no answer/i;
const NORMAL_CLEARING = /^(200)\b|normal/i;

/** A leg's ChannelState (+ ReleaseReason once released) as a participant state. */
export function participantStateOf(c: ChannelContext | undefined): ParticipantState {
  switch (c?.ChannelState) {
    case undefined:
    case 'CREATED':
    case 'NONE':
      return 'calling';
    case 'RINGING':
    case 'EARLY_MEDIA':
      return 'ringing';
    case 'ANSWERED':
      return 'joined';
    case 'RELEASED':
    case 'RETIRED': {
      const reason = c.ReleaseReason ?? '';
      if (NO_ANSWER_SIP.test(reason)) return 'no_answer';
      if (!reason || NORMAL_CLEARING.test(reason)) return 'left';
      return 'failed';
    }
    default:
      return 'calling';
  }
}

export interface RequestedParticipant {
  /** What was dialled: an extension or a phone number (masked when it comes from a token). */
  address: string;
  kind: 'agent' | 'phone';
  /**
   * A keyed hash of the dialled number (from a pending-result token, which
   * holds no full number): the leg is the one whose Destination hashes to it.
   */
  destinationHash?: string;
}

/**
 * The leg that dialled this participant: matched on Destination (through
 * `hashDestination` when the participant carries only a hash), else on the
 * agent's extension.
 */
export function legFor(
  p: RequestedParticipant,
  legs: readonly ChannelContext[],
  hashDestination?: (destination: string) => string,
): ChannelContext | undefined {
  const hash = p.destinationHash;
  const dialled = (l: ChannelContext) =>
    hash !== undefined ? l.Destination !== undefined && hashDestination?.(l.Destination) === hash : l.Destination === p.address;
  const matches = legs.filter((l) => dialled(l) || (p.kind === 'agent' && l.UserExtension === p.address));
  return matches.at(-1);
}

/**
 * A CallContext as a Conference. With the participants that were requested,
 * each is matched to its leg; without (e.g. a doc example), every leg but the
 * chair's own becomes a participant (all legs if that leaves none).
 */
export function conferenceFromCallContext(
  center: string,
  call: CallContext,
  opts: { chair?: string; participants?: readonly RequestedParticipant[]; hashDestination?: (destination: string) => string; raw?: unknown },
): Conference {
  let participants: Participant[];
  if (opts.participants) {
    participants = opts.participants.map((p) => {
      const leg = legFor(p, call.ChannelContexts, opts.hashDestination);
      return {
        address: p.address,
        kind: p.kind,
        state: participantStateOf(leg),
        ...(leg?.ReleaseReason && leg.ChannelState !== 'ANSWERED' ? { detail: leg.ReleaseReason } : {}),
      };
    });
  } else {
    const others = call.ChannelContexts.filter((l) => !opts.chair || l.UserId !== opts.chair);
    participants = (others.length ? others : call.ChannelContexts).map((l) => ({
      address: l.Destination ?? l.UserExtension ?? l.ChannelId ?? '',
      kind: l.UserId ? ('agent' as const) : ('phone' as const),
      state: participantStateOf(l),
      ...(l.ReleaseReason && l.ChannelState !== 'ANSWERED' ? { detail: l.ReleaseReason } : {}),
    }));
  }
  return {
    center,
    id: call.JobId ?? '',
    ...(opts.chair ? { chair: opts.chair } : {}),
    participants,
    raw: asRaw(opts.raw),
  };
}
