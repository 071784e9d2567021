// Pure mapping from AICCS payloads to the vendor-neutral domain, and from
// domain intents to AICCS parameters. No I/O here.
import type { AgentState, AgentStateKind, CallDirection, CallOutcome, CallRecord } from '../../domain.ts';
import {
  AiccsCallDetailRecord,
  type HotlineAgentDetailData,
} from './schemas.ts';
import { parseLocalTime } from './time.ts';

// --- call results -------------------------------------------------------------

/**
 * CallResult -> domain outcome. The doc labels each value with where the call
 * ended (队列挂机 queue, 振铃挂机 ringing, IVR 挂机 IVR) and who hung up.
 *
 * | CallResult        | doc label            | picked up (PickUpTime) | not picked up        | why |
 * |-------------------|----------------------|------------------------|----------------------|-----|
 * | normal            | 正常挂机             | answered               | missed               | ended normally; unanswered normal calls are outbound calls the customer did not take |
 * | touchInQueue      | 队列挂机             | abandoned_in_queue     | abandoned_in_queue   | caller left while queued |
 * | touchInLoss       | 队列挂机             | abandoned_in_queue     | abandoned_in_queue   | queue loss: no agent took it |
 * | touchRouteError   | 队列挂机             | abandoned_in_queue     | abandoned_in_queue   | ended in the queue's routing |
 * | TouchRingCallLoss | 队列挂机, 振铃挂机   | abandoned_ringing      | abandoned_ringing    | caller left while an agent's phone rang |
 * | userHangup        | 用户挂机, IVR 挂机   | answered               | abandoned_ivr        | the caller hung up in the IVR |
 * | transferAgent     | 用户挂机, IVR 挂机   | answered               | abandoned_ivr        | the caller hung up while the IVR handed over to an agent |
 * | sysHangup         | 系统挂机, IVR 挂机   | answered               | missed               | the system, not the caller, ended it (closed hours, an IVR end node): nobody to call back for leaving |
 * | dailing (sic)     | 客服挂机, 振铃挂机   | answered               | missed               | the agent rejected or dropped it while ringing / dialing |
 * | queueClose        | CallResultList only  | abandoned_in_queue     | abandoned_in_queue   | the list filter's category, mapped in case a record carries it |
 * | dailingClose      | CallResultList only  | abandoned_ringing      | abandoned_ringing    | idem |
 * | ivrClose          | CallResultList only  | answered               | abandoned_ivr        | idem |
 * | anything else     |                      | answered               | failed               | unknown to the doc; the raw value is kept |
 *
 * The queue and ringing values win over a PickUpTime: they say no agent answered.
 */
export const CALL_RESULT_OUTCOMES: Readonly<Record<string, { pickedUp: CallOutcome; notPickedUp: CallOutcome }>> = {
  normal: { pickedUp: 'answered', notPickedUp: 'missed' },
  touchInQueue: { pickedUp: 'abandoned_in_queue', notPickedUp: 'abandoned_in_queue' },
  touchInLoss: { pickedUp: 'abandoned_in_queue', notPickedUp: 'abandoned_in_queue' },
  touchRouteError: { pickedUp: 'abandoned_in_queue', notPickedUp: 'abandoned_in_queue' },
  TouchRingCallLoss: { pickedUp: 'abandoned_ringing', notPickedUp: 'abandoned_ringing' },
  userHangup: { pickedUp: 'answered', notPickedUp: 'abandoned_ivr' },
  transferAgent: { pickedUp: 'answered', notPickedUp: 'abandoned_ivr' },
  sysHangup: { pickedUp: 'answered', notPickedUp: 'missed' },
  dailing: { pickedUp: 'answered', notPickedUp: 'missed' },
  queueClose: { pickedUp: 'abandoned_in_queue', notPickedUp: 'abandoned_in_queue' },
  dailingClose: { pickedUp: 'abandoned_ringing', notPickedUp: 'abandoned_ringing' },
  ivrClose: { pickedUp: 'answered', notPickedUp: 'abandoned_ivr' },
};

export function callOutcome(callResult: string | undefined, pickedUp: boolean): CallOutcome {
  const row = callResult ? CALL_RESULT_OUTCOMES[callResult] : undefined;
  if (!row) return pickedUp ? 'answered' : 'failed';
  return pickedUp ? row.pickedUp : row.notPickedUp;
}

