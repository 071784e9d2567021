// The response_url budget, against the Slack stand-in and a real Redis:
// at most 5 uses within 30 minutes, the last one kept for the final answer;
// after that, or when Slack refuses the URL, one message through the Web API,
// then updates of that message.
import { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackReplier } from '../../bot/replier.ts';
import type { SlackReplyTarget } from '../../bot/reply-target.ts';
import { startSlackSim, type SlackSim } from '../../sim/slack/index.ts';
import { installInteractivity, type Interactivity } from '../../sim/slack/interactivity.ts';
import { dropPrefix, quietLogger, REDIS_URL, uniquePrefix } from '../queues/helpers.ts';

let slack: SlackSim;
let ix: Interactivity;
let redis: Redis;
let replier: SlackReplier;
const prefix = uniquePrefix('replier');

beforeAll(async () => {
  slack = await startSlackSim({ rateLimit: false });
  ix = installInteractivity(slack);
  redis = new Redis(REDIS_URL);
  const client = new WebClient('xoxb-ccops-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  replier = new SlackReplier({ client, redis, prefix, logger: quietLogger() });
});
afterAll(async () => {
  redis.disconnect();
  await slack.close();
  await dropPrefix(prefix);
});

function target(id: string, responseUrl: string, issuedAt = new Date()): SlackReplyTarget {
  return { kind: 'slack', id, responseUrl, issuedAt: issuedAt.toISOString(), channel: 'CGEN01', user: 'UREPLY01', what: 'x' };
}
const msg = (n: number) => ({ text: `update ${n}`, blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: `update ${n}` } }] });

describe('SlackReplier', () => {
  it('spends at most 4 uses on progress, keeps the 5th for the final answer, then falls back to one message updated in place', async () => {
    const ru = ix.issueResponseUrl({ channel: 'CGEN01', user: 'UREPLY01' });
    const t = target('r1', ru.url);
    const how: string[] = [];
    for (let i = 1; i <= 6; i++) how.push(await replier.deliver(t, msg(i), { final: false }));
    how.push(await replier.deliver(t, msg(7), { final: true }));
    expect(how).toEqual(['response_url', 'response_url', 'response_url', 'response_url', 'posted', 'updated', 'updated']);
    expect(ru.posts.filter((p) => p.status === 200)).toHaveLength(4);
    const dm = slack.workspace.messages('DREPLY01');
    expect(dm).toHaveLength(1);
    expect(dm[0]!.text).toBe('update 7');
  });

  it('a final answer may take the 5th use', async () => {
    const ru = ix.issueResponseUrl({ channel: 'CGEN01', user: 'UREPLY01' });
    const t = target('r2', ru.url);
    for (let i = 1; i <= 4; i++) await replier.deliver(t, msg(i), { final: false });
    expect(await replier.deliver(t, msg(5), { final: true })).toBe('response_url');
    expect(ru.uses).toBe(5);
  });

  it('a URL Slack refuses (used up elsewhere) falls back at once', async () => {
    const ru = ix.issueResponseUrl({ channel: 'CGEN01', user: 'UREPLY02' });
    ru.uses = 5; // spent by someone else
    const t = { ...target('r3', ru.url), user: 'UREPLY02' };
    expect(await replier.deliver(t, msg(1), { final: false })).toBe('posted');
    expect(await replier.deliver(t, msg(2), { final: true })).toBe('updated');
    expect(ru.posts.map((p) => p.status)).toEqual([404]);
  });

  it('a URL older than 30 minutes is not tried at all', async () => {
    const ru = ix.issueResponseUrl({ channel: 'CGEN01', user: 'UREPLY03' });
    const t = { ...target('r4', ru.url, new Date(Date.now() - 31 * 60_000)), user: 'UREPLY03' };
    expect(await replier.deliver(t, msg(1), { final: true })).toBe('posted');
    expect(ru.posts).toHaveLength(0);
  });

  it('follow-ups of an alert go into its thread', async () => {
    const parent = slack.workspace.post(slack.workspace.resolve('#alerts')!.id, { text: 'alert' });
    const t: SlackReplyTarget = { kind: 'slack', id: 'r5', issuedAt: new Date().toISOString(), channel: parent.channel, user: 'UREPLY01', threadTs: parent.ts, what: 'call back' };
    expect(await replier.deliver(t, msg(1), { final: false })).toBe('posted');
    expect(await replier.deliver(t, msg(2), { final: true })).toBe('updated');
    const replies = slack.workspace.thread('alerts', parent.ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toBe('update 2');
  });
});
