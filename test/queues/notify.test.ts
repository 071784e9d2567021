// Delivery is idempotent: a notify job that runs again after posting updates
// the message it posted instead of posting a second one.
import { Writable } from 'node:stream';
import { Queue, Worker } from 'bullmq';
import { createLogger } from '../../queues/logger.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertCall } from '../../queues/alert.ts';
import { Keys, QUEUE } from '../../queues/names.ts';
import { notifyProcessor } from '../../queues/notify.ts';
import { bullConnection, connect, withScripts, type CcopsRedis } from '../../queues/redis.ts';
import { createSlackWebClient, webClientPoster } from '../../queues/slack.ts';
import { renderAlert } from '../../bot/views/alert.ts';
import { renderDigest } from '../../bot/views/digest.ts';
import { startSlackSim, type SlackSim } from '../../sim/slack/index.ts';
import { dropPrefix, quietLogger, REDIS_URL, uniquePrefix, until } from './helpers.ts';

let slack: SlackSim;
let redis: CcopsRedis;
const prefix = uniquePrefix('notify');
const keys = new Keys(prefix);

beforeAll(async () => {
  slack = await startSlackSim();
  redis = withScripts(connect(REDIS_URL));
});
afterAll(async () => {
  await slack.close();
  redis.disconnect();
  await dropPrefix(prefix);
});

function callFor(id: string): AlertCall {
  return {
    alertId: id,
    center: 'tc',
    callId: id,
    caller: '13175112345',
    skillGroup: 'Sales',
    outcome: 'abandoned_in_queue',
    vendorOutcome: 'waitingGiveUp (103)',
    waitSeconds: 42,
    abandonedAt: new Date().toISOString(),
    detectedAt: Date.now(),
  };
}

describe('notify delivery', () => {
  it('lets a delivery hook post instead of the worker, and remembers what it returns', async () => {
    const call = callFor('tc-hook-1');
    await redis.admitAlert(keys.seen(call.alertId), keys.alert(call.alertId), keys.pending('#hooked'), 3600, call.detectedAt, call.alertId, JSON.stringify(call));
    const seen: string[][] = [];
    const poster = webClientPoster(createSlackWebClient('xoxb-ccops-test', { slackApiUrl: slack.apiUrl }));
    const process = notifyProcessor({
      redis,
      keys,
      slack: poster,
      renderer: { alert: renderAlert, digest: renderDigest },
      hook: {
        async deliver({ calls, outgoing, slack: s }) {
          seen.push(calls.map((c) => c.alertId));
          return s.postMessage({ ...outgoing, text: `hooked: ${outgoing.text}` });
        },
      },
      settings: { digestThreshold: 5, digestMax: 100, perChannelPerSecond: 1, ttlSec: 3600 },
      logger: quietLogger(),
    });
    const queue = new Queue(QUEUE.notify, { connection: bullConnection(REDIS_URL), prefix });
    const worker = new Worker(QUEUE.notify, process, { connection: bullConnection(REDIS_URL), prefix });
    try {
      const job = await queue.add('alert', { alertId: call.alertId, channel: '#hooked' }, { jobId: 'alert-tc-hook-1' });
      const done = await until('the job to complete', async () => {
        const j = await queue.getJob(job.id!);
        return j?.finishedOn ? j : undefined;
      });
      expect(seen).toEqual([['tc-hook-1']]);
      const [msg] = slack.workspace.messages('hooked');
      expect(msg!.text).toMatch(/^hooked: Abandoned call/);
      expect(done.returnvalue).toMatchObject({ delivery: 'posted', ts: msg!.ts });
    } finally {
      await worker.close();
      await queue.close();
    }
  });

  it('updates the message it already posted when its job runs again', async () => {
    const call = callFor('tc-call-1');
    const posts = slack.log.entries({ action: 'chat.postMessage' }).length;
    const updates = slack.log.entries({ action: 'chat.update' }).length;
    expect(await redis.admitAlert(keys.seen(call.alertId), keys.alert(call.alertId), keys.pending('#notify'), 3600, call.detectedAt, call.alertId, JSON.stringify(call))).toBe(1);
    const process = notifyProcessor({
      redis,
      keys,
      slack: webClientPoster(createSlackWebClient('xoxb-ccops-test', { slackApiUrl: slack.apiUrl })),
      renderer: { alert: renderAlert, digest: renderDigest },
      settings: { digestThreshold: 5, digestMax: 100, perChannelPerSecond: 1, ttlSec: 3600 },
      logger: quietLogger(),
    });
    let runs = 0;
    const queue = new Queue(QUEUE.notify, { connection: bullConnection(REDIS_URL), prefix });
    const worker = new Worker(
      QUEUE.notify,
      async (job, token) => {
        const result = await process(job, token);
        // The first run posts, then fails before BullMQ records its completion.
        if (++runs === 1) throw new Error('lost the connection after posting');
        return result;
      },
      { connection: bullConnection(REDIS_URL), prefix },
    );
    try {
      const job = await queue.add('alert', { alertId: call.alertId, channel: '#notify' }, { jobId: 'alert-tc-call-1', attempts: 3, backoff: 10 });
      const finished = await until('the job to complete', async () => {
        const j = await queue.getJob(job.id!);
        return j?.finishedOn ? j : undefined;
      });
      expect(finished.returnvalue).toMatchObject({ delivery: 'updated', calls: 1 });
      const msgs = slack.workspace.messages('notify');
      expect(msgs).toHaveLength(1);
      expect(msgs[0]!.edits).toHaveLength(1);
      expect(slack.log.entries({ action: 'chat.postMessage' })).toHaveLength(posts + 1);
      expect(slack.log.entries({ action: 'chat.update' })).toHaveLength(updates + 1);
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});

describe('notify delivery failures', () => {
  it('fails at once, with a log line saying what to fix, when Slack refuses the channel', async () => {
    const call = callFor('tc-refused-1');
    await redis.admitAlert(keys.seen(call.alertId), keys.alert(call.alertId), keys.pending('#gone'), 3600, call.detectedAt, call.alertId, JSON.stringify(call));
    slack.failNext('chat.postMessage', 'channel_not_found');
    const lines: string[] = [];
    const process = notifyProcessor({
      redis,
      keys,
      slack: webClientPoster(createSlackWebClient('xoxb-ccops-test', { slackApiUrl: slack.apiUrl })),
      renderer: { alert: renderAlert, digest: renderDigest },
      settings: { digestThreshold: 5, digestMax: 100, perChannelPerSecond: 1, ttlSec: 3600 },
      logger: createLogger({ level: 'info' }, new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) })),
    });
    const queue = new Queue(QUEUE.notify, { connection: bullConnection(REDIS_URL), prefix });
    const worker = new Worker(QUEUE.notify, process, { connection: bullConnection(REDIS_URL), prefix });
    try {
      const job = await queue.add('alert', { alertId: call.alertId, channel: '#gone' }, { jobId: 'alert-tc-refused-1', attempts: 5, backoff: 10 });
      const failed = await until('the job to fail', async () => {
        const j = await queue.getJob(job.id!);
        return j?.finishedOn ? j : undefined;
      });
      expect(await failed.getState()).toBe('failed');
      expect(failed.attemptsMade).toBe(1);
      expect(failed.failedReason).toContain('channel_not_found');
      expect(lines.join('')).toContain('check the channel in slack.alertRoutes');
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});
