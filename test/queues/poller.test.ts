// The abandoned-call poller's own mechanics, with a scripted center (the
// vendor adapters are covered with their simulators in alerts.test.ts): one
// poll per center at a time, the cursor with its overlap window, dedup.
import { Queue, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abandonedPoller } from '../../queues/abandoned.ts';
import { Centers } from '../../queues/centers.ts';
import { Keys, QUEUE } from '../../queues/names.ts';
import { bullConnection, connect, withScripts, type CcopsRedis } from '../../queues/redis.ts';
import type { CallRecord, ListAbandonedInput, Page } from '../../shared/domain.ts';
import { supported, type ContactCenter } from '../../shared/port.ts';
import { dropPrefix, quietLogger, REDIS_URL, uniquePrefix } from './helpers.ts';

const prefix = uniquePrefix('poller');
let redis: CcopsRedis;
let notify: Queue;

beforeAll(() => {
  redis = withScripts(connect(REDIS_URL));
  notify = new Queue(QUEUE.notify, { connection: bullConnection(REDIS_URL), prefix });
});
afterAll(async () => {
  await notify.close();
  redis.disconnect();
  await dropPrefix(prefix);
});

const call = (id: string): CallRecord => ({
  center: 'sc',
  id,
  direction: 'inbound',
  caller: '13175112345',
  agents: [],
  durations: {},
  outcome: 'abandoned_in_queue',
  vendorOutcome: 'x',
  raw: {},
});

/** Answers listAbandonedCalls from a script, recording each request. */
function scriptedCenter(list: (input: ListAbandonedInput) => Promise<Page<CallRecord>>): ContactCenter & { asked: ListAbandonedInput[] } {
  const asked: ListAbandonedInput[] = [];
  const no = () => Promise.reject(new Error('not scripted'));
  return {
    vendor: 'tencent-tccc',
    center: 'sc',
    capabilities: { startConference: supported, endConference: supported, getCall: supported, searchCalls: supported, getAgentState: supported, setAgentState: supported, listAbandonedCalls: supported },
    asked,
    listAbandonedCalls: (input) => (asked.push(input), list(input)),
    startConference: no,
    endConference: no,
    getCall: no,
    searchCalls: no,
    getAgentState: no,
    setAgentState: no,
    pollOutcome: no,
    close: async () => {},
  };
}

describe('abandoned-call poller', () => {
  it('runs one poll per center at a time, moves the cursor, re-reads the overlap window and admits each call once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let first = true;
    const center = scriptedCenter(async () => {
      if (first) {
        first = false;
        await gate; // the first poll is slow
      }
      return { items: [call('a1'), call('a2'), { ...call('x9'), outcome: 'answered' }] };
    });
    let clock = Date.parse('2026-11-23T10:00:00Z');
    const poll = abandonedPoller({
      redis,
      keys: new Keys(prefix),
      centers: new Centers([center]),
      notify,
      settings: { intervalMs: 1000, overlapMs: 60_000, initialLookbackMs: 600_000, dedupTtlSec: 3600 },
      route: () => '#poller',
      logger: quietLogger(),
      now: () => clock,
    });
    const job = { data: { center: 'sc' } } as Job;
    const slow = poll(job);
    await new Promise((r) => setTimeout(r, 100));
    expect(await poll(job)).toMatchObject({ skipped: 'locked', queued: 0 }); // another process's poll of the same center
    release();
    const r1 = await slow;
    expect(r1).toMatchObject({ since: '2026-11-23T09:50:00.000Z', seen: 3, abandoned: 2, queued: 2 });
    clock += 30_000;
    const r2 = await poll(job);
    // From where the last poll started, minus the overlap; the same calls are not queued again.
    expect(r2).toMatchObject({ since: '2026-11-23T09:59:00.000Z', queued: 0, requeued: 2 });
    expect(center.asked.map((a) => a.since)).toEqual(['2026-11-23T09:50:00.000Z', '2026-11-23T09:59:00.000Z']);
    expect((await notify.getJobCounts('waiting')).waiting).toBe(2);
    expect((await notify.getJob('alert-sc-a1'))?.data).toEqual({ alertId: 'sc-a1', channel: '#poller' });
  });

  it('leaves the cursor where it was when the vendor fails, so the window is read again', async () => {
    const p2 = uniquePrefix('poller-fail');
    const center = scriptedCenter(async () => {
      throw new Error('vendor down');
    });
    const poll = abandonedPoller({
      redis,
      keys: new Keys(p2),
      centers: new Centers([center]),
      notify,
      settings: { intervalMs: 1000, overlapMs: 0, initialLookbackMs: 60_000, dedupTtlSec: 3600 },
      route: () => '#poller',
      logger: quietLogger(),
    });
    await expect(poll({ data: { center: 'sc' } } as Job)).rejects.toThrow('vendor down');
    expect(await redis.get(new Keys(p2).cursor('sc'))).toBeNull();
    expect(await redis.get(new Keys(p2).pollLock('sc'))).toBeNull(); // and the lock is released
    await dropPrefix(p2);
  });

  it('stopping at maxPages with pages left, the next poll starts at the newest call read rather than skipping the rest', async () => {
    const p3 = uniquePrefix('poller-pages');
    // Oldest first, one call a page, always a next page: more than one poll reads.
    const center = scriptedCenter(async (input) => {
      const n = input.cursor ? Number(input.cursor) : 0;
      const at = new Date(Date.parse('2026-11-23T09:51:00Z') + n * 60_000).toISOString();
      return { items: [{ ...call(`p${n}`), startedAt: at }], nextCursor: String(n + 1) };
    });
    const poll = abandonedPoller({
      redis,
      keys: new Keys(p3),
      centers: new Centers([center]),
      notify,
      settings: { intervalMs: 1000, overlapMs: 30_000, initialLookbackMs: 600_000, dedupTtlSec: 3600 },
      route: () => '#poller',
      logger: quietLogger(),
      now: () => Date.parse('2026-11-23T10:00:00Z'),
      maxPages: 2,
    });
    await poll({ data: { center: 'sc' } } as Job);
    const r2 = await poll({ data: { center: 'sc' } } as Job);
    // The first poll read the calls of 09:51 and 09:52; the second starts at 09:52, not at 10:00 minus the overlap.
    expect(r2.since).toBe('2026-11-23T09:52:00.000Z');
    await dropPrefix(p3);
  });
});
