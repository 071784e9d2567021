// TCCC raw JSON -> the domain. Pure. Each response is parsed with zod; fields
// ccops does not map stay in `raw`. Field lists: tencentcloud-sdk-nodejs
// ccc/v20200210/ccc_models.ts (TelCdrInfo, DescribeSessionDetailResponse,
// StaffStatusMetrics, SetStaffStatusRspItem), as summarised in the vendor notes.
import { z } from 'zod/v4';
import type { AgentState, AgentStateKind, CallDirection, CallOutcome, CallRecord } from '../../domain.ts';

// --- raw schemas ----------------------------------------------------------------

/** Unix seconds; TCCC sends 0 (or nothing) when the moment never happened. */
const unixSeconds = z.number().nonnegative().nullish();
const text = z.string().nullish();

export const ServeParticipant = z.looseObject({
  Mail: text,
  Phone: text,
  RingTimestamp: unixSeconds,
  AcceptTimestamp: unixSeconds,
  EndedTimestamp: unixSeconds,
  StartTimestamp: unixSeconds,
  Type: text,
  SkillGroupId: z.number().nullish(),
  SkillGroupName: text,
  EndStatusString: text,
  Sequence: z.number().nullish(),
});

export const SeatUser = z.looseObject({
  Name: text,
  Mail: text,
  StaffNumber: text,
  UserId: text,
  SkillGroupNameList: z.array(z.string()).nullish(),
});

export const TelCdrInfo = z.looseObject({
  SessionId: z.string().min(1),
  Caller: text,
  Callee: text,
  /** Call start, Unix seconds. */
  Time: z.number().nonnegative(),
  /** 0 inbound, 1 outbound. */
  Direction: z.number().int(),
  /** 1 outbound, 2 inbound, 3 audio inbound, 5 predictive, 6 internal. */
  CallType: z.number().int().nullish(),
  Duration: z.number().nullish(),
  SeatUser: SeatUser.nullish(),
  EndStatus: z.number().int(),
  EndStatusString: text,
  SkillGroup: text,
  SkillGroupId: z.number().nullish(),
  IVRDuration: z.number().nullish(),
  RingTimestamp: unixSeconds,
  AcceptTimestamp: unixSeconds,
  EndedTimestamp: unixSeconds,
  StartTimestamp: unixSeconds,
  QueuedTimestamp: unixSeconds,
  /** seat | user | system */
  HungUpSide: text,
  ServeParticipants: z.array(ServeParticipant).nullish(),
  QueuedSkillGroupId: z.number().nullish(),
  QueuedSkillGroupName: text,
});
export type TelCdrInfo = z.infer<typeof TelCdrInfo>;

export const DescribeTelCdrResponse = z.looseObject({
  TotalCount: z.number().int().nonnegative(),
  TelCdrList: z.array(TelCdrInfo).nullish(),
  /** Deprecated twin of TelCdrList, read when the new field is absent. */
  TelCdrs: z.array(TelCdrInfo).nullish(),
  RequestId: z.string().optional(),
});

export const DescribeSessionDetailResponse = z.looseObject({
  Caller: text,
  Callee: text,
  CallType: z.number().int().nullish(),
  /** Spelled with a capital S in this response (unlike TelCdrInfo). */
  StartTimeStamp: unixSeconds,
  RingTimestamp: unixSeconds,
  AcceptTimestamp: unixSeconds,
  EndedTimestamp: unixSeconds,
  QueuedTimestamp: unixSeconds,
  StaffUserId: text,
  EndStatus: z.number().int(),
  QueuedSkillGroupId: z.number().nullish(),
  QueuedSkillGroupName: text,
  HungUpSide: text,
  ServeParticipants: z.array(ServeParticipant).nullish(),
  Events: z
    .array(z.looseObject({ Timestamp: z.number().nullish(), EventType: text }))
    .nullish(),
  RequestId: z.string().optional(),
});
export type DescribeSessionDetailResponse = z.infer<typeof DescribeSessionDetailResponse>;

export const StaffStatusMetrics = z.looseObject({
  Email: z.string().min(1),
  /** free | busy | rest | notReady | afterCallWork | offline */
  Status: z.string(),
  StatusExtra: z.looseObject({ Type: text, Direct: text }).nullish(),
  Reason: text,
  LastStatusTimestamp: unixSeconds,
  LastOnlineTimestamp: unixSeconds,
});
export type StaffStatusMetrics = z.infer<typeof StaffStatusMetrics>;

