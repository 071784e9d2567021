// The Slack stand-in answers the real @slack/web-api client as Slack would.
import { ErrorCode, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackSim, type SlackSim } from '../../sim/slack/index.ts';

let sim: SlackSim;
let clock = 1_800_000_000_000;

beforeAll(async () => {
  sim = await startSlackSim({ now: () => clock, channels: ['alerts'] });
});
afterAll(() => sim.close());

const client = (token: string) =>
  new WebClient(token, { slackApiUrl: sim.apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
const web = () => new WebClient('xoxb-ccops-test', { slackApiUrl: sim.apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });

describe('Slack Web API stand-in', () => {
  it('posts, threads, updates and keeps the history of a message', async () => {
    const c = web();
    const posted = await c.chat.postMessage({ channel: '#alerts', text: 'first', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] });
    expect(posted.ok).toBe(true);
    const channelId = posted.channel!;
    expect(channelId).toMatch(/^C/);
    clock += 1000;
    const reply = await c.chat.postMessage({ channel: channelId, text: 'in thread', thread_ts: posted.ts! });
    await c.chat.update({ channel: channelId, ts: posted.ts!, text: 'first (acknowledged)' });
    const msgs = sim.workspace.messages('alerts');
    expect(msgs).toHaveLength(2);
    expect(msgs[0]!.text).toBe('first (acknowledged)');
    expect(msgs[0]!.edits[0]!.text).toBe('first');
    expect(msgs[0]!.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }]);
    expect(sim.workspace.thread('alerts', posted.ts!).map((m) => m.ts)).toEqual([reply.ts]);
    const info = await c.conversations.info({ channel: channelId });
    expect(info.channel?.name).toBe('alerts');
  });

  it('refuses a wrong token and unknown messages the way Slack does', async () => {
    await expect(client('xoxb-wrong').chat.postMessage({ channel: 'alerts', text: 'x' })).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: 'invalid_auth' },
    });
    await expect(web().chat.update({ channel: 'alerts', ts: '1.000001', text: 'x' })).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
    await expect(web().chat.postMessage({ channel: 'alerts', text: '' })).rejects.toMatchObject({ data: { error: 'no_text' } });
  });

  it('limits each channel to about one message a second with 429 + Retry-After, other channels unaffected', async () => {
    clock += 5000;
    const c = web();
    await c.chat.postMessage({ channel: 'busy', text: '1' });
    const second = c.chat.postMessage({ channel: 'busy', text: '2' });
    await expect(second).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 1 });
    await c.chat.postMessage({ channel: 'quiet', text: 'not limited' });
    clock += 1000;
    await c.chat.postMessage({ channel: 'busy', text: '3' });
    expect(sim.workspace.messages('busy').map((m) => m.text)).toEqual(['1', '3']);
    expect(sim.rateLimitedCount('busy')).toBe(1);
    expect(sim.log.entries({ action: 'chat.postMessage', error: 'ratelimited' }).at(-1)?.status).toBe(429);
  });

  it('serves 429s and errors on demand', async () => {
    clock += 5000;
    sim.throttleChannel('alerts', 7);
    await expect(web().chat.postMessage({ channel: 'alerts', text: 'x' })).rejects.toMatchObject({ retryAfter: 7 });
    sim.failNext('chat.update', 'cant_update_message');
    const p = await web().chat.postMessage({ channel: 'alerts', text: 'y' });
    await expect(web().chat.update({ channel: 'alerts', ts: p.ts!, text: 'z' })).rejects.toMatchObject({
      data: { error: 'cant_update_message' },
    });
  });

  it('accepts JSON bodies', async () => {
    clock += 5000;
    const res = await fetch(`${sim.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-ccops-test' },
      body: JSON.stringify({ channel: 'json', text: 'hello', blocks: [{ type: 'divider' }] }),
    });
    const body = (await res.json()) as { ok: boolean; ts: string };
    expect(body.ok).toBe(true);
    expect(sim.workspace.messages('json')[0]!.blocks).toEqual([{ type: 'divider' }]);
  });
});
