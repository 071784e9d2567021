// Abandoned-call alerts end to end in one process: the real Tencent adapter
// against its simulator, the service's poller and notify workers on a real
// Redis, and the Slack stand-in receiving the messages.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../../queues/logger.ts';
import { startService, type Service } from '../../queues/service.ts';
import { UndiciTransport } from '../../shared/http.ts';
import { createHuaweiAiccAdapter, type HuaweiAiccConfig } from '../../shared/vendors/huawei-aicc/adapter.ts';
import { startHuaweiAiccSim } from '../../sim/huawei-aicc/index.ts';
import { createSlackWebClient } from '../../queues/slack.ts';
import { startSlackSim, type SlackSim } from '../../sim/slack/index.ts';
import { startTencentTcccSim, type TencentTcccSim } from '../../sim/tencent-tccc/index.ts';
import { dropPrefix, quietLogger, tencentCenter, testConfig, uniquePrefix, until } from './helpers.ts';

let tccc: TencentTcccSim;
let slack: SlackSim;
const prefixes: string[] = [];
let service: Service | undefined;

beforeAll(async () => {
  tccc = await startTencentTcccSim({ historyHours: 0 });
  slack = await startSlackSim();
});
afterAll(async () => {
  await tccc.close();
  await slack.close();
  for (const p of prefixes) await dropPrefix(p);
});
afterEach(async () => {
  await service?.close();
  service = undefined;
});

async function start(channel: string, alerts: Record<string, unknown> = {}, alertRoutes?: { skillGroup?: string; channel: string }[]) {
  const prefix = uniquePrefix('alerts');
  prefixes.push(prefix);
  const config = testConfig({
    centers: { tc: tccc.demo.profile },
    env: tccc.demo.env,
    slackApiUrl: slack.apiUrl,
    defaultChannel: channel,
    ...(alertRoutes ? { alertRoutes } : {}),
    alerts: { intervalSeconds: 1, initialLookbackSeconds: 300, ...alerts },
  });
  service = await startService({
    config,
    prefix,
    createCenter: (name, profile) => tencentCenter(name, profile),
    slack: createSlackWebClient('xoxb-ccops-test', { slackApiUrl: slack.apiUrl }),
    logger: quietLogger(),
    http: false,
    handleSignals: false,
    defaultMetrics: false,
  });
  return service;
}

interface Accounted {
  alerts: string[];
  count: number;
}
function accounting(channel: string): Accounted {
  const alerts: string[] = [];
  let count = 0;
  for (const m of slack.workspace.messages(channel)) {
    const meta = m.extra.metadata as { event_payload: { alerts: string[]; count: number } } | undefined;
    if (!meta) continue;
    alerts.push(...meta.event_payload.alerts);
    count += meta.event_payload.count;
  }
  return { alerts, count };
}

