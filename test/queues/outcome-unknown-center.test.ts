// An outcome wait whose center is no longer configured (the configuration
// changed while it was queued) ends with a reply, not a silent failure.
import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { Centers } from '../../queues/centers.ts';
import { outcomesProcessor } from '../../queues/outcomes.ts';
import { MemoryReplySink } from '../../queues/reply.ts';
import { quietLogger } from './helpers.ts';

describe('outcome wait for a center no longer configured', () => {
  it('fails for good and tells the requester why', async () => {
    const sink = new MemoryReplySink();
    const proc = outcomesProcessor({ centers: new Centers([]), sink, logger: quietLogger() });
    const job = {
      data: { center: 'gone', operation: 'startConference', token: 't', deadline: '2026-11-23T10:00:00.000Z', pollAfterMs: 1000, replyTarget: { kind: 'test' }, opJobId: '7', polls: 0 },
      attemptsMade: 0,
      opts: { attempts: 3 },
    } as unknown as Job;
    await expect(proc(job)).rejects.toThrow(/no contact center named "gone"/i);
    expect(sink.updates.map((u) => u.update)).toEqual([
      expect.objectContaining({ jobId: '7', status: 'failed', code: 'ccops_config_error', message: expect.stringContaining('"gone"') }),
    ]);
  });
});
