// Outcome waits as step jobs: each run asks the adapter once (pollOutcome),
// and when the result is still pending moves its own job to delayed
// (moveToDelayed + DelayedError) instead of sleeping: no worker slot is held
// while waiting, and a restart loses nothing, since the wait lives in Redis.
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { asCcopsError, type CcopsError, ErrorCode } from '../shared/errors.ts';
import { isRetryable } from '../shared/retry.ts';
import type { Centers } from './centers.ts';
import { OutcomeJob } from './jobs.ts';
import type { ServiceMetrics } from './metrics.ts';
import type { ReplySink, ReplyUpdate } from './reply.ts';

export interface OutcomesDeps {
  centers: Centers;
  sink: ReplySink;
  logger: Logger;
  metrics?: ServiceMetrics;
  now?: () => number;
}

export function outcomesProcessor(d: OutcomesDeps) {
  const now = d.now ?? Date.now;
  return async (job: Job, token?: string): Promise<unknown> => {
    const parsed = OutcomeJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Malformed outcome job: ${parsed.error.message}`);
    const data = parsed.data;
    const base = { jobId: data.opJobId, center: data.center, operation: data.operation };
    const reply = async (u: ReplyUpdate) => {
      if (!data.replyTarget) return;
      try {
        await d.sink.report(data.replyTarget, u);
      } catch (e) {
        d.logger.warn({ jobId: data.opJobId, err: e }, 'could not deliver a reply');
      }
    };
    const center = d.centers.get(data.center);
    if (!center) {
      // The configuration changed while the wait was queued: say so, or the reply stays "pending" for good.
      const message = `No contact center named "${data.center}" is configured here any more, so ccops stopped waiting for the result. Check it in the vendor's console.`;
      await reply({ ...base, status: 'failed', message, code: ErrorCode.Config });
      throw new UnrecoverableError(message);
    }
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

    let outcome;
    try {
      outcome = await center.pollOutcome(data.token);
      d.centers.ok(data.center);
    } catch (e) {
      const err = asCcopsError(e) as CcopsError & { vendorCode?: string };
      d.centers.failed(data.center, err);
      d.metrics?.vendorErrors.inc({ center: data.center, vendor: center.vendor, code: err.vendorCode ?? err.code });
      if (isRetryable(err) && !lastAttempt && now() < Date.parse(data.deadline)) throw err;
      await reply({ ...base, status: 'failed', message: err.message, code: err.code, ...(err.vendorCode ? { vendorCode: err.vendorCode } : {}) });
      throw new UnrecoverableError(err.message);
    }

    if (outcome.status === 'done') {
      await reply({ ...base, status: 'done', value: outcome.value });
      return { status: 'done', value: outcome.value, polls: data.polls + 1 };
    }
    if (outcome.status === 'failed') {
      await reply({
        ...base,
        status: 'failed',
        message: outcome.reason,
        code: outcome.code ?? 'ccops_outcome_failed',
        ...(outcome.value !== undefined ? { value: outcome.value } : {}),
      });
      return { status: 'failed', reason: outcome.reason, code: outcome.code, polls: data.polls + 1 };
    }

    const t = now();
    const deadline = Date.parse(data.deadline);
    if (t >= deadline) {
      const waited = Math.round((t - job.timestamp) / 1000);
      const message = `No final result from ${data.center} after ${waited} s${outcome.progress ? ` (last: ${outcome.progress})` : ''}; ccops stopped waiting. Check the call in the vendor's console.`;
      await reply({ ...base, status: 'failed', message, code: 'ccops_outcome_deadline', ...(outcome.value !== undefined ? { value: outcome.value } : {}) });
      throw new UnrecoverableError(message);
    }
    if (outcome.progress && outcome.progress !== data.lastProgress) {
      await reply({
        ...base,
        status: 'pending',
        deadline: data.deadline,
        progress: outcome.progress,
        ...(outcome.value !== undefined ? { value: outcome.value } : {}),
      });
    }
    // The adapter may hand out a new token (e.g. a conference id once known).
    await job.updateData({ ...data, token: outcome.token, lastProgress: outcome.progress ?? data.lastProgress, polls: data.polls + 1 });
    const next = Math.min(t + Math.max(outcome.pollAfterMs, data.pollAfterMs), deadline);
    await job.moveToDelayed(next, token);
    throw new DelayedError();
  };
}
