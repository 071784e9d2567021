import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../shared/domain.ts';
import { nextStep, waitForOutcome } from '../../shared/outcome.ts';

const t0 = Date.parse('2026-11-23T10:00:00Z');
const pending = (n: number, deadlineMs = 30_000): Outcome<string> => ({
  status: 'pending',
  token: `t${n}`,
  progress: `step ${n}`,
  pollAfterMs: 1000,
  deadline: new Date(t0 + deadlineMs).toISOString(),
});

describe('following a pending outcome', () => {
  it('waits the vendor interval, never past the deadline', () => {
    expect(nextStep(pending(1), new Date(t0))).toEqual({ kind: 'wait', delayMs: 1000 });
    expect(nextStep(pending(1), new Date(t0 + 29_500))).toEqual({ kind: 'wait', delayMs: 500 });
  });

  it('turns a pending outcome past its deadline into a failure that says where it stood', () => {
    const step = nextStep(pending(1), new Date(t0 + 30_000));
    expect(step).toEqual({
      kind: 'finished',
      outcome: { status: 'failed', code: 'deadline', reason: 'Still not finished at the deadline (step 1).' },
    });
  });

  it('polls until done, reporting progress, on a clock it is given', async () => {
    let clock = t0;
    const polls: string[] = [];
    const progress: string[] = [];
    const center = {
      async pollOutcome(token: string) {
        polls.push(token);
        const n = Number(token.slice(1)) + 1;
        return (n < 3 ? pending(n) : { status: 'done', value: 'joined' }) as Outcome<never>;
      },
    };
    const result = await waitForOutcome(center, pending(1), {
      sleep: async (ms) => void (clock += ms),
      now: () => new Date(clock),
      onProgress: (o) => progress.push(o.status === 'pending' ? o.progress! : ''),
    });
    expect(result).toEqual({ status: 'done', value: 'joined' });
    expect(polls).toEqual(['t1', 't2']);
    expect(progress).toEqual(['step 2']);
    expect(clock - t0).toBe(2000);
  });

  it('gives up at the deadline', async () => {
    let clock = t0;
    let polls = 0;
    const result = await waitForOutcome(
      { pollOutcome: async () => (polls++, pending(1, 3_000)) as Outcome<never> },
      pending(1, 3_000),
      { sleep: async (ms) => void (clock += ms), now: () => new Date(clock) },
    );
    expect(result.status).toBe('failed');
    expect(polls).toBe(3);
  });

  it('with maxWaitMs, stops early and returns the latest pending outcome (n8n says "still going")', async () => {
    let clock = t0;
    const polls: number[] = [];
    const result = await waitForOutcome(
      { pollOutcome: async (token: string) => (polls.push(clock - t0), pending(Number(token.slice(1)) + 1)) as Outcome<never> },
      pending(1),
      { sleep: async (ms) => void (clock += ms), now: () => new Date(clock), maxWaitMs: 2_500 },
    );
    expect(result).toMatchObject({ status: 'pending', token: 't4' });
    expect(polls).toEqual([1000, 2000, 2500]);
    expect(clock - t0).toBe(2_500);
  });
});
