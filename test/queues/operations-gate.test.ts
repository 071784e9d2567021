// The operations gate (Huawei: only the process holding the agent's lease
// acts): a job that the gate keeps refusing ends with a sentence instead of
// waiting in the delayed set for ever.
import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { Centers } from '../../queues/centers.ts';
import { operationsProcessor } from '../../queues/operations.ts';
import { MemoryReplySink } from '../../queues/reply.ts';
import type { ContactCenter } from '../../shared/port.ts';
import { quietLogger } from './helpers.ts';

function gatedJob(timestamp: number) {
  const moved: number[] = [];
  const job = {
    id: '9',
    timestamp,
    data: { center: 'hw', operation: 'setAgentState', input: { agentId: '291', target: { kind: 'ready' } }, replyTarget: { kind: 'test' }, delays: 0 },
    attemptsMade: 0,
    attemptsStarted: 1,
    opts: { attempts: 3 },
    updateData: async (d: unknown) => void (job.data = d as typeof job.data),
    moveToDelayed: async (t: number) => void moved.push(t),
  };
  return { job: job as unknown as Job, moved };
}

describe('operations gate', () => {
  const center = { center: 'hw', vendor: 'huawei-aicc' } as ContactCenter;
  const deps = (sink: MemoryReplySink, t: number) => ({
    centers: new Centers([center]),
    sink,
    outcomes: {} as never,
    settings: { attempts: 3, baseDelayMs: 10, maxDelayMs: 100, idempotencyWindowMs: 1000 },
    outcomeSettings: { maxWaitMs: 1000, minPollMs: 10 },
    logger: quietLogger(),
    now: () => t,
    gate: async () => false,
    gateTimeoutMs: 60_000,
  });

  it('waits a moment while the gate is closed', async () => {
    const sink = new MemoryReplySink();
    const { job, moved } = gatedJob(1_000_000);
    await expect(operationsProcessor(deps(sink, 1_000_500))(job, 'tok')).rejects.toThrow(/delayed/i);
    expect(moved).toHaveLength(1);
    expect(sink.updates).toHaveLength(0);
  });

  it('fails with a sentence once the gate stayed closed past its timeout', async () => {
    const sink = new MemoryReplySink();
    const { job, moved } = gatedJob(1_000_000);
    await expect(operationsProcessor(deps(sink, 1_000_000 + 61_000))(job, 'tok')).rejects.toThrow(/could act for this agent/);
    expect(moved).toHaveLength(0);
    expect(sink.updates.map((u) => u.update)).toEqual([expect.objectContaining({ jobId: '9', status: 'failed', code: 'ccops_config_error' })]);
  });
});
