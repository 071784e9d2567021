// Following a `pending` result to its end. The step (when to poll next, when
// to give up) is pure; the loop takes its sleep from the caller, so the CLI,
// an n8n node (n8n-workflow's sleep) and tests drive it the same way. The
// queue workers use `nextStep` alone, between delayed jobs.
import type { Outcome } from './domain.ts';
import type { CallOptions, ContactCenter } from './port.ts';

export type Step<T> = { kind: 'finished'; outcome: Outcome<T> } | { kind: 'wait'; delayMs: number };

/** What to do with an outcome at `now`: stop, or poll again after a delay. */
export function nextStep<T>(outcome: Outcome<T>, now: Date): Step<T> {
  if (outcome.status !== 'pending') return { kind: 'finished', outcome };
  const left = Date.parse(outcome.deadline) - now.getTime();
  if (left <= 0) {
    return {
      kind: 'finished',
      outcome: {
        status: 'failed',
        code: 'deadline',
        reason: outcome.progress ? `Still not finished at the deadline (${outcome.progress}).` : 'Still not finished at the deadline.',
        ...(outcome.value !== undefined ? { value: outcome.value } : {}),
      },
    };
  }
  return { kind: 'wait', delayMs: Math.max(0, Math.min(outcome.pollAfterMs, left)) };
}

export interface WaitOptions<T> extends CallOptions {
  sleep: (ms: number) => Promise<void>;
  now?: () => Date;
  /** Called with each new pending outcome, for progress display. */
  onProgress?: (outcome: Outcome<T>) => void;
  /** Stop waiting earlier than the outcome's own deadline. */
  maxWaitMs?: number;
}

/**
 * Polls until the outcome is done or failed, or the deadline passes (then a
 * `failed` outcome with code `deadline`). With `maxWaitMs`, returns the latest
 * pending outcome when that runs out, so the caller can report "still going".
 */
export async function waitForOutcome<T>(
  center: Pick<ContactCenter, 'pollOutcome'>,
  first: Outcome<T>,
  opts: WaitOptions<T>,
): Promise<Outcome<T>> {
  const now = opts.now ?? (() => new Date());
  const stopAt = opts.maxWaitMs === undefined ? Infinity : now().getTime() + opts.maxWaitMs;
  let current = first;
  for (;;) {
    const step = nextStep(current, now());
    if (step.kind === 'finished') return step.outcome;
    const left = stopAt - now().getTime();
    if (left <= 0) return current;
    await opts.sleep(Math.min(step.delayMs, left));
    if (current.status !== 'pending') return current;
    current = (await center.pollOutcome(current.token, { signal: opts.signal })) as Outcome<T>;
    if (current.status === 'pending') opts.onProgress?.(current);
  }
}
