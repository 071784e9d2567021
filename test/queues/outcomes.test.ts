// Pending outcomes finish through outcome jobs. Huawei: the conference result
// arrives as agent events that only the process signed in as the chair
// receives; the event bridge carries them over Redis to whichever process
// holds the wait, including one started after the events arrived.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UndiciTransport } from '../../shared/http.ts';
import { createHuaweiAiccAdapter, type HuaweiAiccConfig } from '../../shared/vendors/huawei-aicc/adapter.ts';
import { MemoryReplySink, type ReplyUpdate } from '../../queues/reply.ts';
import { startService, type Role, type Service } from '../../queues/service.ts';
import { startHuaweiAiccSim, type HuaweiAiccSim } from '../../sim/huawei-aicc/index.ts';
import { startAliyunCccSim, type AliyunCccSim } from '../../sim/aliyun-ccc/index.ts';
import { createContactCenter } from '../../shared/vendors/index.ts';
import { dropPrefix, quietLogger, testConfig, uniquePrefix, until } from './helpers.ts';

let hw: HuaweiAiccSim;
const transport = new UndiciTransport({ headersTimeoutMs: 30_000, bodyTimeoutMs: 30_000 });
const services: Service[] = [];
const prefixes: string[] = [];

beforeAll(async () => {
  hw = await startHuaweiAiccSim({ pollHoldMs: 500, eventDelayMs: 10 });
});
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
  for (const p of prefixes.splice(0)) await dropPrefix(p);
});
afterAll(async () => {
  await hw.close();
  await transport.close();
});

function huaweiConfig(service: Record<string, unknown> = {}) {
  return testConfig({
    centers: { hw: { ...hw.demo.profile, agents: [{ agentId: '292', password: { env: 'HUAWEI_AICC_AGENT_PASSWORD' }, phoneNumber: '40039' }] } },
    env: hw.demo.env,
    alerts: { enabled: false },
    service: { outcomes: { maxWaitSeconds: 30, minPollMs: 50 }, ...service },
  });
}

async function huaweiService(prefix: string, sink: MemoryReplySink, roles: Partial<Record<Role, boolean>>, service: Record<string, unknown> = {}) {
  const s = await startService({
    config: huaweiConfig(service),
    prefix,
    createCenter: (name, profile) => createHuaweiAiccAdapter(name, profile as HuaweiAiccConfig, { transport, poller: { idleRepollMs: 20, errorBackoffMs: 50 } }),
    replySink: sink,
    roles: { operations: false, outcomes: false, alerts: false, notify: false, ...roles },
    logger: quietLogger(),
    http: false,
    handleSignals: false,
    defaultMetrics: false,
    leaseMs: 3000,
  });
  services.push(s);
  return s;
}

const final = (jobId: string) => (u: ReplyUpdate) => u.jobId === jobId && u.status !== 'pending';

