// The operations queue: a front end submits {center, operation, input, reply
// target, idempotency key}; a worker runs the core operation (runOperation),
// retries what the vendor calls retryable with the core's backoff, fails at
// once with the vendor's sentence otherwise, and hands a `pending` result to
// the outcomes queue. Writes that may have reached the vendor before the
// connection broke are read back before they are tried again.
import { DelayedError, type Job, type Queue, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { AgentState, AgentStateTarget, Outcome } from '../shared/domain.ts';
import { asCcopsError, ConfigError, ErrorCode, TransportError, type CcopsError } from '../shared/errors.ts';
import { runOperation, parseOperationInput } from '../shared/operations.ts';
import { WRITE_OPERATIONS, type ContactCenter, type Operation } from '../shared/port.ts';
import { isRetryable, retryDelay, type RetryPolicy } from '../shared/retry.ts';
import type { Centers } from './centers.ts';
import { OperationJob, type OperationSubmission, type OutcomeJob } from './jobs.ts';
import type { ServiceMetrics } from './metrics.ts';
import { safeId } from './names.ts';
import type { ReplySink, ReplyTarget, ReplyUpdate } from './reply.ts';

export interface OperationsSettings extends RetryPolicy {
  /** A second submission with the same idempotency key within this window runs once. */
  idempotencyWindowMs: number;
}

export interface OutcomeSettings {
  /** Longest wait when the vendor's deadline is further away. */
  maxWaitMs: number;
  /** Shortest delay between two polls. */
  minPollMs: number;
}

/** BullMQ backoff strategy name for operation jobs. */
export const VENDOR_BACKOFF = 'ccops-vendor';

/**
 * The core's backoff (exponential, full jitter, never less than the vendor's
 * retry-after) as a BullMQ backoff strategy.
 */
export function vendorBackoff(policy: RetryPolicy) {
  return (attemptsMade: number, _type?: string, err?: Error): number => Math.max(1, retryDelay(attemptsMade, policy, err));
}

/** Job options of one submission: retries, the dedup window, what is kept. */
export function operationJobOptions(s: OperationsSettings, sub: OperationSubmission) {
  return {
    attempts: s.attempts,
    backoff: { type: VENDOR_BACKOFF },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
    ...(sub.idempotencyKey ? { deduplication: { id: safeId('op', sub.center, sub.idempotencyKey), ttl: s.idempotencyWindowMs } } : {}),
  };
}

/** Adds an operation; the same idempotency key within the window returns the first job's id. */
export async function submitOperation(queue: Queue, s: OperationsSettings, sub: OperationSubmission): Promise<string> {
  const data = OperationJob.parse(sub);
  parseOperationInput(data.operation, data.input); // refuse bad input before it is queued
  const job = await queue.add(data.operation, data, operationJobOptions(s, data));
  return job.id!;
}

export interface OperationsDeps {
  centers: Centers;
  sink: ReplySink;
  outcomes: Queue;
  settings: OperationsSettings;
  outcomeSettings: OutcomeSettings;
  logger: Logger;
  metrics?: ServiceMetrics;
  now?: () => number;
  /**
   * May this process run the job now? False: the job waits a moment and is
   * offered again (e.g. another process holds the Huawei agent's lease).
   */
  gate?: (center: ContactCenter, job: OperationJob) => Promise<boolean>;
  /** How long a job may wait at the gate before it fails with a sentence. @defaultValue 120000 */
  gateTimeoutMs?: number;
}

/** Does the agent already stand where the write wanted them? */
export function agentStateMatches(target: AgentStateTarget, state: AgentState): boolean {
  switch (target.kind) {
    case 'ready':
      return state.state === 'ready';
    case 'break':
      return state.state === 'break' && (target.reason === undefined || state.reason === undefined || state.reason === target.reason);
    case 'offline':
      return state.state === 'offline';
    case 'online':
      return state.state !== 'offline';
  }
}

/** Operations whose effect can be read back after a lost answer. */
const READ_BACK: Partial<Record<Operation, (c: ContactCenter, input: unknown) => Promise<Outcome<AgentState> | undefined>>> = {
  setAgentState: async (center, input) => {
    const { agentId, target } = parseOperationInput('setAgentState', input);
    const state = await center.getAgentState(agentId);
    return agentStateMatches(target, state) ? { status: 'done', value: state } : undefined;
  },
};

function maybeAppliedSentence(center: ContactCenter, op: Operation): string {
  const what = op === 'startConference' ? 'start the conference' : op === 'endConference' ? 'end the conference' : 'change the agent state';
  return `The request to ${what} at ${center.center} (${center.vendor}) may have been applied before the connection broke or the worker stopped, and ${center.vendor} offers no way to check it. ccops did not repeat it: check in the vendor's console before trying again.`;
}

export function operationsProcessor(d: OperationsDeps) {
  const now = d.now ?? Date.now;

  const reply = async (target: ReplyTarget | undefined, update: ReplyUpdate) => {
    if (!target) return;
    try {
      await d.sink.report(target, update);
    } catch (e) {
      d.logger.warn({ jobId: update.jobId, err: e }, 'could not deliver a reply');
    }
  };

  const failWith = async (job: Job, data: OperationJob, err: CcopsError, message = err.message): Promise<never> => {
    const v = err as CcopsError & { vendorCode?: string; requestId?: string };
    await reply(data.replyTarget, {
      jobId: job.id!,
      center: data.center,
      operation: data.operation,
      status: 'failed',
      message,
      code: err.code,
      ...(v.vendorCode ? { vendorCode: v.vendorCode } : {}),
      ...(v.requestId ? { requestId: v.requestId } : {}),
    });
    throw new UnrecoverableError(message);
  };

  return async (job: Job, token?: string): Promise<unknown> => {
    const parsed = OperationJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Malformed operations job: ${parsed.error.message}`);
    const data = parsed.data;
    const center = d.centers.get(data.center);
    const base = { jobId: job.id!, center: data.center, operation: data.operation };
    if (!center) {
      return failWith(job, data, new ConfigError(`No contact center named "${data.center}" is configured here. Configured: ${d.centers.names().join(', ')}.`));
    }
    if (d.gate && !(await d.gate(center, data))) {
      if (now() - job.timestamp > (d.gateTimeoutMs ?? 120_000)) {
        const sentence = `No ccops process running operations could act for this agent at ${data.center} within ${Math.round((d.gateTimeoutMs ?? 120_000) / 1000)} s (another process holds its sign-in); nothing was sent. Check that the service's processes are up, then try again.`;
        return failWith(job, data, new ConfigError(sentence), sentence);
      }
      await job.updateData({ ...data, delays: data.delays + 1 });
      await job.moveToDelayed(now() + 250 + Math.floor(Math.random() * 250), token);
      throw new DelayedError();
    }
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const write = WRITE_OPERATIONS.includes(data.operation);
    // A run that started before without finishing or failing (its worker died
    // mid-job) may have reached the vendor: treat the write as maybe applied.
    const interrupted = job.attemptsStarted > job.attemptsMade + 1 + data.delays;
    if (interrupted) {
      // It may have got as far as handing a pending result to the outcomes queue: then that wait carries on.
      const wait = await d.outcomes.getJob(safeId('outcome', job.id!));
      if (wait) return { status: 'pending', token: (wait.data as OutcomeJob).token, deadline: (wait.data as OutcomeJob).deadline };
    }
    if (interrupted && write && !data.maybeApplied) {
      data.maybeApplied = true;
      await job.updateData({ ...data, maybeApplied: true });
    }
    if (data.maybeApplied && !READ_BACK[data.operation]) {
      const sentence = maybeAppliedSentence(center, data.operation);
      return failWith(job, data, new TransportError(sentence, 'CCOPS_INTERRUPTED', true), sentence);
    }

    let outcome: Outcome<unknown> | undefined;
    try {
      if (data.maybeApplied) {
        outcome = await READ_BACK[data.operation]!(center, data.input);
        if (outcome) d.logger.info({ ...base }, 'write was already applied before the connection broke; not repeated');
      }
      outcome ??= await runOperation(center, data.operation, data.input);
      d.centers.ok(data.center);
    } catch (e) {
      const err = asCcopsError(e);
      const v = err as CcopsError & { vendorCode?: string; sent?: boolean };
      d.centers.failed(data.center, err);
      d.metrics?.vendorErrors.inc({ center: data.center, vendor: center.vendor, code: v.vendorCode ?? err.code });
      if (err.code === ErrorCode.Transport && write && v.sent) {
        if (READ_BACK[data.operation] && !lastAttempt) {
          await job.updateData({ ...data, maybeApplied: true });
          d.logger.warn({ ...base, err }, 'write may have been applied; will read back before retrying');
          throw err;
        }
        return failWith(job, data, err, maybeAppliedSentence(center, data.operation));
      }
      if (isRetryable(err, { write }) && !lastAttempt) {
        d.logger.info({ ...base, attempt: job.attemptsMade + 1, code: err.code, vendorCode: v.vendorCode }, 'retryable failure; will retry');
        throw err;
      }
      d.logger.info({ ...base, code: err.code, vendorCode: v.vendorCode }, 'operation failed');
      return failWith(job, data, err);
    }

    switch (outcome.status) {
      case 'done':
        await reply(data.replyTarget, { ...base, status: 'done', value: outcome.value });
        return { status: 'done', value: outcome.value };
      case 'failed':
        await reply(data.replyTarget, {
          ...base,
          status: 'failed',
          message: outcome.reason,
          code: outcome.code ?? 'ccops_outcome_failed',
          ...(outcome.value !== undefined ? { value: outcome.value } : {}),
        });
        return { status: 'failed', reason: outcome.reason, code: outcome.code };
      case 'pending': {
        const t = now();
        const deadline = new Date(Math.min(Date.parse(outcome.deadline) || Infinity, t + d.outcomeSettings.maxWaitMs)).toISOString();
        const pollAfterMs = Math.max(outcome.pollAfterMs, d.outcomeSettings.minPollMs);
        const wait: OutcomeJob = {
          center: data.center,
          operation: data.operation,
          token: outcome.token,
          deadline,
          pollAfterMs,
          ...(data.replyTarget ? { replyTarget: data.replyTarget } : {}),
          opJobId: job.id!,
          ...(outcome.progress ? { lastProgress: outcome.progress } : {}),
          polls: 0,
        };
        // Deterministic id: a retried operations job does not start a second wait.
        await d.outcomes.add('wait', wait, {
          jobId: safeId('outcome', job.id!),
          delay: pollAfterMs,
          attempts: d.settings.attempts,
          backoff: { type: VENDOR_BACKOFF },
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        });
        await reply(data.replyTarget, {
          ...base,
          status: 'pending',
          deadline,
          ...(outcome.progress ? { progress: outcome.progress } : {}),
          ...(outcome.value !== undefined ? { value: outcome.value } : {}),
        });
        return { status: 'pending', token: outcome.token, deadline };
      }
    }
  };
}
