// How a CCC ContactDisposition (电话结束原因) reads as a ccops call outcome.
// Current values from GetCallDetailRecord / ListCallDetailRecords(V2); the
// 2021 docs' legacy spellings AbandonedRing and AbandonedInContactFlow are
// accepted too (notes §1.5).
import type { CallOutcome } from '../../domain.ts';

export const DISPOSITION_OUTCOMES: Readonly<Record<string, CallOutcome>> = {
  Success: 'answered', // 正常结束
  // Handed to an outside line by the flow: served, not abandoned. ccops cannot
  // tell whether the outside party answered, so this is the least wrong choice.
  ForwardToOutsideNumber: 'answered', // 转外线

  AbandonedInQueue: 'abandoned_in_queue', // 排队放弃
  QueuingTimeout: 'abandoned_in_queue', // 排队超时
  QueuingOverflow: 'abandoned_in_queue', // 排队溢出
  QueuingFailed: 'abandoned_in_queue', // 转人工失败

  AbandonedInRing: 'abandoned_ringing', // 振铃放弃
  AbandonedRing: 'abandoned_ringing', // legacy spelling

  AbandonedInIVR: 'abandoned_ivr', // IVR放弃
  AbandonedInContactFlow: 'abandoned_ivr', // legacy: IVR中放弃
  AbandonedInVoiceNavigator: 'abandoned_ivr', // 智能导航中放弃
  IVRException: 'abandoned_ivr', // IVR异常: the caller never reached a person

  NoAnswer: 'missed', // 客户未接 (outbound: the customer did not pick up)
  Reject: 'missed', // 客户拒接
  Voicemail: 'missed', // 转语音邮箱
};

/** Anything not in the table (new or empty dispositions) reads as `failed`, the vendor value kept beside it. */
export function outcomeOfDisposition(disposition: string | undefined): CallOutcome {
  return (disposition && DISPOSITION_OUTCOMES[disposition]) || 'failed';
}

/** The dispositions that give these outcomes, for ContactDispositionList filters. */
export function dispositionsFor(outcomes: readonly CallOutcome[]): string[] {
  return Object.entries(DISPOSITION_OUTCOMES)
    .filter(([, o]) => outcomes.includes(o))
    .map(([d]) => d);
}

/** Every spelling that means an inbound caller gave up (queue, ringing, IVR). */
export const ABANDONED_DISPOSITIONS: readonly string[] = dispositionsFor([
  'abandoned_in_queue',
  'abandoned_ringing',
  'abandoned_ivr',
]);
