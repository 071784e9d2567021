// The simulated CC-Gateway's state: agents, their Guids (dynamic mode:
// rotated on event polls, the previous one accepted for a grace period),
// event queues with long-poll waiters, the sign-out of agents left unpolled,
// the agent state machine, conferences and calls. Behaviour follows
// ../../shared/vendor-docs notes B.0-B.6 as copied into the adapter's comments.
import { randomUUID } from 'node:crypto';

export interface SimAgentConfig {
  agentId: string;
  password: string;
  phoneNumber: string;
}

export interface HuaweiSimModelOptions {
  /** @defaultValue agents 291, 292 and 293, password "sim-password" */
  agents?: SimAgentConfig[];
  /** A poll with no event waiting is held this long (AGENT_POLL_WAIT 100 × 100 ms). @defaultValue 10000 */
  pollHoldMs?: number;
  /** GUIDINTERVAL: a poll answered this long after the Guid was issued carries a new one; 0 rotates on every poll. @defaultValue 60000 */
  guidRotateMs?: number;
  /** The replaced Guid stays valid this long (GUIDTIMEOUT − GUIDINTERVAL). @defaultValue 60000 */
  guidGraceMs?: number;
  /** An agent not polled for this long is signed out. @defaultValue 120000 */
  signOutAfterMs?: number;
  /** Pause between the events of a sequence (conference set-up, rest). @defaultValue 30 */
  eventDelayMs?: number;
}

export interface SimEvent {
  eventType: string;
  workNo: string;
  content: unknown;
  eventGenTime: number;
}

export interface SimCall {
  callid: string;
  callfeature: number;
  caller: string;
  called: string;
  callskill: string;
  callskillid: number;
  begintime?: number;
  endtime?: number;
  waitTime: number;
}

export interface SimConference {
  confId: number;
  chair: string;
  established: boolean;
  participants: Array<{ addressType: string; address: string }>;
}

interface Waiter {
  resolve: (event: SimEvent | undefined) => void;
  timer: NodeJS.Timeout;
}

export interface SimAgent extends SimAgentConfig {
  signedIn: boolean;
  /** CC-Gateway status code (cec_07_0581): 2 signed out, 3 busy, 4 idle, 5 wrap-up, 7 talking, 8 rest, 9 pre-rest. */
  status: number;
  guid: string | undefined;
  guidIssuedAt: number;
  previousGuid: { guid: string; validUntil: number } | undefined;
  /** Every Guid issued to this agent, in order (tests assert on rotation). */
  guids: string[];
  lastPollAt: number;
  queue: SimEvent[];
  waiter: Waiter | undefined;
  restCause: number | undefined;
  busyReason: number | undefined;
  conference: SimConference | undefined;
  currentCall: SimCall | undefined;
  lastCall: SimCall | undefined;
  /** Why the agent was signed out, latest last. */
  signOuts: Array<'logout' | 'unpolled' | 'forced'>;
  signIns: number;
}

export type AuthResult = { ok: true; agent: SimAgent } | { ok: false; retcode: string };

export class HuaweiSimModel {
  readonly agents = new Map<string, SimAgent>();
  readonly opts: Required<Omit<HuaweiSimModelOptions, 'agents'>>;
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #sweeper: NodeJS.Timeout;
  readonly #failNext: Array<{ action: string; retcode: string; agentId?: string }> = [];
  #nextConfId = 1_030_400;
  #nextCallSeq = 546_750;
  #conferenceFailure: number | undefined;

