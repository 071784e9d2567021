// The simulated CCC instance: agents with a state machine, conference calls
// whose legs ring and then answer or time out, and call detail records. Pure
// in-memory state driven by a movable clock; actions throw CccFault with the
// codes and HTTP statuses the real API documents.
import { SimClock } from '../clock.ts';

export type UserState = 'READY' | 'WORKING' | 'DIALING' | 'BREAK' | 'OFFLINE' | 'TALKING' | 'RINGING';
export type ChannelState = 'CREATED' | 'RINGING' | 'ANSWERED' | 'RELEASED';

/** A business refusal, rendered as the CCC error envelope with its HTTP status. */
export class CccFault extends Error {
  readonly status: number;
  readonly errorCode: string;
  constructor(status: number, errorCode: string, message: string) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }
}

export { SimClock };

export interface SimAgent {
  userId: string;
  displayName: string;
  extension: string;
  mobile: string;
  /** Groups the agent belongs to. */
  skillGroups: string[];
  /** Groups the agent is signed in to now. */
  signedGroups: string[];
  state: UserState;
  breakCode?: string;
  stateSince: number;
  workMode: 'ON_SITE' | 'OFF_SITE' | 'OFFICE_PHONE';
  deviceId?: string;
  jobId?: string;
}

/** How a dialled participant behaves. */
export type LegBehaviour = 'answer' | 'no_answer' | 'busy';

export interface SimLeg {
  channelId: string;
  destination: string;
  originator: string;
  userId?: string;
  userExtension?: string;
  behaviour: LegBehaviour;
  createdAt: number;
  /** Set when the leg is hung up (EndConference); otherwise release follows from behaviour and clock. */
  releasedAt?: number;
  releaseReason?: string;
}

export interface SimJob {
  jobId: string;
  hostUserId: string;
  host: SimLeg;
  legs: SimLeg[];
  timeoutMs: number;
  createdAt: number;
  endedAt?: number;
  tags?: string;
}

/** A call detail record, as the V2 list returns it (numbers as numbers; rendering adapts per action). */
export interface SimCdr {
  ContactId: string;
  ContactType: 'INBOUND' | 'OUTBOUND' | 'INTERNAL' | 'CONFERENCE';
  ContactDisposition: string;
  CallingNumber: string;
  CalledNumber: string;
  StartTime: number;
  EstablishedTime?: number;
  ReleaseTime: number;
  CallDuration: number;
  IvrTime: number;
  QueueTime: number;
  RingTime: number;
  TalkTime: number;
  ReleaseInitiator: 'customer' | 'agent';
  ReleaseReason: string;
  AgentIds: string;
  AgentNames: string;
  SkillGroupIds: string;
  SkillGroupNames: string;
  SatisfactionIndex?: number;
  InstanceId: string;
}

export interface ConferenceTimings {
  /** From dialling to ringing. @defaultValue 1000 */
  ringAfterMs: number;
  /** From dialling to answer, for participants who answer. @defaultValue 3000 */
  answerAfterMs: number;
}

const userStateMismatch = (actual: UserState, expected: readonly UserState[]) =>
  new CccFault(400, 'InvalidOperation.UserState', `User state (${actual}) does not meet expectations (${expected.join(',')}).`);

const NOT_IN_CALL: readonly UserState[] = ['READY', 'BREAK', 'WORKING'];

export class CccModel {
  readonly instanceId: string;
  readonly clock: SimClock;
  readonly agents = new Map<string, SimAgent>();
  readonly jobs = new Map<string, SimJob>();
  /** Sorted by StartTime. */
  readonly calls: SimCdr[] = [];
  /** Participants that do not answer / are busy; everyone else answers. */
  readonly behaviour = new Map<string, LegBehaviour>();
  timings: ConferenceTimings;
  /** The agent the AccessKey's RAM user maps to, used when UserId is left out. */
  defaultUserId: string | undefined;
  #seq = 0;

  constructor(instanceId: string, clock = new SimClock(), timings: Partial<ConferenceTimings> = {}) {
    this.instanceId = instanceId;
    this.clock = clock;
    this.timings = { ringAfterMs: 1_000, answerAfterMs: 3_000, ...timings };
  }

  nextId(): number {
    return ++this.#seq;
  }

  // --- seeding and inspection ---------------------------------------------------