export const DescribeStaffStatusMetricsResponse = z.looseObject({
  Metrics: z.array(StaffStatusMetrics).nullish(),
  RequestId: z.string().optional(),
});

export const SetStaffStatusRspItem = z.looseObject({
  StaffUserId: z.string(),
  ErrorCode: text,
  ErrorMessage: text,
  Status: text,
  Reason: text,
  PreviousStatus: text,
  PreviousReason: text,
});
export type SetStaffStatusRspItem = z.infer<typeof SetStaffStatusRspItem>;

export const SetStaffStatusResponse = z.looseObject({
  StaffStatusList: z.array(SetStaffStatusRspItem).nullish(),
  RequestId: z.string().optional(),
});

/** ForceMemberOffline, RestoreMemberOnline: only a RequestId. */
export const EmptyResponse = z.looseObject({ RequestId: z.string().optional() });

// --- end status -------------------------------------------------------------------

interface EndStatusInfo {
  name: string;
  /** Where TCCC uses it: inbound, outbound, both, AI-agent calls, audio (VoIP) inbound, or only old records. */
  scene: 'in' | 'out' | 'in/out' | 'ai' | 'voip' | 'legacy';
  outcome: CallOutcome;
}

/**
 * Every documented TelCdrInfo.EndStatus (status-code page
 * cloud.tencent.com/document/product/679/123938) and the domain outcome ccops
 * gives it. The grouping is ours: abandoned = the caller hung up before an
 * agent answered (102 IVR, 103 queue, 104 ringing) on an inbound call; missed
 * = nobody could take it or the callee did not answer; failed = blocked or
 * broken. The IM CDR uses a different code set: never map IM records here.
 */
export const END_STATUS: Readonly<Record<number, EndStatusInfo>> = {
  1: { name: 'ok', scene: 'in/out', outcome: 'answered' },
  17: { name: 'seatGiveUp', scene: 'in', outcome: 'missed' }, // the agent let it ring out
  100: { name: 'blackList', scene: 'in', outcome: 'failed' },
  102: { name: 'ivrGiveUp', scene: 'in', outcome: 'abandoned_ivr' },
  103: { name: 'waitingGiveUp', scene: 'in', outcome: 'abandoned_in_queue' },
  104: { name: 'ringingGiveUp', scene: 'in', outcome: 'abandoned_ringing' },
  105: { name: 'noSeatOnline', scene: 'in', outcome: 'missed' },
  106: { name: 'notWorkTime', scene: 'in', outcome: 'missed' },
  107: { name: 'ivrEnd', scene: 'in', outcome: 'answered' }, // served by a self-service IVR by design
  108: { name: 'restrictedCallee', scene: 'out', outcome: 'failed' },
  109: { name: 'tooManyRequest', scene: 'out', outcome: 'failed' },
  110: { name: 'restrictedArea', scene: 'out', outcome: 'failed' },
  111: { name: 'restrictedTime', scene: 'out', outcome: 'failed' },
  202: { name: 'notAnswer', scene: 'out', outcome: 'missed' },
  203: { name: 'userReject', scene: 'out', outcome: 'missed' },
  204: { name: 'powerOff', scene: 'out', outcome: 'failed' },
  205: { name: 'numberNotExist', scene: 'out', outcome: 'failed' },
  206: { name: 'busy', scene: 'out', outcome: 'missed' },
  207: { name: 'outOfCredit', scene: 'out', outcome: 'failed' },
  208: { name: 'operatorError', scene: 'out', outcome: 'failed' },
  209: { name: 'callerCancel', scene: 'out', outcome: 'missed' },
  210: { name: 'notInService', scene: 'out', outcome: 'failed' },
  211: { name: 'clientError', scene: 'in/out', outcome: 'failed' },
  212: { name: 'carrierBlocked', scene: 'out', outcome: 'failed' },
  213: { name: 'callReminder', scene: 'out', outcome: 'failed' },
  215: { name: 'numberInvalid', scene: 'out', outcome: 'failed' },
  216: { name: 'callRestricted', scene: 'out', outcome: 'failed' },
  217: { name: 'calleeRestricted', scene: 'out', outcome: 'failed' },
  218: { name: 'areaRestricted', scene: 'out', outcome: 'failed' },
  219: { name: 'promptCallForwarding', scene: 'out', outcome: 'failed' },
  220: { name: 'callerCancelWhileRing', scene: 'out', outcome: 'missed' },
  221: { name: 'callerCancelWithoutRing', scene: 'out', outcome: 'failed' },
  222: { name: 'voiceMailReached', scene: 'out', outcome: 'missed' },
  // AI-agent calls: the notes list 225-233 in this order; numbering by position.
  225: { name: 'asrError', scene: 'ai', outcome: 'failed' },
  226: { name: 'llmasrError', scene: 'ai', outcome: 'failed' },
  227: { name: 'ttsError', scene: 'ai', outcome: 'failed' },
  228: { name: 'functionCallHangup', scene: 'ai', outcome: 'answered' },
  229: { name: 'maxCallDurationReached', scene: 'ai', outcome: 'answered' },
  230: { name: 'userInactivity', scene: 'ai', outcome: 'answered' },
  231: { name: 'callTerminatedByAPI', scene: 'ai', outcome: 'answered' },
  232: { name: 'userHangupDuringAiCall', scene: 'ai', outcome: 'answered' },
  233: { name: 'aiAgentEndCall', scene: 'ai', outcome: 'answered' },
  501: { name: 'callConflict', scene: 'voip', outcome: 'failed' },
  502: { name: 'clientTimeout', scene: 'voip', outcome: 'failed' },
  503: { name: 'voipClientError', scene: 'voip', outcome: 'failed' },
  // Older SDKs (2022) listed these; old records may still carry them.
  0: { name: 'error', scene: 'legacy', outcome: 'failed' },
  2: { name: 'notConnected', scene: 'legacy', outcome: 'missed' }, // 未接通
  101: { name: 'seatTransfer', scene: 'legacy', outcome: 'answered' }, // 坐席转接
  201: { name: 'unknown', scene: 'legacy', outcome: 'failed' }, // 未知状态
};

