// The optional `alerts` and `service` sections of the configuration: how the
// abandoned-call poller and the queue service behave. Pure schema; queues/
// reads it, cli/ passes it on. Every field has a default, so `{}` is valid.
import { z } from 'zod/v4';
import { SecretRef } from './secret.ts';

export const AlertsSection = z.strictObject({
  /** Poll abandoned calls at all. @defaultValue true */
  enabled: z.boolean().default(true),
  /** Centers to poll; every configured center that can list abandoned calls when absent. */
  centers: z.array(z.string()).optional(),
  /** Seconds between polls of one center. @defaultValue 30 */
  intervalSeconds: z.number().int().min(1).max(3600).default(30),
  /**
   * Each poll starts this long before the end of the previous one, so call
   * records the vendor publishes late are still seen. Repeats are dropped by
   * the dedup key. @defaultValue 300
   */
  overlapSeconds: z.number().int().min(0).max(86_400).default(300),
  /** How far back the very first poll of a center looks. @defaultValue 900 */
  initialLookbackSeconds: z.number().int().min(0).max(7 * 86_400).default(900),
  /** How long a call is remembered as alerted (must exceed the overlap). @defaultValue 172800 (2 days) */
  dedupTtlSeconds: z.number().int().min(60).default(172_800),
  /** More than this many alerts waiting for one channel become one digest message. @defaultValue 5 */
  digestThreshold: z.number().int().min(1).max(1000).default(5),
  /** The most calls one digest accounts for. @defaultValue 1000 */
  digestMax: z.number().int().min(2).max(10_000).default(1000),
  /** Messages a second per channel (Slack allows about 1). @defaultValue 1 */
  perChannelPerSecond: z.number().positive().max(10).default(1),
});
export type AlertsSection = z.infer<typeof AlertsSection>;

export const ServiceSection = z.strictObject({
  /** HTTP port for /healthz, /metrics, /admin/queues (and the bot when mounted). @defaultValue 8080 */
  port: z.number().int().min(0).max(65_535).default(8080),
  /**
   * Key prefix of every queue and key in Redis. Keep the braces on Redis
   * Cluster: they put all ccops keys in one hash slot. @defaultValue {ccops}
   */
  redisPrefix: z.string().min(1).default('{ccops}'),
  /** Bull Board at /admin/queues; off unless a password is configured. */
  admin: z.strictObject({ user: z.string().min(1).default('admin'), password: SecretRef }).optional(),
  operations: z
    .strictObject({
      /** Jobs run in parallel per process. @defaultValue 16 */
      concurrency: z.number().int().min(1).max(1000).default(16),
      /** Total attempts of a retryable failure, the first included. @defaultValue 5 */
      attempts: z.number().int().min(1).max(50).default(5),
      /** @defaultValue 500 */
      baseDelayMs: z.number().int().min(1).default(500),
      /** @defaultValue 30000 */
      maxDelayMs: z.number().int().min(1).default(30_000),
      /** A second submission with the same idempotency key within this window runs once. @defaultValue 600 */
      idempotencyWindowSeconds: z.number().int().min(1).default(600),
    })
    .default({ concurrency: 16, attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, idempotencyWindowSeconds: 600 }),
  outcomes: z
    .strictObject({
      /** Longest wait for a pending outcome when the vendor gives no deadline. @defaultValue 120 */
      maxWaitSeconds: z.number().int().min(1).max(3600).default(120),
      /** Shortest delay between two polls of one outcome. @defaultValue 500 */
      minPollMs: z.number().int().min(10).default(500),
    })
    .default({ maxWaitSeconds: 120, minPollMs: 500 }),
  /** Seconds a SIGTERM waits for jobs in flight before handing them back. @defaultValue 20 */
  shutdownGraceSeconds: z.number().int().min(0).max(600).default(20),
});
export type ServiceSection = z.infer<typeof ServiceSection>;