  addAgent(a: Pick<SimAgent, 'userId' | 'extension'> & Partial<SimAgent>): SimAgent {
    const agent: SimAgent = {
      displayName: a.userId.split('@')[0]!,
      mobile: '1390000' + a.extension.slice(-4),
      skillGroups: [`skillgroup1@${this.instanceId}`],
      state: 'OFFLINE',
      stateSince: this.clock.nowMs(),
      workMode: 'ON_SITE',
      ...a,
      signedGroups: a.signedGroups ?? (a.state && a.state !== 'OFFLINE' ? [...(a.skillGroups ?? [`skillgroup1@${this.instanceId}`])] : []),
    };
    this.agents.set(agent.userId, agent);
    this.defaultUserId ??= agent.userId;
    return agent;
  }

  /** Puts an agent in a state directly (tests, demo), bypassing the state machine. */
  setAgentState(userId: string, state: UserState, breakCode?: string): SimAgent {
    const a = this.agent(userId);
    this.#move(a, state, breakCode);
    if (state === 'OFFLINE') a.signedGroups = [];
    else if (!a.signedGroups.length) a.signedGroups = [...a.skillGroups];
    return a;
  }

  addCall(cdr: SimCdr): void {
    let i = this.calls.length;
    while (i > 0 && this.calls[i - 1]!.StartTime > cdr.StartTime) i--;
    this.calls.splice(i, 0, cdr);
  }

  agent(userId: string | undefined): SimAgent {
    const id = userId || this.defaultUserId;
    const a = id ? this.agents.get(id) : undefined;
    if (!a) throw new CccFault(404, 'NotExists.UserId', `The specified user ${id ?? ''} does not exist.`);
    return a;
  }