/**
 * The coarse categories HotlineSessionQuery's `CallResultList` filter takes
 * (per the doc: normal, queueClose, dailingClose, ivrClose) that can contain
 * each domain outcome. The adapter filters the exact outcome locally.
 */
export const OUTCOME_FILTER_CATEGORIES: Readonly<Record<CallOutcome, readonly string[]>> = {
  answered: ['normal', 'ivrClose', 'dailingClose'],
  abandoned_in_queue: ['queueClose'],
  abandoned_ringing: ['queueClose', 'dailingClose'],
  abandoned_ivr: ['ivrClose'],
  missed: ['normal', 'ivrClose', 'dailingClose'],
  failed: [],
};

/** Categories for a set of outcomes; undefined when some outcome has none (query without the filter). */
export function callResultCategories(outcomes: readonly CallOutcome[]): string[] | undefined {
  const all = new Set<string>();
  for (const o of outcomes) {
    const cats = OUTCOME_FILTER_CATEGORIES[o];
    if (cats.length === 0) return undefined;
    for (const c of cats) all.add(c);
  }
  return [...all].sort();
}

/** CallType: 1 outbound, 2 inbound, 3 transfer (转交: a call handed on by an agent). */
export function callDirection(callType: number | undefined): CallDirection {
  if (callType === 1) return 'outbound';
  if (callType === 2) return 'inbound';
  return 'other';
}

const HANG_UP_ROLES: Record<string, CallRecord['releasedBy']> = { '1': 'system', '2': 'customer', '3': 'agent' };

export class AiccsMappingError extends Error {}

/**
 * One CallDetailRecord -> CallRecord. `raw` is the record as received; times
 * are read in `timeZone` and written with its offset. The id is the Acid
 * (what the agent workbench shows); the global Id is used when Acid is absent.
 */
export function toCallRecord(center: string, raw: Record<string, unknown>, timeZone: string): CallRecord {
  const r = AiccsCallDetailRecord.parse(raw);
  const id = r.Acid ?? r.Id;
  if (!id) throw new AiccsMappingError('an AICCS call record has neither Acid nor Id');
  const t = (v: string | undefined) => parseLocalTime(v, timeZone);
  const created = t(r.CreateTime);
  const queued = t(r.InQueueTime);
  const ringing = t(r.RingStartTime);
  const pickedUp = t(r.PickUpTime);
  const hungUp = t(r.HangUpTime);
  const answered = pickedUp !== undefined || (r.CallContinueTime ?? 0) > 0;
  const total =
    created && hungUp && hungUp.epochMs >= created.epochMs ? Math.round((hungUp.epochMs - created.epochMs) / 1000) : undefined;
  const durations: CallRecord['durations'] = {};
  if (total !== undefined) durations.total = total;
  if (r.QueueUpContinueTime !== undefined && r.QueueUpContinueTime >= 0) durations.queue = r.QueueUpContinueTime;
  if (r.RingContinueTime !== undefined && r.RingContinueTime >= 0) durations.ring = r.RingContinueTime;
  if (r.CallContinueTime !== undefined && r.CallContinueTime >= 0) durations.talk = r.CallContinueTime;

  const record: CallRecord = {
    center,
    id,
    direction: callDirection(r.CallType),
    agents: r.ServicerId ? [r.ServicerId] : [],
    durations,
    outcome: callOutcome(r.CallResult, answered),
    vendorOutcome: r.CallResult ?? '',
    releasedBy: r.HangUpRole ? (HANG_UP_ROLES[r.HangUpRole] ?? 'unknown') : 'unknown',
    raw,
  };
  if (r.CallingNumber) record.caller = r.CallingNumber;
  if (r.CalledNumber) record.callee = r.CalledNumber;
  const group = r.GroupName ?? r.GroupId;
  if (group) record.skillGroup = group;
  if (created) record.startedAt = created.iso;
  if (queued) record.queuedAt = queued.iso;
  if (ringing) record.ringingAt = ringing.iso;
  if (pickedUp) record.answeredAt = pickedUp.iso;
  if (hungUp) record.releasedAt = hungUp.iso;
  if (r.EvaluationScore !== undefined) record.satisfaction = r.EvaluationScore;
  return record;
}

