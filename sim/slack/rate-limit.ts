// Slack's posting limit: about one message a second per channel, short bursts
// tolerated. A token bucket per channel; pure, the clock passed in.

export interface ChannelLimitOptions {
  /** Messages a second per channel. @defaultValue 1 */
  perSecond?: number;
  /** Messages allowed back to back before the limit bites. @defaultValue 1 */
  burst?: number;
}

export class ChannelRateLimiter {
  readonly #perMs: number;
  readonly #burst: number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(opts: ChannelLimitOptions = {}) {
    const perSecond = opts.perSecond ?? 1;
    const burst = opts.burst ?? 1;
    if (!(perSecond > 0)) throw new TypeError('ChannelRateLimiter: perSecond must be positive');
    if (!(burst >= 1)) throw new TypeError('ChannelRateLimiter: burst must be at least 1');
    this.#perMs = perSecond / 1000;
    this.#burst = burst;
  }

  /** Takes a token: 0 when allowed, else the milliseconds until one is free. */
  take(channel: string, now: number): number {
    const b = this.#buckets.get(channel) ?? { tokens: this.#burst, at: now };
    b.tokens = Math.min(this.#burst, b.tokens + (now - b.at) * this.#perMs);
    b.at = now;
    this.#buckets.set(channel, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / this.#perMs);
  }

  reset(): void {
    this.#buckets.clear();
  }
}
