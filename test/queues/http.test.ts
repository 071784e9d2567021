// The service's HTTP endpoints: /healthz (Redis and each center, 503 when
// something is down), /metrics (Prometheus text), Bull Board behind basic auth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryReplySink } from '../../queues/reply.ts';
import { startService, type Service, type ServiceContext } from '../../queues/service.ts';
import { startTencentTcccSim, type TencentTcccSim } from '../../sim/tencent-tccc/index.ts';
import { dropPrefix, quietLogger, tencentCenter, testConfig, uniquePrefix } from './helpers.ts';

let tccc: TencentTcccSim;
let service: Service;
const attachedSink = new MemoryReplySink();
let started = 0;
let ctxSubmit: ServiceContext['submit'] | undefined;
const prefix = uniquePrefix('http');
const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

beforeAll(async () => {
  tccc = await startTencentTcccSim({ historyHours: 0 });
  service = await startService({
    config: testConfig({
      centers: { tc: tccc.demo.profile },
      env: { ...tccc.demo.env, TEST_ADMIN_PASSWORD: 'board-pass' },
      alerts: { enabled: false },
      service: { admin: { user: 'ops', password: { env: 'TEST_ADMIN_PASSWORD' } }, operations: { attempts: 1 } },
    }),
    prefix,
    createCenter: (name, profile) => tencentCenter(name, profile),
    logger: quietLogger(),
    http: { port: 0, host: '127.0.0.1' },
    handleSignals: false,
    // A front end living in the service (as the bot does): mounts a route, submits, replaces the reply sink.
    attach: (ctx) => {
      ctx.app!.post('/front/ping', (_req, res) => void res.json({ ok: true }));
      ctxSubmit = ctx.submit;
      return { replySink: attachedSink, start: async () => void started++ };
    },
  });
});
afterAll(async () => {
  await service.close();
  await tccc.close();
  await dropPrefix(prefix);
});

describe('service HTTP', () => {
  it('lets a front end attach: its routes are served, its submissions run, its sink gets the replies', async () => {
    expect(started).toBe(1);
    expect(await (await fetch(`${service.url}/front/ping`, { method: 'POST' })).json()).toEqual({ ok: true });
    const jobId = await ctxSubmit!({ center: 'tc', operation: 'getAgentState', input: { agentId: 'li.na@tccc-demo' }, replyTarget: { kind: 'front' } });
    expect(await attachedSink.waitFor((u) => u.jobId === jobId)).toMatchObject({ status: 'done', value: { agentId: 'li.na@tccc-demo' } });
  });

  it('/healthz reports Redis and each center, and 503 once a center is down', async () => {
    let res = await fetch(`${service.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'up', redis: { status: 'up' }, centers: { tc: { vendor: 'tencent-tccc' } }, workers: { ops: 'running', outcomes: 'running' } });
    tccc.faults.inject({ kind: 'unavailable' }, { action: 'DescribeStaffStatusMetrics' });
    const jobId = await service.submit({ center: 'tc', operation: 'getAgentState', input: { agentId: 'agent@tccc-demo' } });
    for (let i = 0; i < 100 && !(await service.queues.operations.getJob(jobId))?.finishedOn; i++) await new Promise((r) => setTimeout(r, 50));
    res = await fetch(`${service.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'down', centers: { tc: { status: 'down', lastError: { vendorCode: 'ServiceUnavailable' } } } });
  });

  it('/metrics serves queue depths, durations and vendor errors as Prometheus text', async () => {
    const res = await fetch(`${service.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/ccops_queue_jobs\{queue="ops",state="failed"\} 1/);
    expect(text).toContain('ccops_job_duration_seconds_bucket');
    expect(text).toMatch(/ccops_vendor_errors_total\{center="tc",vendor="tencent-tccc",code="ServiceUnavailable"\} 1/);
    expect(text).toContain('ccops_alerts_sent_total');
  });

  it('/admin/queues needs the configured password', async () => {
    expect((await fetch(`${service.url}/admin/queues`)).status).toBe(401);
    expect((await fetch(`${service.url}/admin/queues`, { headers: { authorization: basic('ops', 'wrong') } })).status).toBe(401);
    const ok = await fetch(`${service.url}/admin/queues`, { headers: { authorization: basic('ops', 'board-pass') } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('<html');
    const api = await fetch(`${service.url}/admin/queues/api/queues`, { headers: { authorization: basic('ops', 'board-pass') } });
    expect(api.status).toBe(200);
    expect(JSON.stringify(await api.json())).toContain('"ops"');
  });
});
