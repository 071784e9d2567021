// What the bot remembers about each alert message: where it is (channel, ts),
// what happened to it (ack, owner, call back, repeats), and, per channel and
// caller, which message later calls from the same caller fold into.
import type { Redis } from 'ioredis';
import type { AlertCall } from '../queues/alert.ts';
import type { AlertState } from './views/alert.ts';

export interface AlertRecord {
  call: AlertCall;
  channel: string;
  ts: string;
  state: AlertState;
}

/** A week: long enough for anyone to click an old alert, short enough to bound memory. */
const TTL_SECONDS = 7 * 86_400;

export class AlertBook {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #foldWindowSeconds: number;
  /** WATCH belongs to a connection: transactions get their own, one at a time in this process. */
  #tx: Redis | undefined;
  #chain: Promise<unknown> = Promise.resolve();

  constructor(redis: Redis, prefix: string, o: { foldWindowSeconds?: number } = {}) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#foldWindowSeconds = o.foldWindowSeconds ?? 3600;
  }

  #key(alertId: string): string {
    return `${this.#prefix}:alert:${alertId}`;
  }
  #callerKey(channel: string, center: string, caller: string): string {
    return `${this.#prefix}:caller:${channel}:${center}:${caller}`;
  }
  #recentKey(center: string): string {
    return `${this.#prefix}:recent:${center}`;
  }

  async get(alertId: string): Promise<AlertRecord | undefined> {
    const v = await this.#redis.get(this.#key(alertId));
    return v ? (JSON.parse(v) as AlertRecord) : undefined;
  }

  /** Records a posted alert, makes it the fold target for its caller, and counts it for App Home. */
  /**
   * Records a posted alert and makes it the fold target for its caller in
   * this route (`route`: the configured channel; `channel`: the id Slack answered with).
   */
  async posted(call: AlertCall, route: string, channel: string, ts: string): Promise<void> {
    const rec: AlertRecord = { call, channel, ts, state: (await this.get(call.alertId))?.state ?? {} };
    const multi = this.#redis.multi().set(this.#key(call.alertId), JSON.stringify(rec), 'EX', TTL_SECONDS);
    if (call.caller) multi.set(this.#callerKey(route, call.center, call.caller), call.alertId, 'EX', this.#foldWindowSeconds, 'NX');
    await multi.exec();
  }

  #heldKey(route: string): string {
    return `${this.#prefix}:held:${route}`;
  }

  /** Keeps a call of a muted queue for the banner of the route's next digest. */
  async hold(route: string, call: AlertCall): Promise<void> {
    await this.#redis.multi().hset(this.#heldKey(route), call.alertId, JSON.stringify(call)).expire(this.#heldKey(route), 2 * 86_400).exec();
  }

  /** Takes the calls held since the route's last digest. */
  async takeHeld(route: string): Promise<AlertCall[]> {
    const res = await this.#redis.multi().hvals(this.#heldKey(route)).del(this.#heldKey(route)).exec();
    const values = (res?.[0]?.[1] as string[] | undefined) ?? [];
    return values.map((v) => JSON.parse(v) as AlertCall);
  }

  /** Counts an alerted call for App Home's "last hour", whatever message carried it. */
  async countAlert(call: AlertCall): Promise<void> {
    const key = this.#recentKey(call.center);
    await this.#redis
      .multi()
      .zadd(key, call.detectedAt || Date.now(), call.alertId)
      .zremrangebyscore(key, 0, Date.now() - 86_400_000)
      .expire(key, 86_400)
      .exec();
  }

  /** The alert a new call from the same caller should fold into, if one was posted within the window. */
  async foldTarget(channel: string, call: AlertCall): Promise<AlertRecord | undefined> {
    if (!call.caller) return undefined;
    const id = await this.#redis.get(this.#callerKey(channel, call.center, call.caller));
    if (!id || id === call.alertId) return undefined;
    return this.get(id);
  }

  /**
   * Applies `change` to the alert's state atomically (WATCH/MULTI), so two
   * clicks on different buttons at once both land.
   */
  update(alertId: string, change: (r: AlertRecord) => AlertRecord): Promise<AlertRecord | undefined> {
    const run = this.#chain.then(() => this.#transact(alertId, change));
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #transact(alertId: string, change: (r: AlertRecord) => AlertRecord): Promise<AlertRecord | undefined> {
    const tx = (this.#tx ??= this.#redis.duplicate());
    const key = this.#key(alertId);
    for (let attempt = 0; attempt < 10; attempt++) {
      await tx.watch(key);
      const v = await tx.get(key);
      if (!v) {
        await tx.unwatch();
        return undefined;
      }
      const next = change(JSON.parse(v) as AlertRecord);
      const res = await tx.multi().set(key, JSON.stringify(next), 'EX', TTL_SECONDS).exec();
      if (res) return next;
    }
    throw new Error(`alert ${alertId} is being changed by too many clicks at once; try again`);
  }

  async close(): Promise<void> {
    await this.#tx?.quit().catch(() => undefined);
    this.#tx = undefined;
  }

  async alertsSince(center: string, sinceMs: number): Promise<number> {
    return this.#redis.zcount(this.#recentKey(center), sinceMs, '+inf');
  }
}
