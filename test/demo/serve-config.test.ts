// `node cli/main.ts serve --config FILE` with a configuration that has a
// `slack` section: the service and the bot run in one process. Slack is the
// stand-in (sim/slack) and the center a simulator, both in this test process;
// the child gets them only through its configuration file, secrets in files.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AliyunCccSim, startAliyunCccSim } from '../../sim/aliyun-ccc/index.ts';
import { deliver, slashCommandBody } from '../../sim/slack/deliver.ts';
import { installInteractivity, type Interactivity } from '../../sim/slack/interactivity.ts';
import { type SlackSim, startSlackSim } from '../../sim/slack/index.ts';
import { dropPrefix, uniquePrefix, until } from '../queues/helpers.ts';

const MAIN = join(process.cwd(), 'cli', 'main.ts');
const SUPERVISOR = 'U0CFGSUP01';
const SIGNING_SECRET = 'serve-config-test-signing-secret';
const BOT_TOKEN = 'xoxb-serve-config-test';

let ccc: AliyunCccSim;
let slack: SlackSim;
let interactivity: Interactivity;
let child: ChildProcess;
let out = '';
const prefix = uniquePrefix('serve-config');

function writeConfig(dir: string): string {
  const secret = (name: string, value: string) => {
    const file = join(dir, name);
    writeFileSync(file, value, { mode: 0o600 });
    return { file };
  };
  const profile = JSON.parse(JSON.stringify(ccc.demo.profile), (_k, v: unknown) =>
    v && typeof v === 'object' && 'env' in v && typeof v.env === 'string' ? secret(v.env, ccc.demo.env[v.env]!) : v,
  ) as unknown;
  const path = join(dir, 'ccops.config.json');
  writeFileSync(
    path,
    JSON.stringify({
      centers: { shanghai: profile },
      slack: {
        signingSecret: secret('signing', SIGNING_SECRET),
        botToken: secret('bot', BOT_TOKEN),
        apiUrl: slack.apiUrl,
        supervisors: { users: [SUPERVISOR] },
        defaultChannel: '#cc-alerts',
      },
      alerts: { intervalSeconds: 1, initialLookbackSeconds: 30 },
      service: { port: 0, redisPrefix: prefix, shutdownGraceSeconds: 5 },
    }),
  );
  return path;
}

beforeAll(async () => {
  ccc = await startAliyunCccSim({ historyHours: 0 });
  slack = await startSlackSim({ tokens: [BOT_TOKEN], rateLimit: false });
  interactivity = installInteractivity(slack);
  const config = writeConfig(mkdtempSync(join(tmpdir(), 'ccops-serve-config-')));
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env.CCOPS_CONFIG;
  child = spawn(process.execPath, [MAIN, 'serve', '--config', config], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  await until('the bot is up', () => /^Slack bot: request URL http/m.test(out) || child.exitCode !== null, 60_000);
  if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode}):\n${out}`);
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await slack?.close();
  await ccc?.close();
  await dropPrefix(prefix);
});

describe('ccops serve --config with a slack section', () => {
  it('reports the centers and where the bot listens', () => {
    expect(out).toMatch(/^Contact centers:\n\s+ok\s+shanghai \(aliyun-ccc\)/m);
    expect(out).toMatch(/^Service: http:\/\/127\.0\.0\.1:\d+/m);
    expect(out).toMatch(/^Abandoned-call alerts: polling shanghai every 1 s$/m);
    expect(out).not.toContain('Local Slack');
  });

  it('answers a signed /cc and replaces the reply through the response_url', async () => {
    const requestUrl = /^Slack bot: request URL (\S+)$/m.exec(out)![1]!;
    const rec = interactivity.issueResponseUrl({ channel: '#cc-ops', user: SUPERVISOR });
    const body = slashCommandBody({ text: 'agent agent@ccc-test', user_id: SUPERVISOR, channel_id: 'C0CFGOPS01', response_url: rec.url });
    const ack = await deliver(requestUrl, SIGNING_SECRET, body, 'application/x-www-form-urlencoded');
    expect(ack.status).toBe(200);
    expect(JSON.stringify(ack.body)).toContain('Working on it');
    const done = await until('the reply', () => rec.posts.find((p) => p.status === 200 && JSON.stringify(p.body).includes('agent@ccc-test')));
    expect(done.body).toMatchObject({ replace_original: true });

    const forged = await deliver(requestUrl, 'not-the-secret', body, 'application/x-www-form-urlencoded');
    expect(forged.status).toBe(401);
  });

  it('posts an abandoned call to the default channel', async () => {
    const [call] = ccc.burst(1);
    const posted = await until('the alert', () => slack.workspace.messages('#cc-alerts').find((m) => JSON.stringify(m.blocks).includes(call!.ContactId)), 30_000);
    expect(posted.text).toMatch(/^Abandoned call: \d{7}\*{4}/);
  });

  it('stops on SIGTERM with exit 0', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('SIGTERM: shutting down');
  });
});
