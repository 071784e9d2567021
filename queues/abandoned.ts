// Abandoned-call polling: one job scheduler per center fires a poll job; the
// poll reads call records since the center's cursor (minus an overlap window,
// for records the vendor publishes late), admits each abandoned call once
// (dedup key, SET NX with a TTL) and adds one notify job per new call with a
// deterministic job id. The cursor moves only after the jobs are added, so a
// crash repeats a window (absorbed by the dedup key) and never skips one.
import { randomUUID } from 'node:crypto';
import type { Job, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { isAbandoned } from '../shared/domain.ts';
import { asCcopsError } from '../shared/errors.ts';
import { AlertCall, toAlertCall } from './alert.ts';
import type { Centers } from './centers.ts';
import { PollJob, type NotifyJob } from './jobs.ts';
import type { ServiceMetrics } from './metrics.ts';
import { type Keys, safeId } from './names.ts';
import type { CcopsRedis } from './redis.ts';

export interface AlertPollSettings {
  intervalMs: number;
  overlapMs: number;
  initialLookbackMs: number;
  dedupTtlSec: number;
}

export interface AbandonedDeps {
  redis: CcopsRedis;
  keys: Keys;
  centers: Centers;
  notify: Queue;
  settings: AlertPollSettings;
  /** The channel an alert goes to; undefined: nowhere (logged once per center). */
  route: (call: AlertCall) => string | undefined;
  logger: Logger;
  metrics?: ServiceMetrics;
  now?: () => number;
  /** Most pages read in one poll. @defaultValue 50 */
  maxPages?: number;
}

export interface PollResult {
  center: string;
  since: string;
  seen: number;
  abandoned: number;
  /** New abandoned calls, each now a notify job. */
  queued: number;
  /** Seen before but not delivered yet: their jobs were added again (a no-op when they exist). */
  requeued: number;
  unrouted: number;
  skipped?: 'locked';
  /** ms from each page's arrival to its notify jobs being added. */
  enqueueMs: number[];
}

const ADMIT_CHUNK = 250;

export const notifyJobId = (alertId: string) => safeId('alert', alertId);

/** Notify jobs: kept a day after delivery; failures kept for a week to be looked at. */
export const NOTIFY_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

export function abandonedPoller(d: AbandonedDeps) {
  const now = d.now ?? Date.now;
  const unroutedLogged = new Set<string>();

  /** Admits a page's abandoned calls and adds their notify jobs; returns counts. */
  async function admit(center: string, calls: AlertCall[]): Promise<{ queued: number; requeued: number; unrouted: number }> {
    const routed: { call: AlertCall; channel: string }[] = [];
    let unrouted = 0;
    for (const call of calls) {
      const channel = d.route(call);
      if (!channel) {
        unrouted++;
        if (!unroutedLogged.has(center)) {
          unroutedLogged.add(center);
          d.logger.warn({ center }, 'abandoned calls of this center match no alert route and there is no default channel: set slack.defaultChannel or slack.alertRoutes');
        }
        continue;
      }
      routed.push({ call, channel });
    }
    if (!routed.length) return { queued: 0, requeued: 0, unrouted };
    const pipe = d.redis.pipeline();
    for (const { call, channel } of routed) {
      (pipe as unknown as CcopsRedis).admitAlert(
        d.keys.seen(call.alertId),
        d.keys.alert(call.alertId),
        d.keys.pending(channel),
        d.settings.dedupTtlSec,
        call.detectedAt,
        call.alertId,
        JSON.stringify(call),
      );
    }
    const results = (await pipe.exec()) ?? [];
    const jobs: { name: string; data: NotifyJob; opts: object }[] = [];
    let requeued = 0;
    routed.forEach(({ call, channel }, i) => {
      const [err, admitted] = results[i] ?? [];
      if (err) throw err;
      if (admitted === 2) requeued++;
      if (admitted === 1 || admitted === 2) {
        jobs.push({ name: 'alert', data: { alertId: call.alertId, channel }, opts: { ...NOTIFY_JOB_OPTIONS, jobId: notifyJobId(call.alertId) } });
      }
    });
    // addBulk is not atomic; a partial failure throws, the cursor stays, and the
    // next poll re-adds the missing jobs (admitAlert answers 2 for them).
    if (jobs.length) await d.notify.addBulk(jobs);
    return { queued: jobs.length - requeued, requeued, unrouted };
  }

  return async (job: Job): Promise<PollResult> => {
    const { center: name } = PollJob.parse(job.data);
    const center = d.centers.get(name);
    if (!center) return { center: name, since: '', seen: 0, abandoned: 0, queued: 0, requeued: 0, unrouted: 0, enqueueMs: [] };
    // One poll per center at a time, whichever process runs the job.
    const lock = d.keys.pollLock(name);
    const holder = randomUUID();
    // Short, renewed while the poll runs: a process that dies mid-poll blocks the center for seconds, not minutes.
    const leaseMs = Math.max(15_000, d.settings.intervalMs * 2);
    if (!(await d.redis.set(lock, holder, 'PX', leaseMs, 'NX'))) {
      return { center: name, since: '', seen: 0, abandoned: 0, queued: 0, requeued: 0, unrouted: 0, skipped: 'locked', enqueueMs: [] };
    }
    const renew = setInterval(() => void d.redis.holdLease(lock, holder, leaseMs).catch(() => {}), Math.floor(leaseMs / 3));
    try {
      const started = now();
      const cursor = Number(await d.redis.get(d.keys.cursor(name)));
      const sinceMs = cursor > 0 ? cursor - d.settings.overlapMs : started - d.settings.initialLookbackMs;
      const since = new Date(sinceMs).toISOString();
      const result: PollResult = { center: name, since, seen: 0, abandoned: 0, queued: 0, requeued: 0, unrouted: 0, enqueueMs: [] };
      let pageCursor: string | undefined;
      let latestStart = 0;
      for (let page = 0; page < (d.maxPages ?? 50); page++) {
        let res;
        try {
          res = await center.listAbandonedCalls({ since, ...(pageCursor ? { cursor: pageCursor } : {}) });
          d.centers.ok(name);
        } catch (e) {
          const err = asCcopsError(e) as { code: string; vendorCode?: string };
          d.centers.failed(name, e);
          d.metrics?.vendorErrors.inc({ center: name, vendor: center.vendor, code: err.vendorCode ?? err.code });
          throw e;
        }
        const arrived = now();
        const calls = res.items.filter((c) => isAbandoned(c.outcome)).map((c) => toAlertCall(name, c, arrived));
        for (const c of res.items) latestStart = Math.max(latestStart, c.startedAt ? Date.parse(c.startedAt) || 0 : 0);
        result.seen += res.items.length;
        result.abandoned += calls.length;
        // In chunks: a vendor page may hold thousands of calls; smaller batches keep memory flat.
        for (let i = 0; i < calls.length; i += ADMIT_CHUNK) {
          const { queued, requeued, unrouted } = await admit(name, calls.slice(i, i + ADMIT_CHUNK));
          result.queued += queued;
          result.requeued += requeued;
          result.unrouted += unrouted;
        }
        const ms = now() - arrived;
        result.enqueueMs.push(ms);
        d.metrics?.enqueueLatency.observe(ms / 1000);
        pageCursor = res.nextCursor;
        if (!pageCursor) break;
      }
      if (!pageCursor) {
        await d.redis.set(d.keys.cursor(name), String(started));
      } else {
        // Stopped at maxPages with pages left (oldest first): the next poll starts
        // at the newest call read, not at this poll's start, or the rest is skipped.
        if (latestStart > sinceMs) await d.redis.set(d.keys.cursor(name), String(latestStart + d.settings.overlapMs));
        d.logger.warn({ center: name, pages: d.maxPages ?? 50 }, 'more abandoned calls than one poll reads; the next poll carries on from the last one read');
      }
      if (result.queued) d.logger.info({ center: name, queued: result.queued, abandoned: result.abandoned }, 'new abandoned calls queued for Slack');
      return result;
    } finally {
      clearInterval(renew);
      await d.redis.releaseLock(lock, holder);
    }
  };
}

/**
 * One scheduler per center: every process upserts the same ids at start-up
 * (upsert does not duplicate), and schedulers of centers no longer polled are
 * removed.
 */
export async function upsertPollSchedulers(poll: Queue, centers: string[], intervalMs: number): Promise<void> {
  const wanted = new Set(centers.map((c) => safeId('poll', c)));
  for (const c of centers) {
    await poll.upsertJobScheduler(
      safeId('poll', c),
      { every: intervalMs },
      { name: 'poll', data: { center: c }, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } } },
    );
  }
  for (const s of await poll.getJobSchedulers()) {
    const id = (s as { key?: string; id?: string }).key ?? (s as { id?: string }).id;
    if (id && !wanted.has(id)) await poll.removeJobScheduler(id);
  }
}