describe('outcome waits', () => {
  it('finishes a pending Huawei conference in another process, from events carried over Redis', async () => {
    const prefix = uniquePrefix('outcome-hw');
    prefixes.push(prefix);
    const sink = new MemoryReplySink();
    const chair = await huaweiService(prefix, sink, { operations: true }); // signed in as the chair, polls its events
    const waiter = await huaweiService(prefix, sink, { outcomes: true }); // holds the wait, never signs in
    const jobId = await chair.submit({ center: 'hw', operation: 'startConference', input: { participants: ['13175112345'] }, replyTarget: { kind: 'test' } });
    const pending = await sink.waitFor((u) => u.jobId === jobId && u.status === 'pending');
    expect(pending).toMatchObject({ status: 'pending', operation: 'startConference' });
    const done = await sink.waitFor(final(jobId));
    expect(done).toMatchObject({ status: 'done', value: { chair: '291', participants: [{ address: '1317511****', kind: 'phone', state: 'calling' }] } });
    const wait = await until('the wait to complete', async () => {
      const j = await waiter.queues.outcomes.getJob(`outcome-${jobId}`);
      return j?.finishedOn ? j : undefined;
    });
    expect(await wait.getState()).toBe('completed');
    // Each still-pending poll moved the job to delayed: no attempt spent on waiting.
    expect(wait.attemptsMade).toBeLessThanOrEqual(1);
    expect(wait.returnvalue).toMatchObject({ status: 'done' });
    // The wait's job data (shown in Bull Board) carries the token: no full number in it.
    expect(JSON.stringify(wait.data) + Buffer.from(String((wait.data as { token?: string }).token).replace(/^\w+\./, ''), 'base64url').toString()).not.toContain('75112345');
    expect(chair.bridges[0]!.heldAgents).toEqual(['291']);
    expect(waiter.bridges[0]!.heldAgents).toEqual([]);
    expect(waiter.bridges[0]!.fed).toBeGreaterThan(0);
    expect(hw.log.entries({ action: 'requestAgentConf' })).toHaveLength(1);
  });

  it('loses nothing when the waiting process starts after the result arrived', async () => {
    const prefix = uniquePrefix('outcome-late');
    prefixes.push(prefix);
    const sink = new MemoryReplySink();
    const chair = await huaweiService(prefix, sink, { operations: true });
    // Agent 292 chairs this one (291 is still in the first test's conference).
    const jobId = await chair.submit({ center: 'hw', operation: 'startConference', input: { agentId: '292', participants: ['13175112346'] }, replyTarget: { kind: 'test' } });
    await sink.waitFor((u) => u.jobId === jobId && u.status === 'pending');
    await until('the invitation result in Redis', () => chair.bridges[0]!.published >= 3 || undefined);
    await new Promise((r) => setTimeout(r, 300));
    // Nobody was running outcome jobs; a fresh process replays the stream and finishes the wait.
    await huaweiService(prefix, sink, { outcomes: true });
    expect(await sink.waitFor(final(jobId))).toMatchObject({ status: 'done' });
  });

  it('runs operations for a Huawei agent only in the process that holds its lease', async () => {
    const prefix = uniquePrefix('outcome-gate');
    prefixes.push(prefix);
    const sink = new MemoryReplySink();
    const since = new Date().toISOString();
    // The log is bounded (event polls fill it): count by time, not by index.
    const signIns = () =>
      hw.log.entries().filter((e) => e.at >= since && !e.error && (e.action === 'login' || e.action === 'forceLogin') && e.detail?.agentId === '292').length;
    const a = await huaweiService(prefix, sink, { operations: true });
    const b = await huaweiService(prefix, sink, { operations: true });
    const ids = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).submit({ center: 'hw', operation: 'setAgentState', input: { agentId: '292', target: { kind: 'ready' } }, replyTarget: { kind: 'test' } })),
    );
    for (const id of ids) expect(await sink.waitFor(final(id))).toMatchObject({ status: 'done', value: { agentId: '292' } });
    const holders = [a, b].filter((s) => s.bridges[0]!.heldAgents.includes('292'));
    expect(holders).toHaveLength(1);
    expect(signIns()).toBe(1); // one sign-in: the other process never acted as 292
  });

  it('a process without the operations worker does not take the agent\'s lease, so operations still run elsewhere', async () => {
    const prefix = uniquePrefix('outcome-roles');
    prefixes.push(prefix);
    const sink = new MemoryReplySink();
    const chair = hw.demo.profile.agentId as string; // the agent every process keeps signed in
    const waiter = await huaweiService(prefix, sink, { outcomes: true }); // starts first: it would take the lease
    const worker = await huaweiService(prefix, sink, { operations: true });
    const id = await worker.submit({ center: 'hw', operation: 'setAgentState', input: { agentId: chair, target: { kind: 'ready' } }, replyTarget: { kind: 'test' } });
    expect(await sink.waitFor(final(id))).toMatchObject({ status: 'done', value: { agentId: chair } });
    expect(waiter.bridges[0]!.heldAgents).toEqual([]);
    expect(worker.bridges[0]!.heldAgents).toContain(chair);
  }, 20_000);

  it('gives up at the deadline with a sentence', async () => {
    const prefix = uniquePrefix('outcome-deadline');
    prefixes.push(prefix);
    const sink = new MemoryReplySink();
    // The chair's event polls get no answer: no result can arrive within the wait.
    const s = await huaweiService(prefix, sink, { operations: true, outcomes: true }, { outcomes: { maxWaitSeconds: 1, minPollMs: 100 } });
    hw.faults.inject({ kind: 'drop' }, { action: 'getAgentEvent', times: 1000 });
    const jobId = await s.submit({ center: 'hw', operation: 'startConference', input: { participants: ['13175112347'] }, replyTarget: { kind: 'test' } });
    const failed = await sink.waitFor(final(jobId));
    hw.faults.clear();
    expect(failed).toMatchObject({ status: 'failed', code: 'ccops_outcome_deadline' });
    expect((failed as { message: string }).message).toMatch(/stopped waiting/);
    const wait = await until('the wait to fail', async () => {
      const j = await s.queues.outcomes.getJob(`outcome-${jobId}`);
      return j?.finishedOn ? j : undefined;
    });
    expect(await wait.getState()).toBe('failed');
    expect(wait.attemptsMade).toBe(1); // failed once, at the deadline, not retried
  });
});

