// Job payloads, validated with zod when a worker takes a job (Redis is a
// boundary: another version of ccops may have written it).
import { z } from 'zod/v4';
import { OPERATIONS } from '../shared/port.ts';
import { ReplyTarget } from './reply.ts';

export const OperationName = z.enum(OPERATIONS);

export const OperationJob = z.object({
  center: z.string().min(1),
  operation: OperationName,
  input: z.unknown(),
  replyTarget: ReplyTarget.optional(),
  /** Same key within the idempotency window: the operation runs once. */
  idempotencyKey: z.string().min(1).max(200).optional(),
  /** Who asked (Slack user id, CLI user), for logs and audit. */
  requestedBy: z.string().optional(),
  /** Set when a write may have reached the vendor before the connection failed. */
  maybeApplied: z.boolean().optional(),
  /** Times the job stepped aside (moved itself to delayed) without running. */
  delays: z.number().int().nonnegative().default(0),
});
export type OperationJob = z.infer<typeof OperationJob>;
export type OperationSubmission = z.input<typeof OperationJob>;

export const OutcomeJob = z.object({
  center: z.string().min(1),
  operation: OperationName,
  token: z.string().min(1),
  /** ISO time after which the wait is given up. */
  deadline: z.string(),
  pollAfterMs: z.number().int().nonnegative(),
  replyTarget: ReplyTarget.optional(),
  /** The operations job that started the wait. */
  opJobId: z.string(),
  lastProgress: z.string().optional(),
  polls: z.number().int().nonnegative().default(0),
});
export type OutcomeJob = z.infer<typeof OutcomeJob>;

export const PollJob = z.object({ center: z.string().min(1) });
export type PollJob = z.infer<typeof PollJob>;

export const NotifyJob = z.object({ alertId: z.string().min(1), channel: z.string().min(1) });
export type NotifyJob = z.infer<typeof NotifyJob>;
