// Pure pieces of the queues: the backoff BullMQ uses, read-back matching,
// job ids BullMQ accepts, the per-channel slot length.
import { describe, expect, it } from 'vitest';
import { alertIdOf } from '../../queues/alert.ts';
import { safeId } from '../../queues/names.ts';
import { slotMs } from '../../queues/notify.ts';
import { agentStateMatches, operationJobOptions, vendorBackoff } from '../../queues/operations.ts';
import type { AgentState } from '../../shared/domain.ts';
import { VendorError } from '../../shared/errors.ts';

const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
const state = (s: AgentState['state'], reason?: string): AgentState => ({ center: 'c', agentId: 'a', state: s, vendorState: s, raw: {}, ...(reason ? { reason } : {}) });

describe('queue policy', () => {
  it('backs off within the core policy and never sooner than the vendor asked', () => {
    const backoff = vendorBackoff(policy);
    for (let attempt = 1; attempt <= 6; attempt++) {
      const d = backoff(attempt, 'ccops-vendor', new Error('x'));
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThanOrEqual(Math.min(1000, 100 * 2 ** (attempt - 1)));
    }
    const throttled = new VendorError({ vendor: 'v', vendorCode: 'Throttling', message: 'slow down', retryable: true, retryAfterMs: 7000 });
    expect(backoff(1, 'ccops-vendor', throttled)).toBeGreaterThanOrEqual(7000);
  });

  it('reads an agent state back as applied only when it matches the target', () => {
    expect(agentStateMatches({ kind: 'ready' }, state('ready'))).toBe(true);
    expect(agentStateMatches({ kind: 'ready' }, state('break'))).toBe(false);
    expect(agentStateMatches({ kind: 'break', reason: 'lunch' }, state('break', 'lunch'))).toBe(true);
    expect(agentStateMatches({ kind: 'break', reason: 'lunch' }, state('break', 'training'))).toBe(false);
    expect(agentStateMatches({ kind: 'offline' }, state('offline'))).toBe(true);
    expect(agentStateMatches({ kind: 'online' }, state('acw'))).toBe(true);
    expect(agentStateMatches({ kind: 'online' }, state('offline'))).toBe(false);
  });

  it('dedups by idempotency key with a TTL (survives completion), per center', () => {
    const o = operationJobOptions({ ...policy, idempotencyWindowMs: 60_000 }, { center: 'sh', operation: 'getCall', input: {}, idempotencyKey: 'T1:cmd:42' });
    expect(o.deduplication).toEqual({ id: 'op-sh-T1_cmd_42', ttl: 60_000 });
    expect(operationJobOptions({ ...policy, idempotencyWindowMs: 1 }, { center: 'sh', operation: 'getCall', input: {} })).not.toHaveProperty('deduplication');
  });

  it('makes job ids BullMQ accepts (no colon, never digits only)', () => {
    expect(alertIdOf('shanghai', 'job:123/4')).toBe('shanghai-job_123_4');
    expect(safeId('alert', '12345')).toBe('alert-12345');
    expect(alertIdOf('tc', '12345')).not.toMatch(/^\d+$/);
  });

  it('spaces posts to a channel a little more than Slack asks', () => {
    expect(slotMs(1)).toBe(1100);
    expect(slotMs(4)).toBe(350);
  });
});