describe('abandoned-call alerts', () => {
  it('skips a center whose vendor cannot list abandoned calls, with one clear log line at start-up', async () => {
    const hw = await startHuaweiAiccSim({ pollHoldMs: 300 });
    const lines: string[] = [];
    const logger = createLogger({ level: 'info' }, new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    const prefix = uniquePrefix('alerts-skip');
    prefixes.push(prefix);
    const transport = new UndiciTransport();
    try {
      service = await startService({
        config: testConfig({ centers: { tc: tccc.demo.profile, hw: hw.demo.profile }, env: { ...tccc.demo.env, ...hw.demo.env }, slackApiUrl: slack.apiUrl }),
        prefix,
        createCenter: (name, profile) =>
          name === 'hw' ? createHuaweiAiccAdapter(name, profile as HuaweiAiccConfig, { transport }) : tencentCenter(name, profile),
        slack: createSlackWebClient('xoxb-ccops-test', { slackApiUrl: slack.apiUrl }),
        logger,
        http: false,
        handleSignals: false,
        defaultMetrics: false,
      });
      expect(service.alertCenters).toEqual(['tc']);
      const skipped = lines.filter((l) => l.includes('abandoned-call alerts are off for center'));
      expect(skipped).toHaveLength(1);
      expect(JSON.parse(skipped[0]!)).toMatchObject({ center: 'hw', vendor: 'huawei-aicc', msg: expect.stringContaining('lists no abandoned calls') });
      expect((await service.queues.poll.getJobSchedulers()).map((s) => s.key)).toEqual(['poll-tc']);
    } finally {
      await service?.close();
      service = undefined;
      await hw.close();
      await transport.close();
    }
  });

  it('posts one message per abandoned call, masked, and never twice across polls', async () => {
    const calls = tccc.burst(3);
    const s = await start('#alerts-single');
    await until('3 alerts', () => accounting('alerts-single').count >= 3 || undefined);
    // Several more polls (every second) with the overlap window re-read the same calls.
    await new Promise((r) => setTimeout(r, 2500));
    const msgs = slack.workspace.messages('alerts-single');
    expect(msgs).toHaveLength(3);
    const ids = accounting('alerts-single').alerts;
    expect(new Set(ids).size).toBe(3);
    for (const c of calls) expect(ids).toContain(`tc-${c.SessionId}`);
    const all = JSON.stringify(msgs.map((m) => [m.text, m.blocks]));
    for (const c of calls) {
      expect(all).not.toContain(String(c.Caller)); // no full phone number anywhere
      expect(all).toContain(`${String(c.Caller).slice(0, 7)}****`); // the masked one instead
    }
    expect(await s.metrics.registry.getSingleMetricAsString('ccops_alerts_sent_total')).toMatch(/center="tc"} 3/);
  });

  it('turns a burst of 500 abandoned calls into at most 10 messages that account for all 500, without an unhandled 429', async () => {
    const burst = tccc.burst(500).map((c) => `tc-${c.SessionId}`);
    const s = await start('#alerts-burst', { digestThreshold: 5 });
    const done = await until(
      'all 500 accounted for',
      () => {
        const a = accounting('alerts-burst');
        return burst.every((id) => a.alerts.includes(id)) ? a : undefined;
      },
      60_000,
      200,
    );
    // Each call once (calls of earlier tests in this simulator may be there too).
    expect(new Set(done.alerts).size).toBe(done.alerts.length);
    expect(done.count).toBe(done.alerts.length);
    const msgs = slack.workspace.messages('alerts-burst');
    expect(msgs.length).toBeLessThanOrEqual(10);
    // The digest says how many calls it carries.
    const digests = msgs.filter((m) => (m.extra.metadata as { event_type: string }).event_type === 'ccops_abandoned_digest');
    expect(digests.length).toBeGreaterThan(0);
    for (const d of digests) {
      const n = (d.extra.metadata as { event_payload: { count: number } }).event_payload.count;
      expect(d.text).toContain(`${n} abandoned calls`);
    }
    // Every notify job finished; none failed (a 429, had there been one, was waited out).
    await until('notify queue drained', async () => {
      const c = await s.queues.notify.getJobCounts('waiting', 'active', 'delayed', 'failed');
      return (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0 ? c : undefined;
    }, 30_000, 200);
    expect((await s.queues.notify.getJobCounts('failed')).failed).toBe(0);
  });

  it('pauses only the channel Slack rate-limited; the others keep posting', async () => {
    // Sales calls go to their own channel, which answers the first post with 429 Retry-After: 3.
    slack.throttleChannel('alerts-sales', 3, 1);
    const calls = tccc.burst(12);
    const sales = calls.filter((c) => /sales/i.test(JSON.stringify(c))).length;
    expect(sales).toBeGreaterThan(0);
    await start('#alerts-other', { digestThreshold: 1000, perChannelPerSecond: 10 }, [{ skillGroup: 'Sales', channel: '#alerts-sales' }]);
    await until('the sales channel to get its alerts after the pause', () => accounting('alerts-sales').count >= 1 || undefined, 20_000);
    expect(slack.rateLimitedCount('alerts-sales')).toBe(1);
    const firstSales = slack.workspace.messages('alerts-sales')[0]!;
    const otherBefore = slack.workspace.messages('alerts-other').filter((m) => m.postedAt < firstSales.postedAt);
    expect(otherBefore.length).toBeGreaterThan(0); // the other channel was not held up by the pause
  });

  it('honours a 429 with Retry-After on one channel and still delivers', async () => {
    slack.throttleChannel('alerts-429', 2, 1);
    tccc.burst(1);
    const s = await start('#alerts-429');
    await until('the alert after the 429', () => accounting('alerts-429').count >= 1 || undefined, 20_000);
    expect(slack.rateLimitedCount('alerts-429')).toBe(1);
    expect(slack.workspace.messages('alerts-429')).toHaveLength(1);
    expect((await s.queues.notify.getJobCounts('failed')).failed).toBe(0);
  });
});
