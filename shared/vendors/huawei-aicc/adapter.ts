// The Huawei Cloud AICC agent gateway behind the ContactCenter port.
//
// Where things run: the process that calls an operation signs in as the agent
// it acts for and polls that agent's events (one session and one poller per
// agent; close() signs them all out). Results that arrive as events are
// answered by pollOutcome from the events this adapter has seen, either from
// its own pollers or fed in with feedEvent() (e.g. from a Redis stream), so any
// process with the adapter and the events can answer it; pollOutcome never
// signs in.
import type { z } from 'zod/v4';
import type { Resolved } from '../../config.ts';
import {
  type AgentState,
  type CallRecord,
  type Conference,
  EndConferenceInput,
  ListAbandonedInput,
  type Outcome,
  type Page,
  SearchCallsInput,
  SetAgentStateInput,
  StartConferenceInput,
} from '../../domain.ts';
import { InvalidInput, VendorError } from '../../errors.ts';
import { maskPhone } from '../../mask.ts';
import type { Transport } from '../../http.ts';
import { assertSupported, type CallOptions, type Capabilities, type ContactCenter, supported, unsupported } from '../../port.ts';
import { type EventListener, HuaweiEventHub, type HuaweiEventHubOptions, INVITE_RESULT } from './events.ts';
import { agentStateFromStatus, callRecordFromCallInfo, classifyParticipant, type ConferenceAddress, planBreak } from './mapping.ts';
import { decideBreak, decideConference, decodeToken, encodeToken, tokenVersionFailure, type OutcomeToken } from './outcomes.ts';
import { AgentEventPoller, type PollerOptions } from './poller.ts';
import type { HuaweiAiccProfile } from './profile.ts';
import { gatewayError, needsReauthentication, VENDOR } from './retcodes.ts';
import { type AgentCredentials, type GatewayCall, HuaweiAgentSession, parseEnvelope, type SessionOptions } from './session.ts';
import { AgentStatusResult, CallInfo, contentOf } from './wire.ts';

export type HuaweiAiccConfig = Resolved<z.infer<typeof HuaweiAiccProfile>>;

export interface HuaweiAiccDeps {
  transport: Transport;
  now?: () => Date;
  randomId?: () => string;
  /** Poller tuning (tests shorten the pauses). */
  poller?: Pick<PollerOptions, 'idleRepollMs' | 'errorBackoffMs' | 'maxErrorBackoffMs' | 'onError'>;
  /** Event retention (how old a token pollOutcome can still answer). */
  events?: Pick<HuaweiEventHubOptions, 'retainMs' | 'perAgentLimit' | 'subscriberQueueLimit' | 'onListenerError'>;
  onSessionEvent?: (agentId: string, e: Parameters<NonNullable<SessionOptions['onSessionEvent']>>[0]) => void;
}

export const HUAWEI_CAPABILITIES: Capabilities = {
  startConference: supported,
  endConference: supported,
  getCall: supported,
  searchCalls: unsupported(
    'The Huawei agent gateway has no call search: it only shows the current or last call of an agent ccops signs in as. Look a call up by its id, or search in the Huawei CEC console.',
  ),
  getAgentState: supported,
  setAgentState: supported,
  listAbandonedCalls: unsupported(
    'The Huawei agent gateway lists no abandoned calls, so ccops cannot alert on them for this center. Use the abandoned-call indicators of the Huawei CEC console instead.',
  ),
};

interface Live {
  session: HuaweiAgentSession;
  poller: AgentEventPoller;
}

interface PendingConference {
  token: Extract<OutcomeToken, { kind: 'conference' }>;
  addresses: ConferenceAddress[];
}

function parseInput<S extends z.ZodType>(schema: S, what: string, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw InvalidInput.fromZod(what, r.error);
  return r.data;
}

export class HuaweiAiccAdapter implements ContactCenter {
  readonly vendor = 'huawei-aicc' as const;
  readonly center: string;
  readonly capabilities = HUAWEI_CAPABILITIES;
  /** Every event this adapter has seen, and its subscribers. */
  readonly events: HuaweiEventHub;
  readonly #profile: HuaweiAiccConfig;
  readonly #deps: HuaweiAiccDeps;
  readonly #agents = new Map<string, AgentCredentials>();
  readonly #live = new Map<string, Live>();
  readonly #starting = new Map<string, Promise<Live>>();
  /** Conferences this process requested and has not invited participants to yet, by chair. */
  readonly #pendingConferences = new Map<string, PendingConference>();
  #closed = false;

