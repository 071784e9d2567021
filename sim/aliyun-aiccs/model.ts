// The AICCS simulator's state: hotline agents by AccountName with the
// transitions the hotline service allows, and call detail records as
// HotlineSessionQuery returns them. Time comes from a controllable clock so
// tests and the demo can move it.
import { randomUUID } from 'node:crypto';
import { formatLocalTime } from '../../shared/vendors/aliyun-aiccs/time.ts';

export class SimClock {
  #offsetMs = 0;
  #frozenAt: number | undefined;
  constructor(start?: number) {
    if (start !== undefined) this.#offsetMs = start - Date.now();
  }
  now(): number {
    return this.#frozenAt ?? Date.now() + this.#offsetMs;
  }
  set(epochMs: number): void {
    if (this.#frozenAt !== undefined) this.#frozenAt = epochMs;
    else this.#offsetMs = epochMs - Date.now();
  }
  advance(ms: number): void {
    this.set(this.now() + ms);
  }
  /** Stops time (tests); `resume` lets it run again from there. */
  freeze(): void {
    this.#frozenAt = this.now();
  }
  resume(): void {
    if (this.#frozenAt === undefined) return;
    this.#offsetMs = this.#frozenAt - Date.now();
    this.#frozenAt = undefined;
  }
}

/** GetHotlineAgentStatus's strings. */
export const HOTLINE_STATES = ['离线', '空闲', '话后处理', '通话中', '小休-休息', '小休-就餐', '小休-会议', '小休-培训', '小休-辅导'] as const;
export type HotlineState = (typeof HOTLINE_STATES)[number];

const BREAK_BY_TYPE: Record<number, HotlineState> = {
  1: '小休-休息',
  2: '小休-就餐',
  3: '小休-会议',
  4: '小休-辅导',
  5: '小休-培训',
};
const TYPE_BY_BREAK: Partial<Record<HotlineState, number>> = { '小休-休息': 1, '小休-就餐': 2, '小休-会议': 3, '小休-辅导': 4, '小休-培训': 5 };

/** GetHotlineAgentDetail's AgentStatusCode / AgentStatus for each state (AgentStatus numbering is the simulator's guess). */
const DETAIL_BY_STATE: Record<HotlineState, { code: string; status: number }> = {
  离线: { code: 'AgentCheckout', status: 1 },
  空闲: { code: 'AgentReady', status: 2 },
  '小休-休息': { code: 'AgentBreak', status: 3 },
  '小休-就餐': { code: 'AgentBreak', status: 3 },
  '小休-会议': { code: 'AgentBreak', status: 3 },
  '小休-培训': { code: 'AgentBreak', status: 3 },
  '小休-辅导': { code: 'AgentBreak', status: 3 },
  话后处理: { code: 'AgentAcw', status: 4 },
  通话中: { code: 'AgentBusyForCall', status: 5 },
};

export interface SimAgent {
  accountName: string;
  /** The 坐席 ID that call records carry as ServicerId. */
  servicerId: string;
  name: string;
  groupId: string;
  groupName: string;
  state: HotlineState;
  since: number;
  /** Heartbeat token issued by StartHotlineService. */
  token?: string;
}

/** One call detail record, times as epoch ms (rendered in the instance's zone on the wire). */
export interface SimCall {
  id: string;
  acid: string;
  callType: 1 | 2 | 3;
  callResult: string;
  callingNumber: string;
  calledNumber: string;
  createdAt: number;
  inQueueAt?: number;
  outQueueAt?: number;
  ringStartAt?: number;
  ringEndAt?: number;
  pickUpAt?: number;
  hangUpAt: number;
  hangUpRole?: '1' | '2' | '3';
  groupId?: string;
  groupName?: string;
  servicerId?: string;
  servicerName?: string;
  evaluationScore?: number;
}

/** A refused transition, answered in the AICCS envelope. */
export class TransitionRefused extends Error {}

export interface AiccsModelOptions {
  instanceId: string;
  /** @defaultValue Asia/Shanghai */
  timeZone?: string;
  clock?: SimClock;
}

export class AiccsModel {
  readonly instanceId: string;
  readonly timeZone: string;
  readonly clock: SimClock;
  readonly agents = new Map<string, SimAgent>();
  /** Oldest first by creation time. */
  readonly calls: SimCall[] = [];
  /** ClientTokens already applied, per action, with the answer given (idempotent replays). */
  readonly #applied = new Map<string, unknown>();

  constructor(opts: AiccsModelOptions) {
    this.instanceId = opts.instanceId;
    this.timeZone = opts.timeZone ?? 'Asia/Shanghai';
    this.clock = opts.clock ?? new SimClock();
  }

  addAgent(a: Omit<SimAgent, 'state' | 'since'> & { state?: HotlineState }): SimAgent {
    const agent: SimAgent = { ...a, state: a.state ?? '离线', since: this.clock.now() };
    this.agents.set(agent.accountName, agent);
    return agent;
  }

  agent(accountName: string): SimAgent | undefined {
    return this.agents.get(accountName);
  }

  /** Moves an agent as a live call would (tests put agents on calls). */
  force(accountName: string, state: HotlineState): void {
    const a = this.agents.get(accountName);
    if (!a) throw new Error(`no agent ${accountName}`);
    this.#move(a, state);
  }

  #move(a: SimAgent, state: HotlineState): void {
    if (a.state !== state) a.since = this.clock.now();
    a.state = state;
  }

  #once<T>(action: string, clientToken: string | undefined, apply: () => T): T {
    if (!clientToken) return apply();
    const key = `${action}:${clientToken}`;
    if (this.#applied.has(key)) return this.#applied.get(key) as T;
    const result = apply();
    this.#applied.set(key, result);
    return result;
  }

  /** StartHotlineService: sign in or end a break or after-call work. Not while talking. */
  startService(a: SimAgent, clientToken?: string): string {
    return this.#once('StartHotlineService', clientToken, () => {
      if (a.state === '通话中') throw new TransitionRefused('The agent is in a call; the hotline service cannot be started now');
      if (a.state === '离线' || !a.token) a.token = randomUUID().replace(/-/g, '');
      this.#move(a, '空闲');
      return a.token;
    });
  }

  /** SuspendHotlineService: a break of a type 1-5; only for a signed-in agent not in a call. */
  suspendService(a: SimAgent, type: number, clientToken?: string): void {
    this.#once('SuspendHotlineService', clientToken, () => {
      const target = BREAK_BY_TYPE[type];
      if (!target) throw new TransitionRefused(`Type ${type} is not a break type (1-5)`);
      if (a.state === '离线') throw new TransitionRefused('The agent is not signed in to the hotline service');
      if (a.state === '通话中') throw new TransitionRefused('The agent is in a call; a break can start after it');
      this.#move(a, target);
    });
  }

  /** FinishHotlineService: sign out; not while talking. */
  finishService(a: SimAgent, clientToken?: string): void {
    this.#once('FinishHotlineService', clientToken, () => {
      if (a.state === '通话中') throw new TransitionRefused('The agent is in a call; sign-out can happen after it');
      a.token = undefined;
      this.#move(a, '离线');
    });
  }

  detail(a: SimAgent): Record<string, unknown> {
    const d = DETAIL_BY_STATE[a.state];
    const out: Record<string, unknown> = {
      AgentId: Number(a.servicerId),
      AgentStatus: d.status,
      AgentStatusCode: d.code,
      Assigned: a.state !== '离线',
      TenantId: 90001,
      Token: a.token ?? null,
    };
    const rest = TYPE_BY_BREAK[a.state];
    if (rest !== undefined) out.RestType = rest;
    return out;
  }

  addCall(call: SimCall): void {
    // Keep creation order; generated calls mostly arrive in order, so insert from the end.
    let i = this.calls.length;
    while (i > 0 && this.calls[i - 1]!.createdAt > call.createdAt) i--;
    this.calls.splice(i, 0, call);
  }

  /** A record as HotlineSessionQuery writes it. */
  render(c: SimCall): Record<string, unknown> {
    const t = (ms: number | undefined) => (ms === undefined ? null : formatLocalTime(ms, this.timeZone));
    const secs = (a: number | undefined, b: number | undefined) =>
      a === undefined || b === undefined ? null : Math.max(0, Math.round((b - a) / 1000));
    return {
      Id: c.id,
      Acid: c.acid,
      CallType: c.callType,
      CallResult: c.callResult,
      CallingNumber: c.callingNumber,
      CalledNumber: c.calledNumber,
      TrunkCall: null,
      CreateTime: t(c.createdAt),
      InQueueTime: t(c.inQueueAt),
      OutQueueTime: t(c.outQueueAt),
      RingStartTime: t(c.ringStartAt),
      RingEndTime: t(c.ringEndAt),
      PickUpTime: t(c.pickUpAt),
      HangUpTime: t(c.hangUpAt),
      CallContinueTime: secs(c.pickUpAt, c.hangUpAt),
      QueueUpContinueTime: secs(c.inQueueAt, c.outQueueAt ?? (c.ringStartAt === undefined ? c.hangUpAt : c.ringStartAt)),
      RingContinueTime: secs(c.ringStartAt, c.ringEndAt),
      HangUpRole: c.hangUpRole ?? null,
      GroupId: c.groupId === undefined ? null : Number(c.groupId),
      GroupName: c.groupName ?? null,
      ServicerId: c.servicerId ?? null,
      ServicerName: c.servicerName ?? null,
      MemberId: null,
      MemberName: null,
      EvaluationLevel: c.evaluationScore === undefined ? null : 5,
      EvaluationScore: c.evaluationScore ?? null,
      ActiveTransferId: null,
      PassiveTransferId: null,
      PassiveTransferIdType: null,
    };
  }
}

/**
 * HotlineSessionQuery's CallResultList takes, per the doc, the categories
 * normal / queueClose / dailingClose / ivrClose. Which record values fall in
 * each is read from the doc's own labels for CallResult (队列挂机, 振铃挂机,
 * IVR 挂机); a record value given directly also matches itself.
 */
export const CALL_RESULT_CATEGORIES: Record<string, readonly string[]> = {
  normal: ['normal'],
  queueClose: ['touchRouteError', 'touchInQueue', 'touchInLoss', 'TouchRingCallLoss'],
  dailingClose: ['dailing', 'TouchRingCallLoss'],
  ivrClose: ['userHangup', 'sysHangup', 'transferAgent'],
};
