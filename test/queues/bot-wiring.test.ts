// The Slack bot attached to the service the way `npm start` wires it: the
// bot's presenter renders and posts alerts (its buttons appear), its reply
// sink receives operation results, and /slack/events is served on the
// service's HTTP app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../bot/app.ts';
import { startService, type Service } from '../../queues/service.ts';
import { createSlackWebClient } from '../../queues/slack.ts';
import { startSlackSim, type SlackSim } from '../../sim/slack/index.ts';
import { startTencentTcccSim, type TencentTcccSim } from '../../sim/tencent-tccc/index.ts';
import { dropPrefix, quietLogger, tencentCenter, testConfig, uniquePrefix, until } from './helpers.ts';

let tccc: TencentTcccSim;
let slack: SlackSim;
let service: Service;
const prefix = uniquePrefix('bot');

beforeAll(async () => {
  tccc = await startTencentTcccSim({ historyHours: 0 });
  slack = await startSlackSim();
  const config = testConfig({
    centers: { tc: tccc.demo.profile },
    env: tccc.demo.env,
    slackApiUrl: slack.apiUrl,
    defaultChannel: '#bot-alerts',
    alerts: { intervalSeconds: 1, initialLookbackSeconds: 300 },
    service: { redisPrefix: prefix },
  });
  tccc.burst(1);
  service = await startService({
    config,
    prefix,
    createCenter: (name, profile) => tencentCenter(name, profile),
    slack: createSlackWebClient('xoxb-ccops-test', { slackApiUrl: slack.apiUrl }),
    logger: quietLogger(),
    http: { port: 0, host: '127.0.0.1' },
    handleSignals: false,
    defaultMetrics: false,
    attach: (ctx) => {
      const bot = createBot({
        config: ctx.config,
        queues: ctx,
        redis: ctx.redis,
        logger: ctx.logger,
        expressApp: ctx.app!,
        centers: (name) => ctx.centers.get(name),
      });
      return { replySink: bot.replySink, renderer: bot.alerts, notifyHook: bot.alerts, start: () => bot.start(), close: () => bot.stop() };
    },
  });
});
afterAll(async () => {
  await service?.close();
  await tccc.close();
  await slack.close();
  await dropPrefix(prefix);
});

describe('the bot attached to the service', () => {
  it('posts alerts through the bot, with its buttons', async () => {
    const [msg] = await until('an alert in the channel', () => {
      const m = slack.workspace.messages('bot-alerts');
      return m.length ? m : undefined;
    });
    expect(JSON.stringify(msg!.blocks)).toContain('alert.ack');
  });

  it('serves /slack/events on the service app (signature checked)', async () => {
    const res = await fetch(`${service.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
  });
});