  constructor(options: HuaweiSimModelOptions = {}) {
    this.opts = {
      pollHoldMs: options.pollHoldMs ?? 10_000,
      guidRotateMs: options.guidRotateMs ?? 60_000,
      guidGraceMs: options.guidGraceMs ?? 60_000,
      signOutAfterMs: options.signOutAfterMs ?? 120_000,
      eventDelayMs: options.eventDelayMs ?? 30,
    };
    const agents = options.agents ?? [
      { agentId: '291', password: 'sim-password', phoneNumber: '40038' },
      { agentId: '292', password: 'sim-password', phoneNumber: '40039' },
      { agentId: '293', password: 'sim-password', phoneNumber: '40040' },
    ];
    for (const a of agents) {
      this.agents.set(a.agentId, {
        ...a,
        signedIn: false,
        status: 2,
        guid: undefined,
        guidIssuedAt: 0,
        previousGuid: undefined,
        guids: [],
        lastPollAt: 0,
        queue: [],
        waiter: undefined,
        restCause: undefined,
        busyReason: undefined,
        conference: undefined,
        currentCall: undefined,
        lastCall: undefined,
        signOuts: [],
        signIns: 0,
      });
    }
    const sweepMs = Math.max(20, Math.min(1000, Math.floor(this.opts.signOutAfterMs / 4)));
    this.#sweeper = setInterval(() => this.#signOutUnpolled(), sweepMs);
  }

  agent(agentId: string): SimAgent | undefined {
    return this.agents.get(agentId);
  }

  /** The next request for `action` (optionally of one agent) is answered with `retcode`. */
  failNext(action: string, retcode: string, agentId?: string): void {
    this.#failNext.push({ action, retcode, ...(agentId ? { agentId } : {}) });
  }

  takeFailure(action: string, agentId: string): string | undefined {
    const i = this.#failNext.findIndex((f) => f.action === action && (!f.agentId || f.agentId === agentId));
    if (i < 0) return undefined;
    return this.#failNext.splice(i, 1)[0]!.retcode;
  }

  /** The next conference request is refused by the platform with AgentConf_RequestFailed {cause}. */
  failNextConference(cause = 21234): void {
    this.#conferenceFailure = cause;
  }

  /** Invalidates the agent's Guid now, as a forcelogin elsewhere would (the next request gets 000-003). */
  revokeGuid(agentId: string): void {
    const a = this.agents.get(agentId);
    if (!a) return;
    a.guid = `revoked-${randomUUID()}`;
    a.previousGuid = undefined;
  }

  /** Makes the next event poll of the agent carry a new Guid. */
  rotateOnNextPoll(agentId: string): void {
    const a = this.agents.get(agentId);
    if (a) a.guidIssuedAt = Number.NEGATIVE_INFINITY;
  }

  // --- sessions ------------------------------------------------------------------

  signIn(a: SimAgent, status: number, force: boolean): string {
    if (force && a.signedIn) a.signOuts.push('forced');
    this.#answerWaiter(a, undefined);
    a.signedIn = true;
    a.status = [3, 4, 5].includes(status) ? status : 4;
    a.queue = [];
    a.previousGuid = undefined;
    a.lastPollAt = Date.now();
    a.signIns++;
    this.#issueGuid(a);
    return a.guid!;
  }

  signOut(a: SimAgent, why: 'logout' | 'unpolled'): void {
    this.#answerWaiter(a, undefined);
    a.signedIn = false;
    a.status = 2;
    a.guid = undefined;
    a.previousGuid = undefined;
    a.queue = [];
    a.conference = undefined;
    a.signOuts.push(why);
  }

  /** Checks the Guid header of a request for an agent (notes B.0: mismatch -> 000-003, not signed in -> 100-006). */
  authenticate(agentId: string, guid: string | undefined): AuthResult {
    const a = this.agents.get(agentId);
    if (!a) return { ok: false, retcode: '000-002' };
    if (!a.signedIn) return { ok: false, retcode: '100-006' };
    if (guid && guid === a.guid) return { ok: true, agent: a };
    if (guid && a.previousGuid && guid === a.previousGuid.guid && Date.now() <= a.previousGuid.validUntil) {
      return { ok: true, agent: a };
    }
    return { ok: false, retcode: '000-003' };
  }