/** The EndStatus codes that mean an inbound caller gave up before an agent answered. */
export const ABANDONED_END_STATUS = [102, 103, 104] as const;

/**
 * The outcome of a call from its EndStatus. Abandonment exists only for
 * inbound calls; an unknown code counts as answered when an agent accepted
 * the call, else as failed (and the code is kept as vendorOutcome).
 */
export function outcomeOf(endStatus: number, direction: CallDirection, accepted: boolean): CallOutcome {
  const info = END_STATUS[endStatus];
  if (!info) return accepted ? 'answered' : 'failed';
  if (info.outcome.startsWith('abandoned') && direction !== 'inbound') return 'failed';
  return info.outcome;
}

export function vendorOutcomeOf(endStatus: number, endStatusString?: string | null): string {
  const name = endStatusString || END_STATUS[endStatus]?.name || 'unknown';
  return `${name} (${endStatus})`;
}

// --- calls --------------------------------------------------------------------------

const iso = (seconds: number | null | undefined): string | undefined =>
  seconds ? new Date(seconds * 1000).toISOString() : undefined;

const span = (from: number | null | undefined, to: number | null | undefined): number | undefined =>
  from && to && to >= from ? Math.round(to - from) : undefined;

/** CallType wins where it says more (internal, predictive); else Direction. */
export function directionOf(direction: number | null | undefined, callType: number | null | undefined): CallDirection {
  switch (callType) {
    case 2:
    case 3:
      return 'inbound';
    case 1:
    case 5:
      return 'outbound';
    case 6:
      return 'internal';
  }
  if (direction === 0) return 'inbound';
  if (direction === 1) return 'outbound';
  return 'other';
}

function releasedByOf(side: string | null | undefined): CallRecord['releasedBy'] {
  switch (side) {
    case 'seat':
      return 'agent';
    case 'user':
      return 'customer';
    case 'system':
      return 'system';
    default:
      return side ? 'unknown' : undefined;
  }
}

function agentsOf(...mails: (string | null | undefined)[]): string[] {
  return [...new Set(mails.filter((m): m is string => !!m))];
}

interface Moments {
  start?: number | null;
  queued?: number | null;
  ring?: number | null;
  accept?: number | null;
  ended?: number | null;
}

function timesAndDurations(m: Moments): Pick<CallRecord, 'startedAt' | 'queuedAt' | 'ringingAt' | 'answeredAt' | 'releasedAt' | 'durations'> {
  const durations: CallRecord['durations'] = {};
  const total = span(m.start, m.ended);
  const queue = span(m.queued, m.ring || m.accept || m.ended);
  const ring = span(m.ring, m.accept || m.ended);
  const talk = span(m.accept, m.ended);
  if (total !== undefined) durations.total = total;
  if (queue !== undefined) durations.queue = queue;
  if (ring !== undefined) durations.ring = ring;
  if (talk !== undefined) durations.talk = talk;
  const out: ReturnType<typeof timesAndDurations> = { durations };
  const put = (k: 'startedAt' | 'queuedAt' | 'ringingAt' | 'answeredAt' | 'releasedAt', v: number | null | undefined) => {
    const t = iso(v);
    if (t) out[k] = t;
  };
  put('startedAt', m.start);
  put('queuedAt', m.queued);
  put('ringingAt', m.ring);
  put('answeredAt', m.accept);
  put('releasedAt', m.ended);
  return out;
}

