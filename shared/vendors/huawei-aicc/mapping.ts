// Pure mapping between the gateway's values and the domain: agent status
// codes, call info, participants and break reasons. No I/O.
import type { AgentState, AgentStateKind, CallDirection, CallRecord, Participant } from '../../domain.ts';
import { InvalidInput } from '../../errors.ts';
import { maskPhonesIn } from '../../mask.ts';
import type { CallInfo } from './wire.ts';

export interface AgentStatusMeaning {
  state: AgentStateKind;
  /** The gateway's own name for the code (cec_07_0581). */
  label: string;
  reason?: string;
}

/**
 * CC-Gateway agent status codes (cec_07_0581, notes B.3) -> normalized state.
 * 0 and 1 are not states an agent works in; 9 (pre-rest) is an agent still in
 * a call who goes on break when it ends.
 */
export const AGENT_STATUS: Readonly<Record<string, AgentStatusMeaning>> = {
  '0': { state: 'not_ready', label: 'unknown', reason: 'the gateway does not know the state' },
  '1': { state: 'not_ready', label: 'signed in' },
  '2': { state: 'offline', label: 'signed out' },
  '3': { state: 'not_ready', label: 'busy' },
  '4': { state: 'ready', label: 'idle' },
  '5': { state: 'acw', label: 'wrap-up' },
  '6': { state: 'ready', label: 'idle' },
  '7': { state: 'talking', label: 'talking' },
  '8': { state: 'break', label: 'rest' },
  '9': { state: 'talking', label: 'pre-rest', reason: 'goes on break when the call ends' },
};

export function agentStateFromStatus(
  center: string,
  agentId: string,
  code: string,
  raw: Record<string, unknown>,
  extra: { reason?: string; since?: string } = {},
): AgentState {
  const meaning = AGENT_STATUS[code];
  return {
    center,
    agentId,
    state: meaning?.state ?? 'not_ready',
    ...(extra.reason ?? meaning?.reason ? { reason: extra.reason ?? meaning?.reason } : {}),
    vendorState: meaning ? `${code} (${meaning.label})` : code,
    ...(extra.since ? { since: extra.since } : {}),
    raw,
  };
}

// --- calls --------------------------------------------------------------------

/**
 * `callfeature` codes: the table (cec "Table 1") was not captured in the notes;
 * 0 (normal inbound) and 7 (outbound) are the values the sample code shows.
 * Anything else is `other`, the raw value kept.
 */
const CALL_FEATURE_DIRECTION: Readonly<Record<string, CallDirection>> = { '0': 'inbound', '7': 'outbound', '6': 'internal' };

const msToIso = (v: number | string | undefined): string | undefined => {
  const n = typeof v === 'string' ? Number(v) : v;
  return n && Number.isFinite(n) && n > 0 ? new Date(n).toISOString() : undefined;
};

/**
 * The agent's current or last call, as callinfo describes it. The gateway only
 * knows the agent's own leg: a begin (answer) time means answered; none means
 * the agent did not answer (missed). It never describes abandoned calls.
 */
export function callRecordFromCallInfo(
  center: string,
  agentId: string,
  info: CallInfo,
  raw: Record<string, unknown> = info,
): CallRecord {
  const answeredAt = msToIso(info.begintime);
  const endedAt = msToIso(info.endtime);
  const wait = info.waitTime === undefined ? undefined : Number(info.waitTime);
  const talk =
    answeredAt && endedAt ? Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(answeredAt)) / 1000)) : undefined;
  return {
    center,
    id: info.callid,
    direction: CALL_FEATURE_DIRECTION[info.callfeature ?? ''] ?? 'other',
    ...(info.caller ? { caller: info.caller } : {}),
    ...(info.called ? { callee: info.called } : {}),
    agents: [agentId],
    ...(info.callskill ? { skillGroup: info.callskill } : {}),
    ...(answeredAt ? { answeredAt } : {}),
    ...(endedAt ? { releasedAt: endedAt } : {}),
    durations: {
      ...(wait !== undefined && Number.isFinite(wait) && wait >= 0 ? { queue: wait } : {}),
      ...(talk !== undefined ? { talk } : {}),
    },
    outcome: answeredAt ? 'answered' : 'missed',
    vendorOutcome: answeredAt ? 'answered by the agent' : 'not answered by the agent',
    raw,
  };
}