describe('outcome waits (Alibaba CCC)', () => {
  let ccc: AliyunCccSim;
  beforeAll(async () => {
    ccc = await startAliyunCccSim({ historyHours: 0, timings: { ringAfterMs: 200, answerAfterMs: 700 } });
  });
  afterAll(() => ccc.close());

  async function cccService(prefix: string, sink: MemoryReplySink, maxWaitSeconds: number) {
    const s = await startService({
      config: testConfig({
        centers: { sh: ccc.demo.profile },
        env: ccc.demo.env,
        alerts: { enabled: false },
        service: { outcomes: { maxWaitSeconds, minPollMs: 100 } },
      }),
      prefix,
      createCenter: (name, profile) => createContactCenter(name, profile, { transport }),
      replySink: sink,
      logger: quietLogger(),
      http: false,
      handleSignals: false,
      defaultMetrics: false,
    });
    services.push(s);
    return s;
  }

  it('follows a ringing conference leg until it is answered', async () => {
    const prefix = uniquePrefix('outcome-ccc');
    prefixes.push(prefix);
    const sink = new MemoryReplySink();
    const s = await cccService(prefix, sink, 30);
    const jobId = await s.submit({ center: 'sh', operation: 'startConference', input: { agentId: 'agent@ccc-test', participants: ['13175112345'] }, replyTarget: { kind: 'test' } });
    expect(await sink.waitFor((u) => u.jobId === jobId && u.status === 'pending')).toMatchObject({ status: 'pending' });
    const done = await sink.waitFor(final(jobId));
    expect(done).toMatchObject({ status: 'done', value: { participants: [{ address: '1317511****', state: 'joined' }] } });
    const wait = await until('the wait to complete', async () => {
      const j = await s.queues.outcomes.getJob(`outcome-${jobId}`);
      return j?.finishedOn ? j : undefined;
    });
    expect(wait.returnvalue).toMatchObject({ status: 'done' });
    expect((wait.returnvalue as { polls: number }).polls).toBeGreaterThanOrEqual(1);
    // The wait's job data (shown in Bull Board) carries the token: no full number in it.
    expect(JSON.stringify(wait.data) + Buffer.from(String((wait.data as { token?: string }).token).replace(/^\w+\./, ''), 'base64url').toString()).not.toContain('75112345');
    expect(ccc.log.entries({ action: 'StartConference' })).toHaveLength(1);
  });

  it('stops waiting at the deadline when nobody answers', async () => {
    const prefix = uniquePrefix('outcome-ccc-deadline');
    prefixes.push(prefix);
    const sink = new MemoryReplySink();
    ccc.model.behaviour.set('13175112399', 'no_answer');
    const s = await cccService(prefix, sink, 2);
    const jobId = await s.submit({
      center: 'sh',
      operation: 'startConference',
      input: { agentId: 'zhao.lei@ccc-test', participants: ['13175112399'], timeoutSeconds: 60 },
      replyTarget: { kind: 'test' },
    });
    const failed = await sink.waitFor(final(jobId));
    expect(failed).toMatchObject({ status: 'failed', code: 'ccops_outcome_deadline' });
    expect((failed as { message: string }).message).not.toContain('13175112399');
  });
});
