// The alerts and service sections of the configuration: defaults, secrets by
// reference, errors that name the field.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../shared/config.ts';

const centers = {
  tc: { vendor: 'tencent-tccc', endpoint: 'http://127.0.0.1:9', sdkAppId: 1400000001, secretId: 'AKIDx', secretKey: { env: 'K' } },
};

describe('alerts and service configuration', () => {
  it('fills every default when the sections are absent', () => {
    const c = parseConfig({ centers }, { env: { K: 'k' } });
    expect(c.alerts).toMatchObject({ enabled: true, intervalSeconds: 30, overlapSeconds: 300, dedupTtlSeconds: 172_800, digestThreshold: 5, perChannelPerSecond: 1 });
    expect(c.service).toMatchObject({ port: 8080, redisPrefix: '{ccops}', operations: { attempts: 5, idempotencyWindowSeconds: 600 }, outcomes: { maxWaitSeconds: 120 } });
    expect(c.service?.admin).toBeUndefined();
  });

  it('reads the Bull Board password by reference and never prints it', () => {
    const c = parseConfig({ centers, service: { admin: { password: { env: 'ADMIN' } } } }, { env: { K: 'k', ADMIN: 'board-secret' } });
    expect(c.service?.admin?.user).toBe('admin');
    expect(JSON.stringify(c)).not.toContain('board-secret');
    expect((c.service?.admin?.password as { reveal(): string }).reveal()).toBe('board-secret');
  });

  it('refuses a password written in the file, an unknown center to poll, and a bad interval, naming the field', () => {
    expect(() => parseConfig({ centers, service: { admin: { password: 'plain' } } }, { env: { K: 'k' } })).toThrow(/service\.admin\.password/);
    expect(() => parseConfig({ centers, alerts: { centers: ['nowhere'] } }, { env: { K: 'k' } })).toThrow(/alerts\.centers: "nowhere" is not one of the centers \(tc\)/);
    expect(() => parseConfig({ centers, alerts: { intervalSeconds: 0 } }, { env: { K: 'k' } })).toThrow(/alerts\.intervalSeconds/);
  });
});
