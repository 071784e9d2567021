// Delivery of abandoned-call alerts to Slack.
//
// - Per-channel rate limit: a job takes its channel's posting slot in Redis
//   (SET NX PX ~1 s); without it, the job moves itself to delayed. A 429 sets
//   the channel's pause key from Retry-After: that channel waits, others don't.
// - Bursts: with the slot held, a job claims the alerts waiting for its channel
//   (a sorted set per channel). More than `digestThreshold` waiting: they all go
//   into one digest message; otherwise the job's own alert goes alone. Jobs
//   whose alert was claimed by another job's message finish once it is posted.
// - Idempotent: a batch remembers channel and ts once posted; a retried job
//   updates that message instead of posting a second one.
import { randomUUID } from 'node:crypto';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { AlertCall } from './alert.ts';
import { NotifyJob } from './jobs.ts';
import type { ServiceMetrics } from './metrics.ts';
import type { Keys } from './names.ts';
import type { CcopsRedis } from './redis.ts';
import type { AlertRenderer, SlackMessageBody } from './render.ts';
import { SlackRateLimited, type PostedMessage, type SlackOutgoing, type SlackPoster } from './slack.ts';

export interface NotifySettings {
  /** More than this many alerts waiting for a channel become one digest. */
  digestThreshold: number;
  digestMax: number;
  perChannelPerSecond: number;
  /** How long batch records live (the dedup TTL). */
  ttlSec: number;
}

/** What a delivery hook gets, with the channel's posting slot held. */
export interface NotifyDelivery {
  calls: AlertCall[];
  /** The rendered message with the worker's metadata: post it, or decide otherwise (fold, hold). */
  outgoing: SlackOutgoing;
  /** The worker's poster: a 429 from it pauses the channel and the job retries. */
  slack: SlackPoster;
}

/**
 * Lets a front end (the bot) take over the posting step: fold repeats into a
 * first message, hold muted calls… It returns the message that now carries the
 * calls; that channel + ts is remembered for idempotent retries.
 */
export interface NotifyDeliveryHook {
  deliver(d: NotifyDelivery): Promise<PostedMessage>;
}

export interface NotifyDeps {
  redis: CcopsRedis;
  keys: Keys;
  slack: SlackPoster;
  renderer: AlertRenderer;
  /** Posts instead of the worker (default: slack.postMessage of the rendered message). */
  hook?: NotifyDeliveryHook;
  settings: NotifySettings;
  logger: Logger;
  metrics?: ServiceMetrics;
  vendorOf?: (center: string) => string | undefined;
  now?: () => number;
}

export interface NotifyResult {
  alertId: string;
  batchId: string;
  channel: string;
  ts: string;
  /** How many calls the message carries. */
  calls: number;
  /** posted | updated (a retry found the message) | already (another job's message carries it) */
  delivery: 'posted' | 'updated' | 'already';
}

type BatchState =
  | { kind: 'delivered'; channel: string; ts: string; calls: number; delivery: 'posted' | 'updated' | 'already' }
  | { kind: 'wait'; ms: number };

/** Slack errors that retrying cannot fix (https://docs.slack.dev/reference/methods/chat.postMessage#errors). */
const PERMANENT_SLACK_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'restricted_action',
  'invalid_blocks',
  'msg_too_long',
  'no_text',
]);

export function permanentSlackError(e: unknown): string | undefined {
  const err = (e as { data?: { error?: unknown } } | null)?.data?.error;
  return typeof err === 'string' && PERMANENT_SLACK_ERRORS.has(err) ? err : undefined;
}

/** Slot length: a little over 1/rate, so our spacing never undercuts Slack's by network jitter. */
export const slotMs = (perSecond: number) => Math.ceil(1000 / perSecond) + 100;

