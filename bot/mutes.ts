// Muting a queue from an alert: a Redis key per center and queue whose TTL
// is the mute, so it ends by itself. The notify side asks `isMuted` before
// posting one call's alert and lists `activeMutes` for a digest's banner.
import type { Redis } from 'ioredis';
import type { MuteChoice } from './views/alert.ts';
import type { MuteBanner } from './views/digest.ts';

/** When a mute chosen now ends. "Until tomorrow" means 08:00 the next day, in the service's time zone. */
export function muteUntil(choice: MuteChoice, now: Date): Date {
  if (choice === '1h') return new Date(now.getTime() + 3600_000);
  if (choice === '4h') return new Date(now.getTime() + 4 * 3600_000);
  const t = new Date(now);
  t.setDate(t.getDate() + 1);
  t.setHours(8, 0, 0, 0);
  return t;
}

export class MuteBook {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  #key(center: string, skillGroup: string | undefined): string {
    return `${this.#prefix}:mute:${center}:${skillGroup ?? '*'}`;
  }

  /** Mutes until `until`; a mute already running is kept (first one wins) and returned. */
  async mute(m: MuteBanner): Promise<{ created: boolean; mute: MuteBanner }> {
    const ms = Date.parse(m.until) - Date.now();
    if (ms <= 0) return { created: false, mute: m };
    const ok = await this.#redis.set(this.#key(m.center, m.skillGroup), JSON.stringify(m), 'PX', ms, 'NX');
    if (ok === 'OK') {
      // An index per center (scored by the end), so App Home lists mutes without scanning Redis.
      const index = this.#indexKey(m.center);
      await this.#redis.multi().zadd(index, Date.parse(m.until), m.skillGroup ?? '*').zremrangebyscore(index, 0, Date.now()).pexpire(index, ms + 60_000).exec();
      return { created: true, mute: m };
    }
    return { created: false, mute: (await this.get(m.center, m.skillGroup)) ?? m };
  }

  async get(center: string, skillGroup: string | undefined): Promise<MuteBanner | undefined> {
    const v = await this.#redis.get(this.#key(center, skillGroup));
    return v ? (JSON.parse(v) as MuteBanner) : undefined;
  }

  #indexKey(center: string): string {
    return `${this.#prefix}:mutes:${center}`;
  }

  /** Every mute of a center still running. */
  async listCenter(center: string): Promise<MuteBanner[]> {
    const queues = await this.#redis.zrangebyscore(this.#indexKey(center), Date.now(), '+inf');
    const out: MuteBanner[] = [];
    for (const q of queues) {
      const m = await this.get(center, q === '*' ? undefined : q);
      if (m) out.push(m);
    }
    return out;
  }

  /** The queue itself or its whole center is muted. */
  async isMuted(center: string, skillGroup: string | undefined): Promise<MuteBanner | undefined> {
    return (await this.get(center, skillGroup)) ?? (skillGroup !== undefined ? await this.get(center, undefined) : undefined);
  }

  async unmute(center: string, skillGroup: string | undefined): Promise<boolean> {
    return (await this.#redis.del(this.#key(center, skillGroup))) > 0;
  }

  /** Mutes still running, for the queues among `calls` (a digest's banner). */
  async activeFor(queues: { center: string; skillGroup?: string | undefined }[]): Promise<MuteBanner[]> {
    const seen = new Set<string>();
    const out: MuteBanner[] = [];
    for (const q of queues) {
      const k = `${q.center}\u0000${q.skillGroup ?? ''}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const m = await this.isMuted(q.center, q.skillGroup);
      if (m && !out.some((o) => o.center === m.center && o.skillGroup === m.skillGroup)) out.push(m);
    }
    return out;
  }
}