  #move(a: SimAgent, state: UserState, breakCode?: string): void {
    a.state = state;
    a.breakCode = state === 'BREAK' ? breakCode : undefined;
    a.stateSince = this.clock.nowMs();
  }

  // --- agent state machine ------------------------------------------------------

  signInGroup(userId: string | undefined, groups: string[], deviceId?: string): SimAgent {
    const a = this.agent(userId);
    for (const g of groups) {
      if (!a.skillGroups.includes(g)) throw new CccFault(403, 'Permission.SkillGroup', `No permission for skill group ${g}.`);
    }
    a.signedGroups = [...groups];
    if (deviceId) a.deviceId = deviceId;
    // Signing in puts an offline agent on the system break Warm-up until it says ready.
    if (a.state === 'OFFLINE') this.#move(a, 'BREAK', 'Warm-up');
    return a;
  }

  readyForService(userId: string | undefined): SimAgent {
    const a = this.agent(userId);
    if (!NOT_IN_CALL.includes(a.state)) throw userStateMismatch(a.state, NOT_IN_CALL);
    this.#move(a, 'READY');
    return a;
  }

  takeBreak(userId: string | undefined, code: string): SimAgent {
    const a = this.agent(userId);
    if (!NOT_IN_CALL.includes(a.state)) throw userStateMismatch(a.state, NOT_IN_CALL);
    this.#move(a, 'BREAK', code);
    return a;
  }

  signOutGroup(userId: string | undefined): SimAgent {
    const a = this.agent(userId);
    if (a.state === 'TALKING' || a.state === 'RINGING' || a.state === 'DIALING') {
      throw new CccFault(400, 'InvalidOperation.ChannelState', `Channel state of user ${a.userId} does not allow signing out (${a.state}).`);
    }
    if (a.state === 'OFFLINE') throw userStateMismatch(a.state, NOT_IN_CALL);
    a.signedGroups = [];
    this.#move(a, 'OFFLINE');
    return a;
  }

  // --- conferences ----------------------------------------------------------------

  startConference(userId: string | undefined, participants: string[], timeoutSeconds: number, tags?: string): SimJob {
    const host = this.agent(userId);
    if (host.state === 'OFFLINE') throw userStateMismatch(host.state, [...NOT_IN_CALL, 'TALKING']);
    if (host.state === 'RINGING' || host.state === 'DIALING') {
      throw new CccFault(400, 'InvalidOperation.ChannelState', `Channel state of user ${host.userId} does not allow a conference (${host.state}).`);
    }
    const now = this.clock.nowMs();
    const jobId = `job-${6_570_000_000_000_000_000n + BigInt(this.nextId())}`;
    const legs = participants.map((p) => {
      const agent = /^\d{3,8}$/.test(p) ? [...this.agents.values()].find((a) => a.extension === p) : undefined;
      if (/^\d{3,8}$/.test(p) && !agent) {
        throw new CccFault(404, 'NotExists.Number', `The specified number ${p} does not exist in instance ${this.instanceId}.`);
      }
      return {
        channelId: `ch:user:${host.extension}->${p}:${now}:${jobId}`,
        destination: p,
        originator: host.extension,
        ...(agent ? { userId: agent.userId, userExtension: agent.extension } : {}),
        behaviour: this.behaviour.get(p) ?? 'answer',
        createdAt: now,
      } satisfies SimLeg;
    });
    const job: SimJob = {
      jobId,
      hostUserId: host.userId,
      host: {
        channelId: `ch:user:${host.extension}:${now}:${jobId}`,
        destination: host.extension,
        originator: host.extension,
        userId: host.userId,
        userExtension: host.extension,
        behaviour: 'answer',
        createdAt: now - this.timings.answerAfterMs,
      },
      legs,
      timeoutMs: timeoutSeconds * 1000,
      createdAt: now,
      ...(tags ? { tags } : {}),
    };
    this.jobs.set(jobId, job);
    host.jobId = jobId;
    this.#move(host, 'TALKING');
    return job;
  }

  endConference(userId: string | undefined, jobId: string): SimJob {
    const host = this.agent(userId);
    const job = this.jobs.get(jobId);
    if (!job || job.endedAt !== undefined || host.jobId !== jobId) {
      throw new CccFault(400, 'InvalidOperation.ChannelState', `User ${host.userId} is not in a conference with call id ${jobId}.`);
    }
    const now = this.clock.nowMs();
    job.endedAt = now;
    for (const leg of [job.host, ...job.legs]) {
      if (this.legState(job, leg, now).state !== 'RELEASED') {
        leg.releasedAt = now;
        leg.releaseReason = '200 - OK';
      }
    }
    host.jobId = undefined;
    this.#move(host, 'WORKING');
    this.addCall(this.#conferenceRecord(job, host, now));
    return job;
  }

  /** A leg's state at `now`, derived from its behaviour and the timings. */
  legState(job: SimJob, leg: SimLeg, now = this.clock.nowMs()): { state: ChannelState; since: number; reason?: string } {
    if (leg.releasedAt !== undefined && now >= leg.releasedAt) {
      return { state: 'RELEASED', since: leg.releasedAt, ...(leg.releaseReason ? { reason: leg.releaseReason } : {}) };
    }
    const t = now - leg.createdAt;
    const { ringAfterMs, answerAfterMs } = this.timings;
    if (t < ringAfterMs) return { state: 'CREATED', since: leg.createdAt };
    if (leg.behaviour === 'busy') return { state: 'RELEASED', since: leg.createdAt + ringAfterMs, reason: '486 - Busy Here' };
    if (leg.behaviour === 'answer' && answerAfterMs < job.timeoutMs) {
      if (t < answerAfterMs) return { state: 'RINGING', since: leg.createdAt + ringAfterMs };
      return { state: 'ANSWERED', since: leg.createdAt + answerAfterMs };
    }
    if (t < job.timeoutMs) return { state: 'RINGING', since: leg.createdAt + ringAfterMs };
    return { state: 'RELEASED', since: leg.createdAt + job.timeoutMs, reason: '480 - Temporarily Unavailable' };
  }

  #conferenceRecord(job: SimJob, host: SimAgent, now: number): SimCdr {
    const answered = job.legs.some((l) => l.releaseReason === '200 - OK');
    return {
      ContactId: job.jobId,
      ContactType: 'CONFERENCE',
      ContactDisposition: answered ? 'Success' : 'NoAnswer',
      CallingNumber: host.extension,
      CalledNumber: job.legs.map((l) => l.destination).join(','),
      StartTime: job.createdAt,
      ...(answered ? { EstablishedTime: job.createdAt + this.timings.answerAfterMs } : {}),
      ReleaseTime: now,
      CallDuration: Math.round((now - job.createdAt) / 1000),
      IvrTime: 0,
      QueueTime: 0,
      RingTime: Math.round(this.timings.answerAfterMs / 1000),
      TalkTime: answered ? Math.max(0, Math.round((now - job.createdAt - this.timings.answerAfterMs) / 1000)) : 0,
      ReleaseInitiator: 'agent',
      ReleaseReason: '200 - OK',
      AgentIds: host.userId,
      AgentNames: host.displayName,
      SkillGroupIds: host.signedGroups[0] ?? '',
      SkillGroupNames: '',
      InstanceId: this.instanceId,
    };
  }

  // --- call records -----------------------------------------------------------------

  findCall(contactId: string): SimCdr {
    const c = this.calls.find((x) => x.ContactId === contactId);
    if (!c) throw new CccFault(404, 'NotExists.ContactId', `The specified contact ${contactId} does not exist.`);
    return c;
  }
}
