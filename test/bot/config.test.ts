// The slack section of the configuration and the receiver it selects.
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createBot } from '../../bot/app.ts';
import { parseConfig } from '../../shared/config.ts';
import { routeAlert } from '../../shared/slack-config.ts';
import { quietLogger, REDIS_URL } from '../queues/helpers.ts';

const center = { vendor: 'aliyun-ccc', endpoint: 'http://127.0.0.1:9', instanceId: 'ccc-test', accessKeyId: 'a', accessKeySecret: { env: 'K' } };
const env = { K: 'k', BOT: 'xoxb-1', SIGN: 's', APP: 'xapp-1' };
const parse = (slack: Record<string, unknown>) => parseConfig({ centers: { shanghai: center }, slack }, { env });

describe('slack configuration', () => {
  it('http mode needs the signing secret; socket mode needs the app token; both say how to give it', () => {
    expect(() => parse({ botToken: { env: 'BOT' } })).toThrow(/signingSecret: http mode needs the signing secret/);
    expect(() => parse({ mode: 'socket', botToken: { env: 'BOT' } })).toThrow(/appToken: socket mode needs the app-level token/);
  });

  it('secrets are references, never values, and print as [redacted]', () => {
    expect(() => parse({ botToken: 'xoxb-literal', signingSecret: { env: 'SIGN' } })).toThrow(/secrets are not written in the configuration/);
    const c = parse({ botToken: { env: 'BOT' }, signingSecret: { env: 'SIGN' } });
    expect(JSON.stringify(c.slack)).not.toContain('xoxb-1');
    expect(c.slack!.botToken.reveal()).toBe('xoxb-1');
  });

  it('centers named in the section must exist', () => {
    expect(() => parse({ botToken: { env: 'BOT' }, signingSecret: { env: 'SIGN' }, userAgents: { U0123: { center: 'nowhere', agentId: 'a' } } })).toThrow(
      /slack.userAgents.U0123.center: "nowhere" is not one of the centers/,
    );
  });

  it('routes alerts: first matching route, else the default channel', () => {
    const s = { alertRoutes: [{ center: 'shanghai', skillGroup: 'vip', channel: '#vip' }, { center: 'shanghai', channel: '#sh' }], defaultChannel: '#all' };
    expect(routeAlert(s, { center: 'shanghai', skillGroup: 'vip' })).toBe('#vip');
    expect(routeAlert(s, { center: 'shanghai', skillGroup: 'other' })).toBe('#sh');
    expect(routeAlert(s, { center: 'beijing' })).toBe('#all');
    expect(routeAlert({ alertRoutes: [] }, { center: 'beijing' })).toBeUndefined();
  });

  it('socket mode builds a Socket Mode app (no port, nothing sent until started)', async () => {
    const redis = new Redis(REDIS_URL, { lazyConnect: true });
    const config = parse({ mode: 'socket', botToken: { env: 'BOT' }, appToken: { env: 'APP' } });
    const bot = createBot({ config, queues: { submit: async () => undefined }, redis, logger: quietLogger() });
    expect(bot.app).toBeDefined();
    await bot.stop();
    redis.disconnect();
  });

  it('a configuration without a slack section cannot start a bot, and says why', () => {
    const config = parseConfig({ centers: { shanghai: center } }, { env });
    expect(() => createBot({ config, queues: { submit: async () => undefined }, redis: new Redis(REDIS_URL, { lazyConnect: true }), logger: quietLogger() })).toThrow(/needs a "slack" section/);
  });
});