  constructor(center: string, profile: HuaweiAiccConfig, deps: HuaweiAiccDeps) {
    this.center = center;
    this.#profile = profile;
    this.#deps = deps;
    const primary = { agentId: profile.agentId, password: profile.password, phoneNumber: profile.phoneNumber };
    for (const a of [primary, ...profile.agents]) if (!this.#agents.has(a.agentId)) this.#agents.set(a.agentId, a);
    this.events = new HuaweiEventHub({
      center,
      instanceId: deps.randomId?.() ?? crypto.randomUUID(),
      now: () => this.#nowMs(),
      ...deps.events,
    });
    this.events.onEvent((envelope, origin) => (origin === 'local' ? this.#onOwnEvent(envelope) : undefined));
  }

  /** Subscribes to agent events (typed, zod-parsed envelopes); returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void {
    return this.events.onEvent(listener);
  }

  /** Adds an event received by another process; false for a duplicate. */
  feedEvent(envelope: unknown): boolean {
    return this.events.feed(envelope);
  }

  /** Signs the agent in (the profile's agent by default) and starts polling its events. */
  async signIn(agentId: string = this.#profile.agentId): Promise<void> {
    await this.#ensureLive(agentId);
  }

  /**
   * Does the gateway answer, without signing in or changing anything? An
   * unauthenticated status query must come back as the gateway's own refusal
   * (000-003 or 100-006): that proves the URL reaches an agent gateway, not
   * that the password is right (only a sign-in would, and it moves the agent).
   */
  async probe(opts?: CallOptions): Promise<string> {
    const res = await this.#deps.transport.send({
      method: 'GET',
      url: `${this.#profile.gatewayUrl.replace(/\/+$/, '')}/onlineagent/${this.#profile.agentId}/agentstatus`,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      ...(opts?.signal ? { signal: opts.signal } : {}),
    });
    const env = parseEnvelope(res);
    if (env.retcode === '0' || needsReauthentication(env.retcode)) return `the agent gateway answers (${env.retcode === '0' ? 'signed in' : env.retcode} without a session)`;
    throw gatewayError(env.retcode, env.message, res.status, 'Probing the gateway');
  }

  /** Agents signed in by this process. */
  get signedInAgents(): string[] {
    return [...this.#live.entries()].filter(([, l]) => l.session.signedIn).map(([id]) => id);
  }

  // --- conferences -------------------------------------------------------------

  async startConference(raw: z.input<typeof StartConferenceInput>, opts?: CallOptions): Promise<Outcome<Conference>> {
    const input = parseInput(StartConferenceInput, 'conference request', raw);
    const chair = input.agentId ?? this.#profile.agentId;
    this.#credentials(chair);
    const addresses = input.participants.map(classifyParticipant);
    if (addresses.length + 1 > 120) throw new InvalidInput('A Huawei conference holds at most 120 parties.');
    const now = this.#nowMs();
    const pending = this.#pendingConferences.get(chair);
    if (pending && pending.token.deadline >= now) {
      throw new InvalidInput(`Agent ${chair} is still setting up a conference; wait for it to finish, or use another agent.`);
    }
    const live = await this.#ensureLive(chair);
    const token: PendingConference['token'] = {
      kind: 'conference',
      center: this.center,
      agentId: chair,
      after: this.#nowMs(),
      deadline: now + input.timeoutSeconds * 1000,
      // The token is stored and shown; the numbers to dial stay in #pendingConferences.
      participants: addresses.map(({ address, kind }) => ({ address: kind === 'phone' ? maskPhone(address) : address, kind })),
    };
    // Registered before sending: the success event may beat the HTTP answer.
    this.#pendingConferences.set(chair, { token, addresses });
    try {
      await live.session.call({
        method: 'POST',
        path: `agentconf/${chair}/requestagentconf`,
        name: 'requestAgentConf',
        signal: opts?.signal,
        body: {
          memberNum: addresses.length + 1,
          time: this.#profile.conferenceMinutes,
          ...(this.#profile.confCallerNo ? { confCallerNo: this.#profile.confCallerNo } : {}),
        },
      });
    } catch (e) {
      this.#pendingConferences.delete(chair);
      throw e;
    }
    return decideConference(token, encodeToken(token), this.events.eventsFor(chair, token.after), this.#nowMs());
  }

  async endConference(raw: EndConferenceInput, opts?: CallOptions): Promise<Outcome<Conference>> {
    const input = parseInput(EndConferenceInput, 'conference end request', raw);
    const agentId = input.agentId ?? this.#profile.agentId;
    this.#credentials(agentId);
    const chair = this.#chairOf(input.conferenceId) ?? agentId;
    const live = await this.#ensureLive(agentId);
    const asChair = chair === agentId;
    await live.session.call(
      asChair
        ? { method: 'POST', path: `agentconf/${agentId}/releaseagentconf`, name: 'releaseAgentConf', signal: opts?.signal }
        : { method: 'POST', path: `agentconf/${agentId}/requestleaveagentconf`, name: 'requestLeaveAgentConf', signal: opts?.signal },
    );
    return {
      status: 'done',
      value: {
        center: this.center,
        id: input.conferenceId,
        chair,
        participants: asChair ? [] : [{ address: agentId, kind: 'agent', state: 'left' }],
        raw: { action: asChair ? 'released' : 'left' },
      },
    };
  }

  /** Invites the participants once the gateway confirms the conference (in the process that asked for it). */
  async #onOwnEvent(envelope: Parameters<EventListener>[0]): Promise<void> {
    const { event, agentId } = envelope;
    if (event.eventType !== 'AgentConf_RequestSuccess' && event.eventType !== 'AgentConf_RequestFailed') return;
    const pending = this.#pendingConferences.get(agentId);
    if (!pending || envelope.receivedAt < pending.token.after) return;
    this.#pendingConferences.delete(agentId);
    const confId = contentOf(event, 'AgentConf_RequestSuccess')?.confId;
    if (confId === undefined) return;
    const result = { confId, ok: true, retcode: '0', message: '' };
    try {
      const live = await this.#ensureLive(agentId);
      await live.session.call({
        method: 'POST',
        path: `agentconf/${agentId}/batchaddparticipant`,
        name: 'batchAddParticipant',
        body: {
          addresses: pending.addresses.map((a) => ({ addressType: a.addressType, address: a.address })),
          ...(this.#profile.confCallerNo ? { caller: this.#profile.confCallerNo } : {}),
        },
      });
    } catch (e) {
      result.ok = false;
      result.retcode = e instanceof VendorError ? e.vendorCode : 'error';
      result.message = e instanceof Error ? e.message : String(e);
    }
    this.events.publish(agentId, { eventType: INVITE_RESULT, workNo: agentId, content: result });
  }

  #chairOf(confId: string): string | undefined {
    for (const agentId of this.#agents.keys()) {
      const hit = this.events
        .eventsFor(agentId)
        .find((e) => contentOf(e.event, 'AgentConf_RequestSuccess')?.confId === confId);
      if (hit) return agentId;
    }
    return undefined;
  }

  // --- calls ---------------------------------------------------------------------

  /**
   * The current or last call of an agent ccops signs in as. `current` (or
   * `last`) names the profile agent's; any other id must be one of those calls.
   */
  async getCall(callId: string, opts?: CallOptions): Promise<CallRecord> {
    if (!callId.trim()) throw new InvalidInput('Give a call id.');
    const signedIn = this.signedInAgents;
    const agents = signedIn.length ? signedIn : [this.#profile.agentId];
    for (const agentId of agents) {
      const live = await this.#ensureLive(agentId);
      const env = await live.session.call({
        method: 'GET',
        path: `calldata/${agentId}/callinfo?isNoContainLastCall=true`,
        name: 'queryCallInfo',
        signal: opts?.signal,
      });
      const info = CallInfo.safeParse(env.result);
      if (!info.success) continue; // no current or last call
      if (info.data.callid === callId || ((callId === 'current' || callId === 'last') && agentId === agents[0])) {
        return callRecordFromCallInfo(this.center, agentId, info.data, env.result as Record<string, unknown>);
      }
    }
    throw new VendorError({
      vendor: VENDOR,
      vendorCode: 'call_not_found',
      message: `Call ${callId} is not the current or last call of agent ${agents.join(', ')}; the Huawei agent gateway shows no other calls.`,
      retryable: false,
    });
  }

  async searchCalls(input: SearchCallsInput): Promise<Page<CallRecord>> {
    assertSupported(this, 'searchCalls');
    parseInput(SearchCallsInput, 'call search', input);
    throw new Error('unreachable: searchCalls is unsupported');
  }

  async listAbandonedCalls(input: ListAbandonedInput): Promise<Page<CallRecord>> {
    assertSupported(this, 'listAbandonedCalls');
    parseInput(ListAbandonedInput, 'abandoned call request', input);
    throw new Error('unreachable: listAbandonedCalls is unsupported');
  }

  // --- agent state ---------------------------------------------------------------

  /** The agent's status; an agent ccops is not signed in as is reported offline without signing in. */
  async getAgentState(agentId: string, opts?: CallOptions): Promise<AgentState> {
    this.#credentials(agentId);
    const live = this.#live.get(agentId);
    if (!live?.session.signedIn) {
      return agentStateFromStatus(this.center, agentId, '2', { signedIn: false }, { reason: 'ccops is not signed in as this agent' });
    }
    return this.#readState(live.session, opts?.signal);
  }

  async setAgentState(raw: SetAgentStateInput, opts?: CallOptions): Promise<Outcome<AgentState>> {
    const { agentId, target } = parseInput(SetAgentStateInput, 'agent state change', raw);
    this.#credentials(agentId);
    switch (target.kind) {
      case 'online': {
        const live = await this.#ensureLive(agentId);
        return { status: 'done', value: await this.#readState(live.session, opts?.signal) };
      }
      case 'offline': {
        const live = this.#live.get(agentId);
        if (live) {
          await live.poller.stop();
          try {
            await live.session.signOut();
          } catch (e) {
            if (live.session.signedIn) live.poller.start(); // still signed in: keep it alive
            throw e;
          }
          this.#live.delete(agentId);
        }
        return {
          status: 'done',
          value: agentStateFromStatus(this.center, agentId, '2', { signedOut: true }),
        };
      }
      case 'ready': {
        const live = await this.#ensureLive(agentId);
        const before = await this.#readState(live.session, opts?.signal);
        const resting = before.vendorState.startsWith('8') || before.vendorState.startsWith('9');
        await live.session.call(
          resting
            ? { method: 'POST', path: `onlineagent/${agentId}/cancelrest`, name: 'cancelRest', signal: opts?.signal }
            : { method: 'POST', path: `onlineagent/${agentId}/sayfree`, name: 'sayFree', signal: opts?.signal },
        );
        return { status: 'done', value: await this.#readState(live.session, opts?.signal) };
      }
      case 'break': {
        const plan = planBreak(target.reason, this.#profile.breakReasons);
        const live = await this.#ensureLive(agentId);
        if (plan.kind === 'busy') {
          const q = plan.busyReason !== undefined ? `?reason=${plan.busyReason}` : '';
          await live.session.call({ method: 'POST', path: `onlineagent/${agentId}/saybusy${q}`, name: 'sayBusy', signal: opts?.signal });
          const state = await this.#readState(live.session, opts?.signal);
          return { status: 'done', value: target.reason ? { ...state, reason: target.reason } : state };
        }
        const token: Extract<OutcomeToken, { kind: 'break' }> = {
          kind: 'break',
          center: this.center,
          agentId,
          after: this.#nowMs(),
          deadline: this.#nowMs() + this.#profile.breakConfirmSeconds * 1000,
          ...(target.reason ? { reason: target.reason } : {}),
        };
        await live.session.call({
          method: 'POST',
          path: `onlineagent/${agentId}/rest/${this.#profile.breakSeconds}/${plan.restCause}`,
          name: 'rest',
          signal: opts?.signal,
        });
        return decideBreak(token, encodeToken(token), this.events.eventsFor(agentId, token.after), this.#nowMs());
      }
    }
  }

  async pollOutcome(tokenText: string): Promise<Outcome<Conference | AgentState>> {
    const refused = tokenVersionFailure(tokenText);
    if (refused) return refused;
    const token = decodeToken(tokenText, this.center);
    const events = this.events.eventsFor(token.agentId, token.after);
    return token.kind === 'conference'
      ? decideConference(token, tokenText, events, this.#nowMs())
      : decideBreak(token, tokenText, events, this.#nowMs());
  }

  /**
   * Hands the agent over to another process (which took its event lease and
   * signed it in): stops polling it and forgets the session WITHOUT signing
   * out, which would sign the new holder out. Nothing here signs it in again
   * on its own; a later operation for the agent signs in afresh (the caller
   * checks the lease first).
   */
  async releaseAgent(agentId: string): Promise<void> {
    await this.#starting.get(agentId)?.catch(() => {});
    // A conference still waiting for its confirmation would invite (and sign in) from here.
    this.#pendingConferences.delete(agentId);
    const live = this.#live.get(agentId);
    if (!live) return;
    this.#live.delete(agentId);
    live.session.release();
    await live.poller.stop();
  }

  /** Stops every poller and signs every agent out; the first failure is thrown after all were tried. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled(this.#starting.values());
    const lives = [...this.#live.values()];
    this.#live.clear();
    await Promise.all(lives.map((l) => l.poller.stop()));
    const results = await Promise.allSettled(lives.map((l) => l.session.signOut()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  // --- internals -------------------------------------------------------------------

  #nowMs(): number {
    return (this.#deps.now?.() ?? new Date()).getTime();
  }

  #credentials(agentId: string): AgentCredentials {
    const creds = this.#agents.get(agentId);
    if (!creds) {
      throw new InvalidInput(
        `ccops acts on the Huawei agent gateway only as the agents it signs in as (${[...this.#agents.keys()].join(', ')}); agent ${agentId} is not configured for center "${this.center}".`,
        [{ path: 'agentId', message: 'not a configured agent' }],
      );
    }
    return creds;
  }

  async #readState(session: HuaweiAgentSession, signal?: AbortSignal): Promise<AgentState> {
    const env = await session.call({ method: 'GET', path: `onlineagent/${session.agentId}/agentstatus`, name: 'agentStatus', signal });
    const code = AgentStatusResult.safeParse(env.result);
    if (!code.success) {
      throw new VendorError({
        vendor: VENDOR,
        vendorCode: 'unexpected_result',
        message: 'The Huawei agent gateway answered the status query without a status code.',
        retryable: false,
        vendorMessage: JSON.stringify(env.result ?? null).slice(0, 200),
      });
    }
    return agentStateFromStatus(this.center, session.agentId, code.data, { result: env.result });
  }

  /** The agent's signed-in session with its poller running; one sign-in at a time per agent. */
  #ensureLive(agentId: string): Promise<Live> {
    if (this.#closed) return Promise.reject(new Error(`the Huawei adapter of center "${this.center}" is closed`));
    const live = this.#live.get(agentId);
    if (live?.session.wanted) {
      live.poller.start();
      return Promise.resolve(live);
    }
    let starting = this.#starting.get(agentId);
    if (!starting) {
      starting = this.#startLive(agentId).finally(() => this.#starting.delete(agentId));
      this.#starting.set(agentId, starting);
    }
    return starting;
  }

  async #startLive(agentId: string): Promise<Live> {
    const session =
      this.#live.get(agentId)?.session ??
      new HuaweiAgentSession({
        transport: this.#deps.transport,
        gatewayUrl: this.#profile.gatewayUrl,
        agent: this.#credentials(agentId),
        onSessionEvent: (e) => this.#deps.onSessionEvent?.(agentId, e),
      });
    await session.signIn();
    const poller = this.#live.get(agentId)?.poller ?? new AgentEventPoller({ session, hub: this.events, ...this.#deps.poller });
    const live = { session, poller };
    this.#live.set(agentId, live);
    poller.start();
    return live;
  }
}

export function createHuaweiAiccAdapter(center: string, profile: HuaweiAiccConfig, deps: HuaweiAiccDeps): HuaweiAiccAdapter {
  return new HuaweiAiccAdapter(center, profile, deps);
}

/** Kept for callers that build requests themselves (bench). */
export type { GatewayCall };
