// A double click does one thing: the first caller of a key wins (Redis SET NX
// with a TTL); later callers learn who did it and when.
import type { Redis } from 'ioredis';

export interface Claim {
  user: string;
  at: string;
}

export type OnceResult = { first: true } | { first: false; by: Claim };

export async function once(redis: Redis, key: string, ttlSeconds: number, claim: Claim): Promise<OnceResult> {
  const ok = await redis.set(key, JSON.stringify(claim), 'EX', ttlSeconds, 'NX');
  if (ok === 'OK') return { first: true };
  const held = await redis.get(key);
  try {
    return { first: false, by: held ? (JSON.parse(held) as Claim) : claim };
  } catch {
    return { first: false, by: claim };
  }
}
