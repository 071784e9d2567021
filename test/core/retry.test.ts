// The retry policy: what is retryable, full-jitter bounds, the retry-after
// floor, writes that were sent, and the small loop.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { TransportError, VendorError } from '../../shared/errors.ts';
import { decideRetry, defaultRetryPolicy, isRetryable, retryDelay, withRetry } from '../../shared/retry.ts';

const vendorError = (retryable: boolean, retryAfterMs?: number) =>
  new VendorError({ vendor: 'v', vendorCode: 'X', message: 'm', retryable, ...(retryAfterMs ? { retryAfterMs } : {}) });
const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

describe('isRetryable', () => {
  it.each([
    ['a retryable vendor error', vendorError(true), {}, true],
    ['a refused vendor error', vendorError(false), {}, false],
    ['a network error before sending (read)', new TransportError('x', 'ECONNREFUSED', false), {}, true],
    ['a network error before sending (write)', new TransportError('x', 'ECONNREFUSED', false), { write: true }, true],
    ['a network error after sending (read)', new TransportError('x', 'ECONNRESET', true), {}, true],
    ['a network error after sending (write): may have been applied', new TransportError('x', 'ECONNRESET', true), { write: true }, false],
    ['anything else', new Error('bug'), {}, false],
  ] as const)('%s', (_, error, opts, expected) => expect(isRetryable(error, opts)).toBe(expected));
});

describe('retryDelay: full jitter', () => {
  it.each([1, 2, 3, 4, 5, 8])('attempt %i stays within 0 .. min(max, base·2^(n-1))', (attempt) => {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    expect(retryDelay(attempt, policy, undefined, () => 0)).toBe(0);
    expect(retryDelay(attempt, policy, undefined, () => 0.999999)).toBe(ceiling - 1);
    for (let i = 0; i < 200; i++) {
      const d = retryDelay(attempt, policy);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(ceiling);
    }
  });

  it('never waits less than the vendor asked (retry-after is a floor, even above maxDelay)', () => {
    expect(retryDelay(1, policy, vendorError(true, 750), () => 0)).toBe(750);
    expect(retryDelay(1, policy, vendorError(true, 5_000), () => 0.5)).toBe(5_000);
    expect(retryDelay(4, policy, vendorError(true, 10), () => 0.5)).toBe(400);
  });
});

describe('decideRetry', () => {
  it('stops at the last attempt and on errors that cannot be retried', () => {
    expect(decideRetry(vendorError(true), 1, policy, { random: () => 0.5 })).toEqual({ retry: true, delayMs: 50 });
    expect(decideRetry(vendorError(true), 5, policy)).toEqual({ retry: false, delayMs: 0 });
    expect(decideRetry(vendorError(false), 1, policy)).toEqual({ retry: false, delayMs: 0 });
    expect(decideRetry(new TransportError('x', 'ECONNRESET', true), 1, policy, { write: true })).toEqual({ retry: false, delayMs: 0 });
    expect(defaultRetryPolicy.attempts).toBeGreaterThan(1);
  });
});

describe('withRetry', () => {
  it('retries retryable failures with a fresh call each time, then returns', async () => {
    const attempts: number[] = [];
    const r = await withRetry(
      async (n) => {
        attempts.push(n);
        if (n < 3) throw vendorError(true);
        return 'ok';
      },
      { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 },
    );
    expect(r).toBe('ok');
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('does not repeat a write whose request was sent', async () => {
    let calls = 0;
    const sent = new TransportError('x', 'ECONNRESET', true);
    await expect(
      withRetry(
        async () => {
          calls++;
          throw sent;
        },
        { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 },
        { write: true },
      ),
    ).rejects.toBe(sent);
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt with the last error', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw vendorError(true);
        },
        { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
      ),
    ).rejects.toMatchObject({ retryable: true });
    expect(calls).toBe(3);
  });

  it('stops waiting when aborted', async () => {
    const ac = new AbortController();
    const p = withRetry(
      async () => {
        throw vendorError(true, 60_000);
      },
      { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
      { signal: ac.signal, onRetry: () => queueMicrotask(() => ac.abort(new Error('stopped'))) },
    );
    await expect(p).rejects.toThrow('stopped');
  });

  it('leaves no abort listener behind on the caller\'s signal after its retries', async () => {
    const ac = new AbortController();
    const r = await withRetry(
      async (n) => {
        if (n < 4) throw vendorError(true);
        return 'ok';
      },
      { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 },
      { signal: ac.signal },
    );
    expect(r).toBe('ok');
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });
});