  /** Rotates the Guid if its interval has passed (dynamic mode); returns the new one. */
  maybeRotate(a: SimAgent): string | undefined {
    if (!a.signedIn || Date.now() - a.guidIssuedAt < this.opts.guidRotateMs) return undefined;
    a.previousGuid = a.guid ? { guid: a.guid, validUntil: Date.now() + this.opts.guidGraceMs } : undefined;
    this.#issueGuid(a);
    return a.guid;
  }

  #issueGuid(a: SimAgent): void {
    a.guid = `${randomUUID()}.AgentGateway0`;
    a.guidIssuedAt = Date.now();
    a.guids.push(a.guid);
  }

  /** Which Guid (1 = the first issued) a request used; 0 if none of this agent's. */
  guidNumber(a: SimAgent, guid: string | undefined): number {
    return guid ? a.guids.indexOf(guid) + 1 : 0;
  }

  // --- events --------------------------------------------------------------------

  emit(a: SimAgent, eventType: string, content: unknown = null): void {
    if (!a.signedIn) return;
    const event: SimEvent = { eventType, workNo: a.agentId, content, eventGenTime: Date.now() };
    if (a.waiter) this.#answerWaiter(a, event);
    else a.queue.push(event);
  }

  /** Emits events one after another, `eventDelayMs` apart, then runs `then`. */
  sequence(a: SimAgent, steps: Array<[string, unknown] | (() => void)>): void {
    let i = 0;
    const next = () => {
      if (i >= steps.length) return;
      const step = steps[i++]!;
      if (typeof step === 'function') step();
      else this.emit(a, step[0], step[1]);
      this.later(this.opts.eventDelayMs, next);
    };
    this.later(this.opts.eventDelayMs, next);
  }

  /** The long poll: an event at once if one is queued, else the first to come within pollHoldMs. */
  poll(a: SimAgent): Promise<SimEvent | undefined> {
    a.lastPollAt = Date.now();
    const queued = a.queue.shift();
    if (queued) return Promise.resolve(queued);
    // A second poll while one waits: the first one returns empty.
    this.#answerWaiter(a, undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#answerWaiter(a, undefined), this.opts.pollHoldMs);
      a.waiter = { resolve, timer };
    });
  }

  #answerWaiter(a: SimAgent, event: SimEvent | undefined): void {
    const w = a.waiter;
    if (!w) return;
    a.waiter = undefined;
    clearTimeout(w.timer);
    a.lastPollAt = Date.now();
    w.resolve(event);
  }

  #signOutUnpolled(): void {
    const now = Date.now();
    for (const a of this.agents.values()) {
      if (a.signedIn && !a.waiter && now - a.lastPollAt > this.opts.signOutAfterMs) this.signOut(a, 'unpolled');
    }
  }

  later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      fn();
    }, ms);
    this.#timers.add(t);
  }

  // --- conferences ---------------------------------------------------------------

  requestConference(a: SimAgent): void {
    const confId = this.#nextConfId++;
    const failure = this.#conferenceFailure;
    this.#conferenceFailure = undefined;
    if (failure !== undefined || (a.status !== 4 && a.status !== 7)) {
      this.sequence(a, [['AgentConf_RequestFailed', { cause: failure ?? 21234 }]]);
      return;
    }
    a.conference = { confId, chair: a.agentId, established: false, participants: [] };
    a.status = 7;
    this.sequence(a, [
      ['AgentState_Busy', null],
      ['AgentOther_PhoneAlerting', null],
      ['AgentOther_PhoneOffhook', { type: 'main' }],
      ['AgentConf_SelfJoinResult', { confId }],
      () => {
        if (a.conference?.confId === confId) a.conference.established = true;
      },
      ['AgentConf_RequestSuccess', { confId }],
    ]);
  }

  addParticipants(a: SimAgent, addresses: Array<{ addressType: string; address: string }>): void {
    const conf = a.conference!;
    conf.participants.push(...addresses);
    for (const p of addresses) {
      const invited = p.addressType === '9' ? this.agents.get(p.address) : undefined;
      if (invited?.signedIn) {
        invited.conference = conf;
        invited.status = 7;
        this.sequence(invited, [['AgentConf_Ringing', { confId: conf.confId }]]);
      }
      this.sequence(a, [['AgentConf_ParticipantChanged', { confId: conf.confId, address: p.address }]]);
    }
  }

  endConference(a: SimAgent): void {
    const conf = a.conference!;
    for (const other of this.agents.values()) {
      if (other.conference?.confId === conf.confId) {
        other.conference = undefined;
        other.status = 4;
        if (other !== a) this.sequence(other, [['AgentConf_SelfLeaveResult', { confId: conf.confId }], ['AgentState_Ready', null]]);
      }
    }
    this.sequence(a, [
      ['AgentOther_PhoneRelease', { phoneState: 2 }],
      ['AgentConf_SelfLeaveResult', { confId: conf.confId }],
      ['AgentState_Ready', null],
    ]);
  }

  leaveConference(a: SimAgent): void {
    const conf = a.conference!;
    a.conference = undefined;
    a.status = 4;
    const chair = this.agents.get(conf.chair);
    if (chair) this.sequence(chair, [['AgentConf_ParticipantChanged', { confId: conf.confId, address: a.agentId, left: true }]]);
    this.sequence(a, [['AgentConf_SelfLeaveResult', { confId: conf.confId }], ['AgentOther_PhoneRelease', { phoneState: 2 }]]);
  }

  // --- agent state ---------------------------------------------------------------

  /** rest/{time}/{cause}: at once when idle/busy/wrap-up, after the call when talking (pre-rest). */
  rest(a: SimAgent, cause: number): void {
    a.restCause = cause;
    if (a.status === 7) {
      a.status = 9;
      return;
    }
    this.sequence(a, [
      () => {
        if (a.status !== 2) a.status = 8;
      },
      ['AgentState_SetRest_Success', null],
    ]);
  }

  // --- calls ---------------------------------------------------------------------

  /** An inbound call answered by the agent; ends after `talkMs` unless ended by endCall. */
  placeCall(a: SimAgent, opts: { caller?: string; talkMs?: number } = {}): SimCall {
    const start = Date.now();
    const call: SimCall = {
      callid: `${start}-${this.#nextCallSeq++}`,
      callfeature: 0,
      caller: opts.caller ?? `1317511${String(this.#nextCallSeq % 10_000).padStart(4, '0')}`,
      called: '4008001234',
      callskill: 'voice-support',
      callskillid: 1,
      waitTime: 7,
    };
    a.currentCall = call;
    this.emit(a, 'AgentEvent_Customer_Alerting', { callid: call.callid, otherPhoneWorkno: '', otherPhone: call.caller, type: 'main' });
    call.begintime = Date.now();
    a.status = 7;
    this.emit(a, 'AgentEvent_Talking', call.callid);
    if (opts.talkMs !== undefined) this.later(opts.talkMs, () => this.endCall(a));
    return call;
  }

  endCall(a: SimAgent): void {
    const call = a.currentCall;
    if (!call) return;
    call.endtime = Date.now();
    a.currentCall = undefined;
    a.lastCall = call;
    this.emit(a, 'AgentEvent_Customer_Release', { callid: call.callid, number: call.caller });
    this.emit(a, 'AgentEvent_Call_Release', call.callid);
    if (a.status === 9) {
      a.status = 8;
      this.emit(a, 'AgentState_SetRest_Success', null);
    } else if (a.status === 7) {
      a.status = 5;
      this.emit(a, 'AgentState_Work', null);
      this.later(this.opts.eventDelayMs * 10, () => {
        if (a.status === 5) {
          a.status = 4;
          this.emit(a, 'AgentState_Ready', null);
        }
      });
    }
  }

  close(): void {
    clearInterval(this.#sweeper);
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    for (const a of this.agents.values()) this.#answerWaiter(a, undefined);
  }
}
