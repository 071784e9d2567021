// Several service processes on one Redis (child processes running the real
// service): alerts go out once, a job whose worker is killed with SIGKILL
// completes once elsewhere, and a Huawei agent's event lease moves to another
// process when its holder dies.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE, Keys } from '../../queues/names.ts';
import { submitOperation } from '../../queues/operations.ts';
import { bullConnection } from '../../queues/redis.ts';
import { startSlackSim, type SlackSim } from '../../sim/slack/index.ts';
import { startHuaweiAiccSim, type HuaweiAiccSim } from '../../sim/huawei-aicc/index.ts';
import { startTencentTcccSim, type TencentTcccSim } from '../../sim/tencent-tccc/index.ts';
import { dropPrefix, REDIS_URL, SLACK_ENV, uniquePrefix, until } from './helpers.ts';
import { startServiceProcess, type ServiceProcess } from './processes.ts';

let tccc: TencentTcccSim;
let slack: SlackSim;
const prefixes: string[] = [];
const running: ServiceProcess[] = [];
let redis: Redis;

beforeAll(async () => {
  tccc = await startTencentTcccSim({ historyHours: 0 });
  slack = await startSlackSim();
  redis = new Redis(REDIS_URL);
});
afterAll(async () => {
  await Promise.all(running.map((p) => p.kill('SIGKILL')));
  await tccc.close();
  await slack.close();
  redis.disconnect();
  for (const p of prefixes) await dropPrefix(p);
});

function prefixFor(tag: string) {
  const p = uniquePrefix(tag);
  prefixes.push(p);
  return p;
}

async function spawnService(o: Parameters<typeof startServiceProcess>[0]) {
  const p = await startServiceProcess(o);
  running.push(p);
  return p;
}

const tencentConfig = (channel: string) => ({
  centers: { tc: tccc.demo.profile },
  slack: {
    botToken: { env: 'TEST_SLACK_BOT_TOKEN' },
    signingSecret: { env: 'TEST_SLACK_SIGNING_SECRET' },
    apiUrl: slack.apiUrl,
    defaultChannel: channel,
  },
  alerts: { intervalSeconds: 1, initialLookbackSeconds: 120 },
  service: { operations: { attempts: 4, baseDelayMs: 100, maxDelayMs: 500, concurrency: 4, idempotencyWindowSeconds: 60 } },
});

