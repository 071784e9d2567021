// Redis connections and the few Lua scripts ccops runs beside BullMQ's.
// Each script touches only keys under the service prefix, so with a
// hash-tagged prefix ({ccops}) they stay in one slot on Redis Cluster.
import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

export type RedisConnection = string | RedisOptions;

/** A client for ccops' own keys and BullMQ's blocking workers: commands wait through reconnects. */
export function connect(conn: RedisConnection, extra: RedisOptions = {}): Redis {
  const base: RedisOptions = { maxRetriesPerRequest: null, ...extra };
  return typeof conn === 'string' ? new Redis(conn, base) : new Redis({ ...conn, ...base });
}

/** BullMQ takes options, and builds its own connections from them. */
export function bullConnection(conn: RedisConnection): ConnectionOptions {
  // ioredis' option type and BullMQ's copy of it differ only in callback signatures.
  if (typeof conn !== 'string') return { ...conn, maxRetriesPerRequest: null } as ConnectionOptions;
  const u = new URL(conn);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/** BullMQ is only correct when Redis never evicts its keys; say so at start-up. */
export async function checkEvictionPolicy(redis: Redis, log: Logger): Promise<string | undefined> {
  try {
    const res = (await redis.config('GET', 'maxmemory-policy')) as unknown;
    const policy = Array.isArray(res) ? String(res[1]) : typeof res === 'object' && res ? String(Object.values(res)[0]) : undefined;
    if (policy && policy !== 'noeviction') {
      log.warn(
        { policy },
        `Redis maxmemory-policy is "${policy}": Redis may evict queue keys and lose jobs. Set "maxmemory-policy noeviction" (docs/operations.md).`,
      );
    }
    return policy;
  } catch {
    log.info('Could not read Redis maxmemory-policy (CONFIG is disabled here); make sure it is noeviction (docs/operations.md).');
    return undefined;
  }
}

// --- scripts -----------------------------------------------------------------

/** Take the channel's posting slot: 0, or ms to wait (pause from a 429, or the slot is taken). */
const TAKE_CHANNEL_SLOT = `
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return paused end
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 0 end
local t = redis.call('PTTL', KEYS[1])
if t < 0 then t = tonumber(ARGV[1]) end
return t`;

/**
 * Dedup + enqueue bookkeeping for one abandoned call, atomically: 1 = new (seen
 * key set, alert stored, queued for its channel); 2 = seen before and still
 * waiting for delivery (re-add its job: harmless if it exists); 0 = already handled.
 */
const ADMIT_ALERT = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  redis.call('SET', KEYS[2], ARGV[4], 'EX', ARGV[1])
  redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
  return 1
end
if redis.call('ZSCORE', KEYS[3], ARGV[3]) then return 2 end
return 0`;

/**
 * Claims alerts waiting for a channel into one batch (one Slack message).
 * KEYS: pending zset, batch hash. ARGV: alertId, threshold, max, ttl, batchId,
 * channel, claim key prefix. Returns {'claimed', batchId} when the alert
 * already belongs to a batch, {'new', batchId, n} when this call made the batch,
 * {'gone'} when the alert is unknown.
 */
const CLAIM_BATCH = `
local me = ARGV[1]
local claimPrefix = ARGV[7]
if not redis.call('ZSCORE', KEYS[1], me) then
  local b = redis.call('GET', claimPrefix .. me)
  if b then return {'claimed', b} end
  return {'gone'}
end
local n = redis.call('ZCARD', KEYS[1])
local ids
if n > tonumber(ARGV[2]) then
  ids = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[3]) - 1)
  local found = false
  for _, id in ipairs(ids) do if id == me then found = true end end
  if not found then ids[#ids] = me end
else
  ids = {me}
end
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('SET', claimPrefix .. id, ARGV[5], 'EX', ARGV[4])
end
redis.call('HSET', KEYS[2], 'channel', ARGV[6], 'ids', cjson.encode(ids), 'count', #ids)
redis.call('EXPIRE', KEYS[2], ARGV[4])
return {'new', ARGV[5], tostring(#ids)}`;

/** Deletes a lock only if we still hold it. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Extends a lease only if we still hold it; takes it when free. 1 = held by us. */
const HOLD_LEASE = `
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;

export interface CcopsRedis extends Redis {
  takeChannelSlot(slotKey: string, pauseKey: string, intervalMs: number): Promise<number>;
  admitAlert(seenKey: string, alertKey: string, pendingKey: string, ttlSec: number, score: number, alertId: string, payload: string): Promise<number>;
  claimBatch(
    pendingKey: string,
    batchKey: string,
    alertId: string,
    threshold: number,
    max: number,
    ttlSec: number,
    batchId: string,
    channel: string,
    claimPrefix: string,
  ): Promise<string[]>;
  releaseLock(key: string, token: string): Promise<number>;
  holdLease(key: string, owner: string, ttlMs: number): Promise<number>;
}

export function withScripts(redis: Redis): CcopsRedis {
  redis.defineCommand('takeChannelSlot', { numberOfKeys: 2, lua: TAKE_CHANNEL_SLOT });
  redis.defineCommand('admitAlert', { numberOfKeys: 3, lua: ADMIT_ALERT });
  redis.defineCommand('claimBatch', { numberOfKeys: 2, lua: CLAIM_BATCH });
  redis.defineCommand('releaseLock', { numberOfKeys: 1, lua: RELEASE });
  redis.defineCommand('holdLease', { numberOfKeys: 1, lua: HOLD_LEASE });
  return redis as CcopsRedis;
}
