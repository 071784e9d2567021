// The operations queue against the real Tencent adapter and its simulator:
// retries with backoff, immediate failure with the vendor's sentence,
// idempotent submissions, and writes read back before they are repeated.
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryReplySink, type ReplyUpdate } from '../../queues/reply.ts';
import { startService, type Service } from '../../queues/service.ts';
import { startTencentTcccSim, type TencentTcccSim } from '../../sim/tencent-tccc/index.ts';
import { dropPrefix, quietLogger, tencentCenter, testConfig, uniquePrefix, until } from './helpers.ts';

let tccc: TencentTcccSim;
let service: Service;
const sink = new MemoryReplySink();
const prefix = uniquePrefix('ops');

beforeAll(async () => {
  tccc = await startTencentTcccSim({ historyHours: 0 });
  service = await startService({
    config: testConfig({
      centers: { tc: tccc.demo.profile },
      env: tccc.demo.env,
      alerts: { enabled: false },
      service: { operations: { attempts: 4, baseDelayMs: 50, maxDelayMs: 200, idempotencyWindowSeconds: 60, concurrency: 4 } },
    }),
    prefix,
    createCenter: (name, profile) => tencentCenter(name, profile),
    replySink: sink,
    logger: quietLogger(),
    http: false,
    handleSignals: false,
    defaultMetrics: false,
  });
});
afterAll(async () => {
  await service?.close();
  await tccc.close();
  await dropPrefix(prefix);
});

const target = (id: string) => ({ kind: 'test', id });
const finalFor = (jobId: string) => (u: ReplyUpdate) => u.jobId === jobId && u.status !== 'pending';

async function settled(jobId: string): Promise<Job> {
  return until(`job ${jobId} to finish`, async () => {
    const job = await service.queues.operations.getJob(jobId);
    return job && (job.finishedOn ? job : undefined);
  });
}

describe('operations queue', () => {
  it('retries a throttled read with backoff until it succeeds', async () => {
    tccc.faults.inject({ kind: 'throttle' }, { action: 'DescribeStaffStatusMetrics', times: 2 });
    const before = tccc.log.entries({ action: 'DescribeStaffStatusMetrics' }).length;
    const jobId = await service.submit({ center: 'tc', operation: 'getAgentState', input: { agentId: 'agent@tccc-demo' }, replyTarget: target('r1') });
    const reply = await sink.waitFor(finalFor(jobId));
    expect(reply).toMatchObject({ status: 'done', value: { agentId: 'agent@tccc-demo' } });
    const job = await settled(jobId);
    expect(job.attemptsMade).toBe(3); // BullMQ counts every finished attempt: two failed, the third succeeded
    const calls = tccc.log.entries({ action: 'DescribeStaffStatusMetrics' }).slice(before);
    expect(calls.map((c) => c.error ?? 'ok')).toEqual(['RequestLimitExceeded', 'RequestLimitExceeded', 'ok']);
    expect(await service.metrics.registry.getSingleMetricAsString('ccops_vendor_errors_total')).toContain('code="RequestLimitExceeded"} 2');
  });

  it('fails a non-retryable error at once, with the vendor sentence', async () => {
    tccc.errors.failNext('AuthFailure.SecretIdNotFound', { action: 'DescribeStaffStatusMetrics' });
    const jobId = await service.submit({ center: 'tc', operation: 'getAgentState', input: { agentId: 'agent@tccc-demo' }, replyTarget: target('r2') });
    const reply = await sink.waitFor(finalFor(jobId));
    expect(reply.status).toBe('failed');
    expect(reply).toMatchObject({ code: 'ccops_vendor_error', vendorCode: 'AuthFailure.SecretIdNotFound' });
    const job = await settled(jobId);
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toBe((reply as { message: string }).message);
    expect(await job.getState()).toBe('failed');
  });

  it('runs a double submission with the same idempotency key once', async () => {
    const before = tccc.log.entries({ action: 'SetStaffStatus' }).length;
    const sub = {
      center: 'tc',
      operation: 'setAgentState' as const,
      input: { agentId: 'li.na@tccc-demo', target: { kind: 'break', reason: 'training' } },
      replyTarget: target('r3'),
      idempotencyKey: 'slack-trigger-123',
    };
    const [a, b] = await Promise.all([service.submit(sub), service.submit(sub)]);
    await sink.waitFor(finalFor(a));
    const c = await service.submit(sub); // and again after it completed, still within the window
    expect(b).toBe(a);
    expect(c).toBe(a);
    await new Promise((r) => setTimeout(r, 300));
    expect(tccc.log.entries({ action: 'SetStaffStatus' }).slice(before)).toHaveLength(1);
    expect(sink.updates.filter((u) => u.update.jobId === a && u.update.status === 'done')).toHaveLength(1);
  });

  it('reads a write back after the connection broke, and does not repeat it when it was applied', async () => {
    // zhang.wei is already on a lunch break; the request is sent but its answer never arrives.
    tccc.faults.inject({ kind: 'drop' }, { action: 'SetStaffStatus' });
    const from = tccc.log.entries().length;
    const jobId = await service.submit({
      center: 'tc',
      operation: 'setAgentState',
      input: { agentId: 'zhang.wei@tccc-demo', target: { kind: 'break', reason: 'lunch' } },
      replyTarget: target('r4'),
    });
    const reply = await sink.waitFor(finalFor(jobId));
    expect(reply).toMatchObject({ status: 'done', value: { agentId: 'zhang.wei@tccc-demo', state: 'break' } });
    const actions = tccc.log.entries().slice(from).filter((e) => e.detail && JSON.stringify(e.detail).includes('zhang.wei'));
    expect(actions.map((e) => `${e.action}${e.error ? `:${e.error}` : ''}`)).toEqual(['SetStaffStatus:drop', 'DescribeStaffStatusMetrics']);
  });

  it('reads back, then writes again, when the lost write was not applied', async () => {
    tccc.faults.inject({ kind: 'drop' }, { action: 'SetStaffStatus' });
    const from = tccc.log.entries().length;
    const jobId = await service.submit({
      center: 'tc',
      operation: 'setAgentState',
      input: { agentId: 'sun.li@tccc-demo', target: { kind: 'break', reason: 'meeting' } },
      replyTarget: target('r5'),
    });
    const reply = await sink.waitFor(finalFor(jobId));
    expect(reply).toMatchObject({ status: 'done', value: { state: 'break' } });
    const actions = tccc.log.entries().slice(from).filter((e) => e.detail && JSON.stringify(e.detail).includes('sun.li'));
    expect(actions.map((e) => `${e.action}${e.error ? `:${e.error}` : ''}`)).toEqual(['SetStaffStatus:drop', 'DescribeStaffStatusMetrics', 'SetStaffStatus']);
  });

  it('refuses input that does not fit the operation before queueing it', async () => {
    await expect(service.submit({ center: 'tc', operation: 'setAgentState', input: { agentId: '' } })).rejects.toMatchObject({ code: 'ccops_invalid_input' });
  });
});