// --- agent state ----------------------------------------------------------------

/** Break types: SuspendHotlineService `Type` and GetHotlineAgentDetail `RestType`. */
export const BREAK_TYPES = { rest: 1, meal: 2, meeting: 3, coaching: 4, training: 5 } as const;
export type BreakReason = keyof typeof BREAK_TYPES;
const BREAK_REASON_BY_TYPE: Record<number, BreakReason> = { 1: 'rest', 2: 'meal', 3: 'meeting', 4: 'coaching', 5: 'training' };

/** GetHotlineAgentStatus's Chinese state strings. */
export const HOTLINE_STATUS: Readonly<Record<string, { state: AgentStateKind; reason?: BreakReason }>> = {
  离线: { state: 'offline' },
  空闲: { state: 'ready' },
  话后处理: { state: 'acw' },
  通话中: { state: 'talking' },
  '小休-休息': { state: 'break', reason: 'rest' },
  '小休-就餐': { state: 'break', reason: 'meal' },
  '小休-会议': { state: 'break', reason: 'meeting' },
  '小休-培训': { state: 'break', reason: 'training' },
  '小休-辅导': { state: 'break', reason: 'coaching' },
};

/** GetHotlineAgentDetail's AgentStatusCode. */
export const AGENT_STATUS_CODES: Readonly<Record<string, AgentStateKind>> = {
  AgentCheckout: 'offline',
  AgentReady: 'ready',
  AgentBreak: 'break',
  AgentAcw: 'acw',
  AgentBusyForCall: 'talking',
};

/**
 * Which break type a free-text reason asks for (SuspendHotlineService `Type`):
 * lunch/meal -> 2, meeting -> 3, coaching -> 4, training -> 5, anything else
 * (or none) -> 1, the short break.
 */
export function breakTypeFor(reason: string | undefined): 1 | 2 | 3 | 4 | 5 {
  const r = (reason ?? '').toLowerCase();
  if (/lunch|meal|dinner|breakfast|eat|food|就餐|吃饭|午饭|用餐/.test(r)) return 2;
  if (/meeting|meet|会议|开会/.test(r)) return 3;
  if (/coach|辅导/.test(r)) return 4;
  if (/train|培训/.test(r)) return 5;
  return 1;
}

export const breakReasonFor = (type: number | undefined): BreakReason | undefined =>
  type === undefined ? undefined : BREAK_REASON_BY_TYPE[type];

/**
 * The normalized state from GetHotlineAgentStatus's string, with the detail
 * (GetHotlineAgentDetail) filling in what the string cannot say. Unknown
 * strings map through the detail's AgentStatusCode, else to not_ready; the
 * vendor's string is always kept.
 */
export function toAgentState(
  center: string,
  agentId: string,
  status: string | undefined,
  detail: HotlineAgentDetailData | undefined,
): AgentState {
  const known = status !== undefined ? HOTLINE_STATUS[status] : undefined;
  const fromCode = detail?.AgentStatusCode ? AGENT_STATUS_CODES[detail.AgentStatusCode] : undefined;
  let state: AgentStateKind;
  let reason: string | undefined;
  if (known) {
    state = known.state;
    reason = known.reason;
  } else if (status?.startsWith('小休')) {
    state = 'break';
    reason = status.slice(status.indexOf('-') + 1) || undefined;
  } else {
    state = fromCode ?? 'not_ready';
  }
  if (state === 'break' && reason === undefined) reason = breakReasonFor(detail?.RestType);
  const raw: Record<string, unknown> = {};
  if (status !== undefined) raw.status = status;
  if (detail) raw.detail = stripToken(detail);
  const result: AgentState = {
    center,
    agentId,
    state,
    vendorState: status ?? detail?.AgentStatusCode ?? '',
    raw,
  };
  if (reason !== undefined) result.reason = reason;
  return result;
}

/** The detail's heartbeat Token is a credential for SendHotlineHeartBeat: never kept. */
function stripToken(detail: HotlineAgentDetailData): Record<string, unknown> {
  const { Token: _token, ...rest } = detail;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}