// --- conference participants -----------------------------------------------

export interface ConferenceAddress {
  address: string;
  kind: Participant['kind'];
  /** batchaddparticipant addressType: "9" agent id, "6" phone number (notes B.4). */
  addressType: '9' | '6';
}

/**
 * `agent:291` and bare 3-6 digit ids (101-999999) are agents; `tel:…` and
 * numbers of 7-24 digits (an optional leading +) are phones.
 */
export function classifyParticipant(text: string): ConferenceAddress {
  const t = text.trim();
  const agent = /^agent:\s*(\d+)$/i.exec(t)?.[1] ?? (/^\d{3,6}$/.test(t) ? t : undefined);
  if (agent !== undefined) {
    const n = Number(agent);
    if (n >= 101 && n <= 999_999) return { address: String(n), kind: 'agent', addressType: '9' };
  }
  const phone = (/^tel:\s*(.+)$/i.exec(t)?.[1] ?? t).replace(/[\s-]/g, '');
  if (/^\+?\d{3,24}$/.test(phone) && (phone.length >= 7 || /^tel:/i.test(t))) {
    return { address: phone.replace(/^\+/, '00'), kind: 'phone', addressType: '6' };
  }
  throw new InvalidInput(
    `"${maskPhonesIn(text)}" is neither an agent id (101-999999, or agent:ID) nor a phone number (7-24 digits, or tel:NUMBER).`,
    [{ path: 'participants', message: 'not an agent id or phone number' }],
  );
}

// --- breaks -------------------------------------------------------------------

export type BreakPlan = { kind: 'rest'; restCause: number } | { kind: 'busy'; busyReason?: number };

/**
 * A break reason as a supervisor writes it -> rest (`rest/{time}/{cause}`,
 * causes 0-255) or not-ready (`saybusy`, reasons 200-250). Named reasons come
 * from the profile; `busy`, `busy:201`, `rest:3` and a bare `3` are understood
 * everywhere; no reason is a rest without a cause (0).
 */
export function planBreak(
  reason: string | undefined,
  named: Readonly<Record<string, { restCause: number } | { busyReason: number }>>,
): BreakPlan {
  if (reason === undefined || reason.trim() === '') return { kind: 'rest', restCause: 0 };
  const r = reason.trim();
  const key = Object.keys(named).find((k) => k.toLowerCase() === r.toLowerCase());
  if (key !== undefined) {
    const v = named[key]!;
    return 'restCause' in v ? { kind: 'rest', restCause: v.restCause } : { kind: 'busy', busyReason: v.busyReason };
  }
  if (/^busy$/i.test(r)) return { kind: 'busy' };
  const busy = /^busy[:\s]*(\d+)$/i.exec(r);
  if (busy && Number(busy[1]) >= 200 && Number(busy[1]) <= 250) return { kind: 'busy', busyReason: Number(busy[1]) };
  const rest = /^(?:rest[:\s]*)?(\d+)$/i.exec(r);
  if (rest && Number(rest[1]) <= 255) return { kind: 'rest', restCause: Number(rest[1]) };
  const names = Object.keys(named);
  throw new InvalidInput(
    `Unknown break reason "${reason}" for the Huawei contact center. Use ${names.length ? `one of ${names.join(', ')}, ` : ''}rest:<0-255> for a break or busy:<200-250> for not ready.`,
    [{ path: 'target.reason', message: 'unknown break reason' }],
  );
}
