// The page's server side (sim/slack/web) without a browser: what reaches the
// app's request URL is what Slack sends (exact form encoding, v0 signature
// over the timestamp and raw body, a response_url the stand-in serves), and
// what the app answers shows up where Slack would show it. The "app" here is
// a bare HTTP server that records requests and checks signatures itself.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { installInteractivity, type Interactivity } from '../../sim/slack/interactivity.ts';
import { type SlackSim, startSlackSim } from '../../sim/slack/index.ts';
import { installWebPage, type WebPage } from '../../sim/slack/web/index.ts';

const SECRET = 'web-routes-signing-secret';
const TOKEN = 'xoxb-web-routes';
const SUP = 'U0WEBSUP01';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
let app: Server;
let appUrl: string;
const received: Received[] = [];
let answer: { status: number; body: string } = { status: 200, body: '' };

let sim: SlackSim;
let interactivity: Interactivity;
let page: WebPage;
let burstCalls: [string, number][] = [];

const validSignature = (r: Received): boolean => {
  const ts = String(r.headers['x-slack-request-timestamp']);
  const expected = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${r.body}`).digest('hex')}`;
  const got = String(r.headers['x-slack-signature']);
  return got.length === expected.length && timingSafeEqual(Buffer.from(got), Buffer.from(expected));
};
const post = async (path: string, body: unknown) => {
  const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  app = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`;
  sim = await startSlackSim({ tokens: [TOKEN], rateLimit: false });
  interactivity = installInteractivity(sim);
  page = installWebPage(sim, interactivity, {
    requestUrl: () => appUrl,
    signingSecret: SECRET,
    people: [
      { id: SUP, name: 'Sam Super', role: 'supervisor' },
      { id: 'U0WEBAG001', name: 'Ann Agent', role: 'agent', agent: 'a@x at c1' },
    ],
    defaultChannel: '#cc-alerts',
    burst: { centers: ['c1'], run: (center, n) => (burstCalls.push([center, n]), n) },
  });
});
afterAll(async () => {
  await sim.close();
  await new Promise<void>((r) => app.close(() => r()));
});
beforeEach(() => {
  received.length = 0;
  burstCalls = [];
  answer = { status: 200, body: '' };
});

describe('local Slack page routes', () => {
  it('serves the page, its script and style, uncached', async () => {
    const res = await fetch(page.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('<script src="/web/page.js"></script>');
    expect((await fetch(`${sim.url}/web/page.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${sim.url}/web/page.css`)).status).toBe(200);
  });

  it('a typed /cc reaches the app as a signed slash command; the ack shows as an ephemeral message for that person only', async () => {
    answer = { status: 200, body: JSON.stringify({ response_type: 'ephemeral', text: 'Working on it' }) };
    expect(await post('/web/command', { user: SUP, channel: '#cc-alerts', text: '/cc agent a@x break lunch' })).toEqual({ status: 200, body: { ok: true } });
    expect(received).toHaveLength(1);
    const r = received[0]!;
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Math.abs(Number(r.headers['x-slack-request-timestamp']) - Date.now() / 1000)).toBeLessThan(300);
    expect(validSignature(r)).toBe(true);
    const form = new URLSearchParams(r.body);
    expect(form.get('command')).toBe('/cc');
    expect(form.get('text')).toBe('agent a@x break lunch');
    expect(form.get('user_id')).toBe(SUP);
    expect(form.get('channel_id')).toMatch(/^C/);
    const responseUrl = form.get('response_url')!;
    expect(responseUrl.startsWith(`${sim.url}/response/`)).toBe(true);

    const mine = (await (await fetch(`${sim.url}/web/state?user=${SUP}`)).json()) as { ephemeral: { text: string; ts: string }[] };
    expect(mine.ephemeral.map((e) => e.text)).toEqual(['Working on it']);
    const theirs = (await (await fetch(`${sim.url}/web/state?user=U0WEBAG001`)).json()) as { ephemeral: unknown[] };
    expect(theirs.ephemeral).toEqual([]);

    // The app replaces the ack through the response_url, as the bot's replier does.
    const replaced = await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ replace_original: true, text: 'a@x is now on break' }),
    });
    expect(replaced.status).toBe(200);
    const after = (await (await fetch(`${sim.url}/web/state?user=${SUP}`)).json()) as { ephemeral: { text: string; ts: string; edited: boolean }[] };
    expect(after.ephemeral).toEqual([{ ts: mine.ephemeral[0]!.ts, text: 'a@x is now on break', edited: true, ephemeral: true }]);
  });

  it('an app that refuses the request (401) shows Slack\'s dispatch_failed to the person, not a crash', async () => {
    answer = { status: 401, body: '' };
    expect((await post('/web/command', { user: 'U0WEBAG001', channel: '#cc-alerts', text: '/cc help' })).body).toMatchObject({ ok: false, error: 'dispatch_failed', status: 401 });
    const s = (await (await fetch(`${sim.url}/web/state?user=U0WEBAG001`)).json()) as { ephemeral: { text: string }[] };
    expect(s.ephemeral.at(-1)!.text).toContain('dispatch_failed');
  });

  it('a click reaches the app as a signed block_actions payload whose response_url replaces the clicked message', async () => {
    const msg = sim.workspace.post(sim.workspace.resolve('#cc-alerts')!.id, {
      text: 'alert',
      blocks: [{ type: 'actions', block_id: 'alert|c1-1', elements: [{ type: 'button', action_id: 'alert.ack', text: { type: 'plain_text', text: 'Acknowledge' }, value: 'c1-1' }] }],
    });
    const res = await post('/web/action', {
      user: SUP,
      channel: '#cc-alerts',
      ts: msg.ts,
      action: { type: 'button', action_id: 'alert.ack', block_id: 'alert|c1-1', value: 'c1-1' },
    });
    expect(res.body).toEqual({ ok: true });
    const r = received[0]!;
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(validSignature(r)).toBe(true);
    const payload = JSON.parse(new URLSearchParams(r.body).get('payload')!) as Record<string, unknown> & { actions: unknown[]; message: { ts: string }; user: { id: string }; response_url: string };
    expect(payload.type).toBe('block_actions');
    expect(payload.user.id).toBe(SUP);
    expect(payload.message.ts).toBe(msg.ts);
    expect(payload.actions).toMatchObject([{ type: 'button', action_id: 'alert.ack', block_id: 'alert|c1-1', value: 'c1-1' }]);
    await fetch(payload.response_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ replace_original: true, text: 'acknowledged' }) });
    expect(sim.workspace.find(msg.channel, msg.ts)!.text).toBe('acknowledged');
  });

  it('the Home entry sends a signed app_home_opened event as JSON', async () => {
    expect((await post('/web/home', { user: SUP })).body).toEqual({ ok: true });
    const r = received[0]!;
    expect(r.headers['content-type']).toBe('application/json');
    expect(validSignature(r)).toBe(true);
    expect(JSON.parse(r.body)).toMatchObject({ type: 'event_callback', event: { type: 'app_home_opened', user: SUP, tab: 'home' } });
  });

  it('refuses a POST that is not JSON (a form or text/plain, which another site could send cross-origin) before anything reaches the app', async () => {
    const body = JSON.stringify({ user: SUP, channel: '#cc-alerts', text: '/cc agent a@x break lunch' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await fetch(`${sim.url}/web/command`, { method: 'POST', headers: { 'content-type': type }, body });
      expect(res.status).toBe(415);
    }
    const burst = await fetch(`${sim.url}/web/burst`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ center: 'c1', n: 7 }) });
    expect(burst.status).toBe(415);
    expect(received).toHaveLength(0);
    expect(burstCalls).toEqual([]);
  });

  it('the controls: 429s on demand for a channel, a burst only for the configured centers, bad input refused with a sentence', async () => {
    expect((await post('/web/throttle', { channel: '#cc-alerts', retryAfterSec: 2, times: 1 })).body).toEqual({ ok: true });
    const limited = await fetch(`${sim.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ channel: '#cc-alerts', text: 'x' }),
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');

    expect((await post('/web/burst', { center: 'c1', n: 7 })).body).toEqual({ ok: true, abandoned: 7 });
    expect(burstCalls).toEqual([['c1', 7]]);
    expect(await post('/web/burst', { center: 'elsewhere', n: 7 })).toMatchObject({ status: 400, body: { ok: false } });
    const bad = await post('/web/command', { user: SUP, channel: '#cc-alerts' });
    expect(bad.status).toBe(400);
    expect(String(bad.body.error)).toMatch(/text/);
    expect(await post('/web/command', { user: 'U0NOBODY01', channel: '#cc-alerts', text: '/cc help' })).toMatchObject({ status: 400 });
    expect(received).toHaveLength(0);
  });
});