function optional<K extends string>(key: K, value: string | null | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/** One DescribeTelCdr record. */
export function mapTelCdr(center: string, cdr: TelCdrInfo): CallRecord {
  const direction = directionOf(cdr.Direction, cdr.CallType);
  const releasedBy = releasedByOf(cdr.HungUpSide);
  return {
    center,
    id: cdr.SessionId,
    direction,
    ...optional('caller', cdr.Caller),
    ...optional('callee', cdr.Callee),
    agents: agentsOf(cdr.SeatUser?.Mail, ...(cdr.ServeParticipants ?? []).map((p) => p.Mail)),
    ...optional('skillGroup', cdr.SkillGroup || cdr.QueuedSkillGroupName),
    ...timesAndDurations({
      start: cdr.StartTimestamp || cdr.Time,
      queued: cdr.QueuedTimestamp,
      ring: cdr.RingTimestamp,
      accept: cdr.AcceptTimestamp,
      ended: cdr.EndedTimestamp,
    }),
    outcome: outcomeOf(cdr.EndStatus, direction, !!cdr.AcceptTimestamp),
    vendorOutcome: vendorOutcomeOf(cdr.EndStatus, cdr.EndStatusString),
    ...(releasedBy ? { releasedBy } : {}),
    raw: cdr,
  };
}

/** A DescribeSessionDetail response; it does not repeat the session id, so it is passed in. */
export function mapSessionDetail(center: string, sessionId: string, d: DescribeSessionDetailResponse): CallRecord {
  const { RequestId: _requestId, ...raw } = d;
  const direction = directionOf(undefined, d.CallType);
  const releasedBy = releasedByOf(d.HungUpSide);
  return {
    center,
    id: sessionId,
    direction,
    ...optional('caller', d.Caller),
    ...optional('callee', d.Callee),
    agents: agentsOf(d.StaffUserId, ...(d.ServeParticipants ?? []).map((p) => p.Mail)),
    ...optional('skillGroup', d.QueuedSkillGroupName),
    ...timesAndDurations({
      start: d.StartTimeStamp,
      queued: d.QueuedTimestamp,
      ring: d.RingTimestamp,
      accept: d.AcceptTimestamp,
      ended: d.EndedTimestamp,
    }),
    outcome: outcomeOf(d.EndStatus, direction, !!d.AcceptTimestamp),
    vendorOutcome: vendorOutcomeOf(d.EndStatus),
    ...(releasedBy ? { releasedBy } : {}),
    raw,
  };
}

// --- agents ---------------------------------------------------------------------------

/**
 * Staff statuses: DescribeStaffStatusMetrics (free, busy, rest, notReady,
 * afterCallWork, offline) and the Web SDK's AgentStatus (arrange = after-call
 * work). `busy` means on a call.
 */
export const STAFF_STATUS: Readonly<Record<string, AgentStateKind>> = {
  free: 'ready',
  busy: 'talking',
  rest: 'break',
  notReady: 'not_ready',
  afterCallWork: 'acw',
  arrange: 'acw',
  offline: 'offline',
};

/** A status TCCC adds later is shown as not ready (not taking calls) with its own name kept. */
export const stateOf = (status: string): AgentStateKind => STAFF_STATUS[status] ?? 'not_ready';

export function mapStaffStatus(center: string, m: StaffStatusMetrics): AgentState {
  const since = iso(m.LastStatusTimestamp);
  return {
    center,
    agentId: m.Email,
    state: stateOf(m.Status),
    ...(m.Reason && (m.Status === 'rest' || m.Status === 'notReady') ? { reason: m.Reason } : {}),
    vendorState: m.Status,
    ...(since ? { since } : {}),
    raw: m,
  };
}

/** The state SetStaffStatus reports for one agent after the change. */
export function mapSetStaffStatusItem(center: string, item: SetStaffStatusRspItem, at: Date): AgentState {
  const status = item.Status ?? '';
  return {
    center,
    agentId: item.StaffUserId,
    state: stateOf(status),
    ...(item.Reason && status === 'rest' ? { reason: item.Reason } : {}),
    vendorState: status,
    since: at.toISOString(),
    raw: item,
  };
}
