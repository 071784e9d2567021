// Retry policy: pure decisions (may this error be retried, and after how
// long), plus a small loop for callers that retry in-process (the CLI, n8n).
// BullMQ workers use `retryDelay` as their backoff strategy instead.
import { TransportError, VendorError } from './errors.ts';

export interface RetryPolicy {
  /** Total attempts, the first included. @defaultValue 4 */
  attempts: number;
  /** @defaultValue 200 */
  baseDelayMs: number;
  /** @defaultValue 10000 */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 4, baseDelayMs: 200, maxDelayMs: 10_000 };

/**
 * Retryable: the vendor said so (throttling, internal errors, 5xx: decided by
 * each vendor's error mapping), or the network failed before the request was
 * sent. A request that was sent may have been applied, so a write is retried
 * only by a caller that can read back the state first (`write: true`).
 */
export function isRetryable(error: unknown, opts: { write?: boolean } = {}): boolean {
  if (error instanceof VendorError) return error.retryable;
  if (error instanceof TransportError) return !(opts.write && error.sent);
  return false;
}

/**
 * Exponential backoff with full jitter (0 .. min(max, base·2^n)), never less
 * than what the vendor asked for with retry-after. `attempt` counts from 1
 * (the attempt that just failed). `random` is passed in for tests.
 */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy,
  error?: unknown,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  const asked = error instanceof VendorError ? (error.retryAfterMs ?? 0) : 0;
  return Math.max(jittered, asked);
}

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
}

export function decideRetry(
  error: unknown,
  attempt: number,
  policy: RetryPolicy = defaultRetryPolicy,
  opts: { write?: boolean; random?: () => number } = {},
): RetryDecision {
  if (attempt >= policy.attempts || !isRetryable(error, opts)) return { retry: false, delayMs: 0 };
  return { retry: true, delayMs: retryDelay(attempt, policy, error, opts.random) };
}

/**
 * Calls `fn` until it succeeds or the policy gives up. Each attempt is a fresh
 * call, so vendor clients sign every attempt anew (new nonce and timestamp).
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy = defaultRetryPolicy,
  opts: { write?: boolean; signal?: AbortSignal; onRetry?: (error: unknown, delayMs: number) => void } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      const decision = decideRetry(error, attempt, policy, opts);
      if (!decision.retry) throw error;
      opts.onRetry?.(error, decision.delayMs);
      await sleep(decision.delayMs, opts.signal);
    }
  }
}

// The abort listener is removed when the timer fires: a long-lived signal (a
// worker's shutdown signal) would otherwise keep one listener per retry.
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => (clearTimeout(t), reject(signal!.reason));
    const t = setTimeout(() => (signal?.removeEventListener('abort', onAbort), resolve()), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
