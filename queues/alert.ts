// An abandoned call as the alert pipeline carries it: small, plain JSON,
// stored in Redis by alert id. The caller's number is kept whole (Call back
// needs it); renderers mask it before anything reaches a channel.
import { z } from 'zod/v4';
import type { CallRecord } from '../shared/domain.ts';
import { safeId } from './names.ts';

export const AlertCall = z.object({
  alertId: z.string(),
  center: z.string(),
  callId: z.string(),
  caller: z.string().optional(),
  skillGroup: z.string().optional(),
  outcome: z.string(),
  vendorOutcome: z.string(),
  /** Seconds the caller waited (queue + ring, or the whole call when that is all we know). */
  waitSeconds: z.number().nonnegative().optional(),
  /** When the caller hung up (or the call started, when the vendor gives no end). */
  abandonedAt: z.string().optional(),
  /** When ccops first saw it (ms since epoch). */
  detectedAt: z.number(),
});
export type AlertCall = z.infer<typeof AlertCall>;

export const alertIdOf = (center: string, callId: string): string => safeId(center, callId);

export function toAlertCall(center: string, call: CallRecord, detectedAt: number): AlertCall {
  const d = call.durations;
  const wait = d.queue !== undefined || d.ring !== undefined ? (d.queue ?? 0) + (d.ring ?? 0) : d.total;
  return {
    alertId: alertIdOf(center, call.id),
    center,
    callId: call.id,
    caller: call.caller,
    skillGroup: call.skillGroup,
    outcome: call.outcome,
    vendorOutcome: call.vendorOutcome,
    waitSeconds: wait,
    abandonedAt: call.releasedAt ?? call.startedAt,
    detectedAt,
  };
}
