// Redis restarted mid-run (AOF on): no alert lost, none doubled. Runs its own
// redis-server on a free port in a temporary directory (never the shared one).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../../queues/service.ts';
import { createSlackWebClient } from '../../queues/slack.ts';
import { startSlackSim, type SlackSim } from '../../sim/slack/index.ts';
import { startTencentTcccSim, type TencentTcccSim } from '../../sim/tencent-tccc/index.ts';
import { quietLogger, tencentCenter, testConfig, uniquePrefix, until } from './helpers.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

class OwnRedis {
  readonly dir = mkdtempSync(join(tmpdir(), 'ccops-redis-'));
  proc: ChildProcess | undefined;
  readonly port: number;
  constructor(port: number) {
    this.port = port;
  }
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.proc = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--maxmemory-policy', 'noeviction'],
      { stdio: 'ignore' },
    );
    await until('redis-server to answer', async () => {
      const r = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      r.on('error', () => {}); // refused until it is up
      try {
        await r.connect();
        return (await r.ping()) === 'PONG' || undefined;
      } catch {
        return undefined;
      } finally {
        r.disconnect();
      }
    });
  }
  async kill(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((r) => {
      p.once('exit', () => r());
      p.kill('SIGKILL');
    });
  }
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

let redis: OwnRedis;
let tccc: TencentTcccSim;
let slack: SlackSim;
let service: Service | undefined;

beforeAll(async () => {
  redis = new OwnRedis(await freePort());
  await redis.start();
  tccc = await startTencentTcccSim({ historyHours: 0 });
  slack = await startSlackSim({ rateLimit: { perSecond: 5 } });
});
afterAll(async () => {
  await service?.close().catch(() => {});
  await redis.kill();
  redis.cleanup();
  await tccc.close();
  await slack.close();
});

describe('Redis restarted mid-run', () => {
  it('delivers every alert once across a Redis crash and restart (AOF)', { timeout: 90_000 }, async () => {
    const ids = tccc.burst(20).map((c) => `tc-${c.SessionId}`);
    service = await startService({
      config: testConfig({
        centers: { tc: tccc.demo.profile },
        env: tccc.demo.env,
        slackApiUrl: slack.apiUrl,
        defaultChannel: '#restart',
        alerts: { intervalSeconds: 1, initialLookbackSeconds: 300, digestThreshold: 1000, perChannelPerSecond: 4 },
      }),
      prefix: uniquePrefix('restart'),
      redis: redis.url,
      createCenter: (name, profile) => tencentCenter(name, profile),
      slack: createSlackWebClient('xoxb-ccops-test', { slackApiUrl: slack.apiUrl }),
      logger: quietLogger(),
      http: false,
      handleSignals: false,
      defaultMetrics: false,
    });
    const carried = () =>
      slack.workspace.messages('restart').flatMap((m) => (m.extra.metadata as { event_payload: { alerts: string[] } }).event_payload.alerts);
    await until('a few alerts out', () => carried().length >= 4 || undefined, 30_000);
    await redis.kill(); // mid-run: most alerts still queued
    expect(carried().length).toBeLessThan(20);
    ids.push(...tccc.burst(5).map((c) => `tc-${c.SessionId}`)); // abandoned while Redis is down
    await new Promise((r) => setTimeout(r, 1500));
    await redis.start();
    await until('every alert out', () => ids.every((id) => carried().includes(id)) || undefined, 60_000, 200);
    await new Promise((r) => setTimeout(r, 2000)); // more polls over the same window
    const all = carried();
    for (const id of ids) expect(all.filter((x) => x === id)).toHaveLength(1);
    expect(new Set(all).size).toBe(all.length);
  });
});