export function notifyProcessor(d: NotifyDeps) {
  const now = d.now ?? Date.now;
  const interval = slotMs(d.settings.perChannelPerSecond);

  async function loadCalls(ids: string[]): Promise<AlertCall[]> {
    if (!ids.length) return [];
    const raw = await d.redis.mget(...ids.map((id) => d.keys.alert(id)));
    const calls: AlertCall[] = [];
    raw.forEach((r, i) => {
      const parsed = r ? AlertCall.safeParse(JSON.parse(r)) : undefined;
      if (parsed?.success) calls.push(parsed.data);
      else d.logger.warn({ alertId: ids[i] }, 'alert record missing or unreadable; counted in the message without details');
      if (!parsed?.success) calls.push({ alertId: ids[i]!, center: 'unknown', callId: ids[i]!, outcome: 'unknown', vendorOutcome: 'unknown', detectedAt: 0 });
    });
    return calls;
  }

  function render(calls: AlertCall[], channel: string): SlackMessageBody {
    const ctx = { channel, now: new Date(now()), ...(d.vendorOf ? { vendorOf: d.vendorOf } : {}) };
    return calls.length === 1 ? d.renderer.alert(calls[0]!, ctx) : d.renderer.digest(calls, ctx);
  }

  /**
   * Posts (or, when it was posted before, updates) one batch. `slotHeld`: the
   * caller already took the channel's posting slot. `retry`: the batch's own
   * job runs again after a failed or interrupted run, so it refreshes the
   * message it posted rather than trusting that run.
   */
  async function deliverBatch(batchId: string, slotHeld: boolean, retry = false): Promise<BatchState> {
    const batchKey = d.keys.batch(batchId);
    // Small fields only: thousands of jobs may check one digest; its id list is read once, to post it.
    const [channel, ts, done, postedChannel, countText] = await d.redis.hmget(batchKey, 'channel', 'ts', 'done', 'posted_channel', 'count');
    if (!channel) return { kind: 'wait', ms: interval }; // claimed a moment ago, not yet written
    const count = Number(countText ?? 0);
    if (done && ts && !retry) return { kind: 'delivered', channel: postedChannel ?? channel, ts, calls: count, delivery: 'already' };
    const b = { channel, ts, posted_channel: postedChannel };

    const lockKey = d.keys.batchLock(batchId);
    const holder = randomUUID();
    if (!(await d.redis.set(lockKey, holder, 'PX', 30_000, 'NX'))) return { kind: 'wait', ms: interval };
    try {
      const ids = JSON.parse((await d.redis.hget(batchKey, 'ids')) ?? '[]') as string[];
      const calls = await loadCalls(ids);
      const body = render(calls, b.channel);
      if (b.ts) {
        // Posted by an earlier run that did not finish: update, never post again.
        await d.slack.update({ channel: b.posted_channel ?? b.channel, ts: b.ts, text: body.text, ...(body.blocks ? { blocks: body.blocks } : {}) });
        await d.redis.hset(batchKey, 'done', '1');
        return { kind: 'delivered', channel: b.posted_channel ?? b.channel, ts: b.ts, calls: ids.length, delivery: 'updated' };
      }
      if (!slotHeld) {
        const wait = await d.redis.takeChannelSlot(d.keys.channelToken(b.channel), d.keys.channelPause(b.channel), interval);
        if (wait > 0) return { kind: 'wait', ms: wait };
      }
      let posted;
      try {
        const outgoing: SlackOutgoing = {
          channel: b.channel,
          text: body.text,
          ...(body.blocks ? { blocks: body.blocks } : {}),
          metadata: {
            event_type: ids.length === 1 ? 'ccops_abandoned_call' : 'ccops_abandoned_digest',
            event_payload: { batch: batchId, count: ids.length, alerts: ids },
          },
        };
        posted = d.hook ? await d.hook.deliver({ calls, outgoing, slack: d.slack }) : await d.slack.postMessage(outgoing);
      } catch (e) {
        const refused = permanentSlackError(e);
        if (refused) {
          d.logger.error({ channel: b.channel, batchId, slackError: refused }, `Slack refused alerts for ${b.channel} (${refused}): check the channel in slack.alertRoutes / slack.defaultChannel, that the bot is in it, and the bot token`);
          throw new UnrecoverableError(`Slack refused the message for ${b.channel}: ${refused}`);
        }
        if (e instanceof SlackRateLimited) {
          d.metrics?.slackRateLimited.inc();
          await d.redis.set(d.keys.channelPause(b.channel), '1', 'PX', Math.max(1, e.retryAfterMs));
          d.logger.info({ channel: b.channel, retryAfterMs: e.retryAfterMs }, 'Slack rate-limited this channel; pausing it');
          return { kind: 'wait', ms: e.retryAfterMs };
        }
        throw e;
      }
      // Remember the message at once: from here on a retry updates it.
      await d.redis.hset(batchKey, 'ts', posted.ts, 'posted_channel', posted.channel);
      await d.redis.hset(batchKey, 'done', '1');
      d.metrics?.alertsSent.inc({ kind: ids.length === 1 ? 'single' : 'digest' });
      for (const c of calls) d.metrics?.alertCalls.inc({ center: c.center });
      d.logger.info({ channel: b.channel, batchId, calls: ids.length }, ids.length === 1 ? 'alert posted' : 'digest posted');
      return { kind: 'delivered', channel: posted.channel, ts: posted.ts, calls: ids.length, delivery: 'posted' };
    } finally {
      await d.redis.releaseLock(lockKey, holder);
    }
  }

  return async (job: Job, token?: string): Promise<NotifyResult | { alertId: string; delivery: 'unknown' }> => {
    const { alertId, channel } = NotifyJob.parse(job.data);
    const delay = async (ms: number): Promise<never> => {
      // Spread waiting jobs over the next slot: in a burst most of them then
      // wake to find their alert already carried by a digest.
      await job.moveToDelayed(now() + ms + Math.floor(Math.random() * interval), token);
      throw new DelayedError();
    };
    let batchId = await d.redis.get(d.keys.claim(alertId));
    let slotHeld = false;
    if (!batchId) {
      // Take the channel's slot first, then claim: whoever posts next takes
      // every alert waiting by then (a digest when there are many).
      const wait = await d.redis.takeChannelSlot(d.keys.channelToken(channel), d.keys.channelPause(channel), interval);
      if (wait > 0) return delay(wait);
      const r = await d.redis.claimBatch(
        d.keys.pending(channel),
        d.keys.batch(`b-${alertId}`),
        alertId,
        d.settings.digestThreshold,
        d.settings.digestMax,
        d.settings.ttlSec,
        `b-${alertId}`,
        channel,
        d.keys.claimPrefix(),
      );
      if (r[0] === 'gone') {
        d.logger.warn({ alertId }, 'alert is no longer known (expired?); nothing to deliver');
        return { alertId, delivery: 'unknown' };
      }
      batchId = r[1]!;
      slotHeld = r[0] === 'new'; // 'claimed': another job took it between our two reads
    }
    const own = batchId === `b-${alertId}`;
    // attemptsMade > 0: an earlier run failed; attemptsStarted beyond runs and waits: it died mid-run.
    const retry = own && job.attemptsMade > 0;
    const state = await deliverBatch(batchId, slotHeld, retry);
    if (state.kind === 'wait') return delay(state.ms);
    return { alertId, batchId, channel: state.channel, ts: state.ts, calls: state.calls, delivery: own ? state.delivery : 'already' };
  };
}
