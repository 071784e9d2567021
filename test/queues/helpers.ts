// Shared by the queue tests: a unique Redis prefix per run (keys removed
// afterwards by SCAN + UNLINK on that prefix only), quiet logs, and
// configurations pointing at the simulators.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { parseConfig, type Config } from '../../shared/config.ts';
import { UndiciTransport } from '../../shared/http.ts';
import type { ContactCenter } from '../../shared/port.ts';
import { TencentTcccAdapter } from '../../shared/vendors/tencent-tccc/adapter.ts';
import { createLogger } from '../../queues/logger.ts';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniquePrefix(tag: string): string {
  return `{ccops-test-${tag}-${Date.now().toString(36)}${randomBytes(3).toString('hex')}}`;
}

/** Deletes every key under one test prefix (never FLUSHALL: Redis is shared). */
export async function dropPrefix(prefix: string, url = REDIS_URL): Promise<void> {
  const r = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    const pattern = `${prefix.replace(/([*?[\]\\])/g, '\\$1')}*`;
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

export const quietLogger = () => createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export const SLACK_ENV = { TEST_SLACK_BOT_TOKEN: 'xoxb-ccops-test', TEST_SLACK_SIGNING_SECRET: 'test-signing-secret' };

export interface TestConfigInput {
  centers: Record<string, Record<string, unknown>>;
  env?: Record<string, string>;
  slackApiUrl?: string;
  defaultChannel?: string;
  alertRoutes?: { center?: string; skillGroup?: string; channel: string }[];
  alerts?: Record<string, unknown>;
  service?: Record<string, unknown>;
}

export function testConfig(i: TestConfigInput): Config {
  return parseConfig(
    {
      centers: i.centers,
      ...(i.slackApiUrl
        ? {
            slack: {
              botToken: { env: 'TEST_SLACK_BOT_TOKEN' },
              signingSecret: { env: 'TEST_SLACK_SIGNING_SECRET' },
              apiUrl: i.slackApiUrl,
              defaultChannel: i.defaultChannel ?? '#cc-alerts',
              ...(i.alertRoutes ? { alertRoutes: i.alertRoutes } : {}),
            },
          }
        : {}),
      alerts: { intervalSeconds: 1, ...i.alerts },
      service: i.service ?? {},
    },
    { env: { ...SLACK_ENV, ...i.env } },
  );
}

/** The real Tencent adapter, with its in-process retries off: the queue retries. */
export function tencentCenter(name: string, profile: unknown): ContactCenter {
  return new TencentTcccAdapter({
    center: name,
    profile: profile as ConstructorParameters<typeof TencentTcccAdapter>[0]['profile'],
    transport: new UndiciTransport({ headersTimeoutMs: 5000, bodyTimeoutMs: 5000 }),
    retry: false,
  });
}

export async function until<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