describe('several service processes on one Redis', () => {
  it('posts each abandoned call exactly once with two processes polling and delivering', async () => {
    const prefix = prefixFor('two');
    const config = tencentConfig('#mp-alerts');
    const env = { ...tccc.demo.env, ...SLACK_ENV };
    await Promise.all([spawnService({ name: 'a', prefix, config, env }), spawnService({ name: 'b', prefix, config, env })]);
    // Calls keep being abandoned while both run: single alerts and digests.
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push(...tccc.burst(1 + (i % 4 === 0 ? 7 : 0)).map((c) => `tc-${c.SessionId}`));
      await new Promise((r) => setTimeout(r, 150));
    }
    const carried = () =>
      slack.workspace.messages('mp-alerts').flatMap((m) => (m.extra.metadata as { event_payload: { alerts: string[] } }).event_payload.alerts);
    await until('every call in a message', () => ids.every((id) => carried().includes(id)) || undefined, 60_000, 200);
    await new Promise((r) => setTimeout(r, 2500)); // a few more polls over the same window
    const all = carried();
    for (const id of ids) expect(all.filter((x) => x === id)).toHaveLength(1);
    expect(new Set(all).size).toBe(all.length);
  });

  it('completes a job exactly once on another worker after its worker is killed with SIGKILL mid-job', async () => {
    const prefix = prefixFor('kill');
    const config = { ...tencentConfig('#unused'), alerts: { enabled: false } };
    const env = { ...tccc.demo.env, ...SLACK_ENV };
    const a = await spawnService({ name: 'a', prefix, config, env, roles: { operations: true }, lockMs: 2000 });
    const queue = new Queue(QUEUE.operations, { connection: bullConnection(REDIS_URL), prefix });
    try {
      // The vendor takes 3 s to answer: plenty of time to kill the worker mid-job.
      tccc.faults.inject({ kind: 'slow', ms: 3000 }, { action: 'SetStaffStatus' });
      const jobId = await submitOperation(
        queue,
        { attempts: 4, baseDelayMs: 100, maxDelayMs: 500, idempotencyWindowMs: 60_000 },
        { center: 'tc', operation: 'setAgentState', input: { agentId: 'chen.jing@tccc-demo', target: { kind: 'ready' } }, replyTarget: { kind: 'test' } },
      );
      await until('the job to be active on worker a', async () => (await queue.getJob(jobId))?.getState().then((s) => s === 'active') || undefined);
      await new Promise((r) => setTimeout(r, 300)); // the request is on its way to the vendor
      expect(await a.kill('SIGKILL')).toBe('SIGKILL');
      const b = await spawnService({ name: 'b', prefix, config, env, roles: { operations: true }, lockMs: 2000 });
      const job = await until('the job to finish on worker b', async () => {
        const j = await queue.getJob(jobId);
        return j?.finishedOn ? j : undefined;
      }, 30_000, 100);
      expect(await job.getState()).toBe('completed');
      expect(job.returnvalue).toMatchObject({ status: 'done', value: { agentId: 'chen.jing@tccc-demo', state: 'ready' } });
      const replies = (await redis.lrange(`${prefix}:test:replies`, 0, -1)).map((r) => JSON.parse(r) as { pid: number; update: { status: string; jobId: string } });
      const finals = replies.filter((r) => r.update.jobId === jobId && r.update.status !== 'pending');
      expect(finals).toHaveLength(1);
      expect(finals[0]).toMatchObject({ pid: b.pid, update: { status: 'done' } });
      // The second worker read the state back before (maybe) writing again.
      expect(tccc.log.entries().some((e) => e.action === 'DescribeStaffStatusMetrics' && JSON.stringify(e.detail ?? {}).includes('chen.jing'))).toBe(true);
    } finally {
      await queue.close();
    }
  });

  it('finishes the job in flight on SIGTERM before it exits', async () => {
    const prefix = prefixFor('term');
    const config = { ...tencentConfig('#unused'), alerts: { enabled: false } };
    const env = { ...tccc.demo.env, ...SLACK_ENV };
    const a = await spawnService({ name: 'a', prefix, config, env, roles: { operations: true } });
    const queue = new Queue(QUEUE.operations, { connection: bullConnection(REDIS_URL), prefix });
    try {
      tccc.faults.inject({ kind: 'slow', ms: 1500 }, { action: 'SetStaffStatus' });
      const jobId = await submitOperation(
        queue,
        { attempts: 4, baseDelayMs: 100, maxDelayMs: 500, idempotencyWindowMs: 60_000 },
        { center: 'tc', operation: 'setAgentState', input: { agentId: 'agent@tccc-demo', target: { kind: 'break', reason: 'training' } }, replyTarget: { kind: 'test' } },
      );
      await until('the job to be active', async () => (await queue.getJob(jobId))?.getState().then((s) => s === 'active') || undefined);
      expect(await a.kill('SIGTERM')).toBe(0); // exits cleanly, after the job
      const job = await queue.getJob(jobId);
      expect(await job!.getState()).toBe('completed');
      const replies = (await redis.lrange(`${prefix}:test:replies`, 0, -1)).map((r) => JSON.parse(r) as { pid: number; update: { status: string } });
      expect(replies).toEqual([expect.objectContaining({ pid: a.pid, update: expect.objectContaining({ status: 'done' }) })]);
    } finally {
      await queue.close();
    }
  });

  describe('Huawei agent event lease', () => {
    let hw: HuaweiAiccSim;
    beforeAll(async () => {
      hw = await startHuaweiAiccSim({ pollHoldMs: 500, eventDelayMs: 10 });
    });
    afterAll(() => hw.close());

    it('is held by exactly one process, and another takes it over when the holder is killed', async () => {
      const prefix = prefixFor('lease');
      const config = { centers: { hw: hw.demo.profile }, alerts: { enabled: false } };
      const key = new Keys(prefix).eventLease('hw', String(hw.demo.profile.agentId));
      const a = await spawnService({ name: 'a', prefix, config, env: hw.demo.env, leaseMs: 1500 });
      await until('a to hold the lease', async () => (await redis.get(key))?.startsWith(`${a.pid}-`) || undefined);
      const b = await spawnService({ name: 'b', prefix, config, env: hw.demo.env, leaseMs: 1500 });
      await new Promise((r) => setTimeout(r, 2000)); // several renewals: b must not take it while a lives
      expect((await redis.get(key))?.startsWith(`${a.pid}-`)).toBe(true);
      const signIns = () => hw.log.entries().filter((e) => e.action === 'login' || e.action === 'forceLogin').length;
      expect(signIns()).toBe(1);
      await a.kill('SIGKILL');
      await until('b to take the lease over', async () => (await redis.get(key))?.startsWith(`${b.pid}-`) || undefined, 15_000, 100);
      await until('b to sign the agent in', () => signIns() >= 2 || undefined);
      // b polls the agent's events now.
      const polls = hw.log.entries({ action: 'getAgentEvent' }).length;
      await until('b to poll', () => hw.log.entries({ action: 'getAgentEvent' }).length > polls || undefined);
      await b.kill('SIGTERM');
      expect(await redis.get(key)).toBeNull(); // a graceful stop hands the lease back at once
      expect(hw.log.entries({ action: 'logout' }).length).toBeGreaterThanOrEqual(1); // and signs the agent out
    });
  });
});
