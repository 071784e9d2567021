// The bot end to end, as Slack drives it: the real Bolt HTTP receiver gets
// Slack-signed slash commands, button clicks and App Home events; operations
// go through the real queues on a real Redis (unique prefix) to the real
// vendor simulators (Alibaba CCC `shanghai`, Tencent TCCC `tc`); the Web API
// and the response_urls are served by the Slack stand-in (sim/slack).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bot, createBot } from '../../bot/app.ts';
import { startService, type Service } from '../../queues/service.ts';
import { parseConfig } from '../../shared/config.ts';
import { startAliyunCccSim, type AliyunCccSim } from '../../sim/aliyun-ccc/index.ts';
import { appHomeOpenedBody, type BlockAction, blockActionBody, deliver, slashCommandBody } from '../../sim/slack/deliver.ts';
import { startSlackSim, type SlackSim } from '../../sim/slack/index.ts';
import { installInteractivity, type Interactivity, type ResponseUrlRecord } from '../../sim/slack/interactivity.ts';
import { startTencentTcccSim, type TencentTcccSim } from '../../sim/tencent-tccc/index.ts';
import { dropPrefix, quietLogger, REDIS_URL, uniquePrefix, until } from '../queues/helpers.ts';

const SECRET = 'e2e-signing-secret';
const SUPERVISOR = 'USUPER01';
const GROUP_SUPERVISOR = 'UGROUPSUP1';
const AGENT_USER = 'UAGENT01';
const STRANGER = 'USTRANGER1';
const GENERAL = 'CGENERAL01';
const TC_CHANNEL = 'CTCCHAN01';
const FULL = '13175112345';

let ccc: AliyunCccSim;
let tccc: TencentTcccSim;
let slack: SlackSim;
let ix: Interactivity;
let service: Service;
let bot: Bot;
let requestUrl: string;
let redis: Redis;
const prefix = uniquePrefix('bot-e2e');

beforeAll(async () => {
  ccc = await startAliyunCccSim({ historyHours: 0, timings: { ringAfterMs: 300, answerAfterMs: 1200 } });
  tccc = await startTencentTcccSim({ historyHours: 0 });
  slack = await startSlackSim({ rateLimit: false });
  ix = installInteractivity(slack);
  ix.setUserGroup('SSUPERS01', [GROUP_SUPERVISOR]);
  redis = new Redis(REDIS_URL);
  const config = parseConfig(
    {
      centers: { shanghai: ccc.demo.profile, tc: tccc.demo.profile },
      defaultCenter: 'shanghai',
      slack: {
        botToken: { env: 'E2E_SLACK_BOT_TOKEN' },
        signingSecret: { env: 'E2E_SLACK_SIGNING_SECRET' },
        apiUrl: slack.apiUrl,
        supervisors: { users: [SUPERVISOR], userGroups: ['SSUPERS01'] },
        userAgents: {
          [SUPERVISOR]: { center: 'shanghai', agentId: 'agent@ccc-test' },
          [AGENT_USER]: { center: 'shanghai', agentId: 'li.na@ccc-test' },
        },
        defaultChannel: '#cc-alerts',
        auditChannel: '#cc-audit',
        defaultCenterByChannel: { [TC_CHANNEL]: 'tc' },
      },
      alerts: { intervalSeconds: 1, initialLookbackSeconds: 120, overlapSeconds: 120, digestThreshold: 3 },
      service: { redisPrefix: prefix, outcomes: { maxWaitSeconds: 60, minPollMs: 200 } },
    },
    { env: { E2E_SLACK_BOT_TOKEN: 'xoxb-ccops-test', E2E_SLACK_SIGNING_SECRET: SECRET, ...ccc.demo.env, ...tccc.demo.env } },
  );
  let port: number | undefined;
  service = await startService({
    config,
    prefix,
    logger: quietLogger(),
    http: false,
    handleSignals: false,
    defaultMetrics: false,
    attach: (ctx) => {
      bot = createBot({
        config: ctx.config,
        queues: ctx,
        redis: ctx.redis,
        logger: ctx.logger,
        receiver: 'http',
        port: 0,
        host: '127.0.0.1',
        centers: (name) => ctx.centers.get(name),
      });
      return {
        replySink: bot.replySink,
        renderer: bot.alerts,
        notifyHook: bot.alerts,
        start: async () => {
          port = (await bot.start()).port;
        },
        close: () => bot.stop(),
      };
    },
  });
  requestUrl = `http://127.0.0.1:${port}/slack/events`;
}, 60_000);

afterAll(async () => {
  await service?.close();
  await ccc?.close();
  await tccc?.close();
  await slack?.close();
  redis?.disconnect();
  await dropPrefix(prefix);
});

// --- what Slack does ----------------------------------------------------------

interface Sent {
  status: number;
  ack: { text?: string; blocks?: unknown[] };
  ru: ResponseUrlRecord;
}

async function cc(text: string, o: { user?: string; channel?: string; issuedAt?: number } = {}): Promise<Sent> {
  const user = o.user ?? SUPERVISOR;
  const channel = o.channel ?? GENERAL;
  const ru = ix.issueResponseUrl({ channel, user, ...(o.issuedAt ? { issuedAt: o.issuedAt } : {}) });
  const res = await deliver(requestUrl, SECRET, slashCommandBody({ text, user_id: user, channel_id: channel, response_url: ru.url }), 'application/x-www-form-urlencoded');
  const ack = (typeof res.body === 'object' && res.body ? res.body : {}) as Sent['ack'];
  ix.recordAck(ru.url, ack); // Slack shows the ack's body as the ephemeral reply
  return { status: res.status, ack, ru };
}

/** The ephemeral reply of a command, as the user sees it now. */
function reply(s: Sent) {
  const o = s.ru.original;
  if (o?.kind !== 'ephemeral') return undefined;
  return slack.workspace.ephemeral({ user: s.ru.user }).find((e) => e.ts === o.ts);
}
const json = (v: unknown) => JSON.stringify(v);

/** Waits until the reply (replaced through the response_url) matches. */
function replyMatching(s: Sent, re: RegExp, timeoutMs = 20_000) {
  return until(`a reply matching ${re}`, () => {
    const r = reply(s);
    return r && re.test(json({ text: r.text, blocks: r.blocks })) ? r : undefined;
  }, timeoutMs);
}

async function click(a: Omit<BlockAction, 'response_url'>) {
  const ru = ix.issueResponseUrl({ channel: a.channel.id, user: a.user.id, ...(a.message ? { original: { kind: 'message', channel: a.channel.id, ts: a.message.ts } } : {}) });
  const res = await deliver(requestUrl, SECRET, blockActionBody({ ...a, response_url: ru.url }), 'application/x-www-form-urlencoded');
  return { status: res.status, ru };
}

const auditLines = () => slack.workspace.messages('cc-audit').map((m) => m.text);

// --- the receiver ---------------------------------------------------------------

describe('the HTTP receiver checks that Slack sent the request', () => {
  const body = () => slashCommandBody({ text: 'help', user_id: SUPERVISOR, channel_id: GENERAL, response_url: ix.issueResponseUrl({ channel: GENERAL, user: SUPERVISOR }).url });

  it('answers a forged signature with 401', async () => {
    const res = await deliver(requestUrl, SECRET, body(), 'application/x-www-form-urlencoded', { signature: `v0=${'0'.repeat(64)}` });
    expect(res.status).toBe(401);
  });

  it('answers a request signed with another secret with 401', async () => {
    const res = await deliver(requestUrl, 'not-the-secret', body(), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(401);
  });

  it('answers a timestamp older than 5 minutes with 401, even when correctly signed', async () => {
    const res = await deliver(requestUrl, SECRET, body(), 'application/x-www-form-urlencoded', { timestampSec: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
  });

  it('accepts the same request signed now', async () => {
    const res = await deliver(requestUrl, SECRET, body(), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
  });
});

// --- /cc ------------------------------------------------------------------------

describe('/cc help and parse errors are answered in the ack itself', () => {
  it('help lists the commands and the centers', async () => {
    const s = await cc('help');
    expect(s.status).toBe(200);
    expect(json(s.ack)).toContain('conference start');
    expect(json(s.ack)).toContain('`shanghai`');
    expect(s.ru.posts).toHaveLength(0);
  });

  it('a command that does not parse gets the reason and the usage that fits', async () => {
    const s = await cc('agent li.na@ccc-test dance');
    expect(json(s.ack)).toContain('is not a state');
    expect(json(s.ack)).toContain('Usage');
  });
});

describe('/cc agent', () => {
  it('reads an agent: "working on it" at once, then replaced in place with the agent card', async () => {
    const s = await cc('agent agent@ccc-test');
    expect(json(s.ack)).toContain('Working on it');
    const r = await replyMatching(s, /agent@ccc-test\* at \*shanghai\* is/);
    expect(json(r.blocks)).toContain('ready');
    expect(r.edits?.length).toBeGreaterThanOrEqual(1); // the "working" text was replaced, not appended to
  });

  it('an unknown agent: the reply says what went wrong and what to try', async () => {
    const s = await cc('agent nobody@ccc-test');
    const r = await replyMatching(s, /failed/);
    expect(json(r.blocks)).toContain('What to try');
  });

  it('a supervisor changes another agent\'s status, and the vendor has it', async () => {
    const s = await cc('agent zhao.lei@ccc-test break training');
    await replyMatching(s, /is now .*on break/);
    expect(ccc.model.agents.get('zhao.lei@ccc-test')?.state).toBe('BREAK');
    await until('the audit line', () => auditLines().find((t) => t.includes('zhao.lei@ccc-test break training') && t.includes('done')));
  });

  it('a change the vendor refuses comes back as its sentence and what to try', async () => {
    const s = await cc('agent nobody@ccc-test ready');
    const r = await replyMatching(s, /failed/);
    expect(json(r.blocks)).toContain('What to try');
    await until('the failure in the audit channel', () => auditLines().find((t) => t.includes('nobody@ccc-test ready') && t.includes('failed')));
  });

  it('a supervisor by user group may act too', async () => {
    const s = await cc('agent zhao.lei@ccc-test ready', { user: GROUP_SUPERVISOR });
    await replyMatching(s, /is now .*ready/);
    expect(ccc.model.agents.get('zhao.lei@ccc-test')?.state).toBe('READY');
  });

  it('an agent changes their own status with "me"', async () => {
    const s = await cc('agent me ready', { user: AGENT_USER });
    await replyMatching(s, /li\.na@ccc-test\* at \*shanghai\* is now .*ready/);
    expect(ccc.model.agents.get('li.na@ccc-test')?.state).toBe('READY');
    const back = await cc('agent me break lunch', { user: AGENT_USER });
    await replyMatching(back, /is now .*on break/);
  });

  it('a non-supervisor is refused another agent\'s status, clearly, and it is audited', async () => {
    const before = ccc.model.agents.get('agent@ccc-test')?.state;
    const s = await cc('agent agent@ccc-test offline', { user: AGENT_USER });
    expect(json(s.ack)).toContain('You can change only your own status');
    expect(json(s.ack)).toContain('agent me break lunch');
    expect(ccc.model.agents.get('agent@ccc-test')?.state).toBe(before);
    await until('the refusal in the audit channel', () => auditLines().find((t) => t.includes(`<@${AGENT_USER}>`) && t.includes('refused')));
  });

  it('"me" for a user with no agent mapping is refused with what to do', async () => {
    const s = await cc('agent me ready', { user: STRANGER });
    expect(json(s.ack)).toContain('not mapped to an agent');
  });

  it('reads are open to everyone', async () => {
    const s = await cc('agent li.na@ccc-test', { user: STRANGER });
    await replyMatching(s, /li\.na@ccc-test\* at \*shanghai\* is/);
  });
});

let conferenceId: string;

describe('/cc conference', () => {
  it('start: progress shows the ringing leg masked, then joined; the full number never reaches Slack', async () => {
    const s = await cc(`conference start ${FULL} --agent agent@ccc-test`);
    expect(json(s.ack)).toContain('Working on it');
    const r = await replyMatching(s, /Conference running/);
    const history = json([...(r.edits ?? []), { text: r.text, blocks: r.blocks }]);
    expect(history).toMatch(/ringing 1317511\*\*\*\*|calling 1317511\*\*\*\*/);
    expect(json(r.blocks)).toContain('1317511**** joined');
    expect(json(slack.workspace.ephemeral())).not.toContain(FULL);
    conferenceId = /Conference id `([^`]+)`/.exec(json(r.blocks))![1]!;
  });

  it('start: a leg that does not answer shows "no answer after N s"', async () => {
    ccc.model.behaviour.set('13900001111', 'no_answer');
    const s = await cc('conference start 13900001111 --agent zhao.lei@ccc-test --timeout 5');
    const r = await replyMatching(s, /no answer after 5 s/, 30_000);
    expect(json(r.blocks)).toContain('1390000****');
  }, 40_000);

  it('end: the conference started above ends', async () => {
    const s = await cc(`conference end ${conferenceId} --agent agent@ccc-test`);
    await replyMatching(s, /Conference ended/);
  });

  it('end: an unknown conference fails with a sentence and what to try', async () => {
    const s = await cc('conference end job-does-not-exist --agent agent@ccc-test');
    const r = await replyMatching(s, /failed/);
    expect(json(r.blocks)).toContain('What to try');
  });

  it('non-supervisors may not start conferences', async () => {
    const s = await cc('conference start 8001', { user: AGENT_USER });
    expect(json(s.ack)).toContain('Only supervisors can start or end conferences');
  });

  it('--center picks another center, whose vendor cannot: refused at once with its sentence', async () => {
    const s = await cc('conference start 8001 --center tc');
    expect(json(s.ack)).toMatch(/tencent|Tencent|SDK|server/);
    expect(json(s.ack)).toContain('What to try');
    expect(s.ru.posts).toHaveLength(0);
  });
});

describe('/cc call and calls', () => {
  it('call: looks one up by id, caller masked', async () => {
    const cdr = ccc.generator.callEndingNow(false);
    const s = await cc(`call ${cdr.ContactId}`);
    const r = await replyMatching(s, new RegExp(`Call \`${cdr.ContactId}\``));
    expect(json(r.blocks)).not.toContain(cdr.CallingNumber);
  });

  it('call: an unknown id fails with what to try', async () => {
    const s = await cc('call no-such-call-id');
    const r = await replyMatching(s, /failed|not found|No call/i);
    expect(json(r)).toMatch(/What to try|Try/);
  });

  it('calls: searches the last hour', async () => {
    ccc.generator.callEndingNow(false);
    const s = await cc('calls --since 1h');
    await replyMatching(s, /call(s)?\* at \*shanghai\* in the last 1 h/);
  });

  it('calls: a vendor refusal comes back as the vendor\'s sentence with its code', async () => {
    ccc.errors.inject({ code: 'Permission.Common', status: 403, message: 'You are not authorized to do this action.' }, { action: 'ListCallDetailRecordsV2', times: 50 });
    try {
      const s = await cc('calls --since 2h --abandoned');
      const r = await replyMatching(s, /failed/);
      expect(json(r.blocks)).toContain('Permission.Common');
    } finally {
      ccc.errors.clear();
    }
  });

  it('the channel\'s default center applies when --center is absent', async () => {
    const s = await cc('agent agent@tccc-demo', { channel: TC_CHANNEL });
    expect(json(s.ack)).toContain('at *tc*');
    await replyMatching(s, /agent@tccc-demo/);
  });
});

describe('a late response_url', () => {
  it('falls back to chat.postMessage (a DM) and then chat.update when the URL is older than 30 minutes', async () => {
    const issuedAt = Date.now() - 31 * 60_000;
    const s = await cc(`conference start 13175119999 --agent zhao.lei@ccc-test`, { issuedAt });
    const dm = await until('the reply in a DM', () => slack.workspace.messages(`D${SUPERVISOR.slice(1)}`).find((m) => /Conference running/.test(json(m.blocks))), 20_000);
    expect(dm.edits.length).toBeGreaterThanOrEqual(1); // posted once, then updated in place
    expect(s.ru.posts.every((p) => p.status !== 200)).toBe(true);
    expect(slack.log.entries({ action: 'chat.update' }).some((e) => e.detail?.ts === dm.ts)).toBe(true);
  });
});

describe('App Home', () => {
  it('publishes an overview per center on app_home_opened', async () => {
    const res = await deliver(requestUrl, SECRET, appHomeOpenedBody(SUPERVISOR), 'application/json');
    expect(res.status).toBe(200);
    const view = await until('a published Home', () => ix.homeViews(SUPERVISOR).at(-1));
    const text = json(view.view);
    expect(text).toContain('*shanghai*');
    expect(text).toContain('*tc*');
    expect(text).toContain('abandoned-call alert');
    expect(text).toContain('agent `agent@ccc-test`');
  });
});

// --- alerts -----------------------------------------------------------------------

describe('abandoned-call alerts and their buttons', () => {
  let alertTs: string;
  let alertId: string;
  let cdr: ReturnType<AliyunCccSim['burst']>[number];
  const alertMessage = () => slack.workspace.messages('cc-alerts').find((m) => m.ts === alertTs)!;
  const thread = () => slack.workspace.thread('cc-alerts', alertTs);
  const alertsChannel = () => slack.workspace.resolve('cc-alerts', false)!.id;
  const clickOn = (user: string, action: BlockAction['actions'][number]) =>
    click({ user: { id: user }, channel: { id: alertsChannel() }, message: { ts: alertTs }, actions: [action] });

  it('posts one message per call: masked caller, center and queue, wait, when, and the four controls', async () => {
    cdr = ccc.burst(1)[0]!;
    const msg = await until('the alert', () => slack.workspace.messages('cc-alerts').find((m) => !m.threadTs && json(m.blocks).includes(cdr!.ContactId)), 20_000);
    alertTs = msg.ts;
    const blocks = json(msg.blocks);
    expect(blocks).toContain(`${cdr!.CallingNumber.slice(0, 7)}****`);
    expect(blocks).not.toContain(cdr!.CallingNumber);
    for (const id of ['alert.ack', 'alert.callback', 'alert.assign', 'alert.mute']) expect(blocks).toContain(id);
    alertId = /"block_id":"alert\|([^"]+)"/.exec(blocks)![1]!;
  });

  it('Acknowledge from a non-supervisor is refused and changes nothing', async () => {
    const { status, ru } = await clickOn(STRANGER, { type: 'button', action_id: 'alert.ack', block_id: `alert|${alertId}`, value: alertId });
    expect(status).toBe(200);
    await until('the refusal', () => ru.posts.find((p) => json(p.body).includes('Only supervisors')));
    expect(json(alertMessage().blocks)).not.toContain('Acknowledged by');
  });

  it('Acknowledge, double-clicked: one acknowledgement, who and when shown, one thread note', async () => {
    const action = { type: 'button' as const, action_id: 'alert.ack', block_id: `alert|${alertId}`, value: alertId };
    const [a, b] = await Promise.all([clickOn(SUPERVISOR, action), clickOn(SUPERVISOR, action)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await until('the acknowledged message', () => json(alertMessage().blocks).includes(`Acknowledged by <@${SUPERVISOR}>`));
    await until('the thread note', () => thread().some((m) => m.text.includes('acknowledged this')));
    await until('the second click told', () => [...a.ru.posts, ...b.ru.posts].some((p) => json(p.body).includes('Already acknowledged')));
    expect(thread().filter((m) => m.text.includes('acknowledged this'))).toHaveLength(1);
    expect(json(alertMessage().blocks)).not.toContain('"action_id":"alert.ack"');
  });

  it('Assign: the picked person is shown as the owner', async () => {
    await clickOn(SUPERVISOR, { type: 'users_select', action_id: 'alert.assign', block_id: `alert|${alertId}`, selected_user: AGENT_USER });
    await until('the owner', () => json(alertMessage().blocks).includes(`Owner <@${AGENT_USER}>`));
    await until('the thread note', () => thread().some((m) => m.text.includes(`assigned this to <@${AGENT_USER}>`)));
  });

  it('a repeat from the same caller folds into the first message (+1 more), details in its thread', async () => {
    const repeat = { ...cdr, ContactId: `${cdr.ContactId}-again`, ReleaseTime: Date.now(), StartTime: Date.now() - 60_000 };
    ccc.model.addCall(repeat);
    await until('the fold', () => json(alertMessage().blocks).includes(`+1 more from ${cdr.CallingNumber.slice(0, 7)}****`), 20_000);
    await until('the repeat in the thread', () => thread().some((m) => json(m).includes(repeat.ContactId)));
    expect(slack.workspace.messages('cc-alerts').filter((m) => !m.threadTs && json(m.blocks).includes(repeat.ContactId))).toHaveLength(0);
  });

  it('Call back: a conference between the clicker\'s agent and the caller, progress in the thread, result on the alert', async () => {
    const before = ccc.log.entries({ action: 'StartConference' }).length;
    const action = { type: 'button' as const, action_id: 'alert.callback', block_id: `alert|${alertId}`, value: alertId };
    await Promise.all([clickOn(SUPERVISOR, action), clickOn(SUPERVISOR, action)]);
    await until('the conference card in the thread', () => thread().find((m) => /Conference running/.test(json(m.blocks))), 20_000);
    await until('called back on the alert', () => json(alertMessage().blocks).includes('Called back by'), 20_000);
    expect(ccc.log.entries({ action: 'StartConference' }).length - before).toBe(1); // the double click started one call
    expect(json(slack.workspace.messages('cc-alerts'))).not.toContain(cdr.CallingNumber);
  });

  it('Mute this queue: shown on the alert, expires by itself (Redis TTL), and the next digest carries the banner', async () => {
    await clickOn(SUPERVISOR, { type: 'static_select', action_id: 'alert.mute', block_id: `alert|${alertId}`, selected_option: { value: '1h' } });
    await until('the muted alert', () => json(alertMessage().blocks).includes('Queue muted until'));
    const queues = await redis.zrange(`${prefix}:bot:mutes:shanghai`, '0', '-1');
    expect(queues).toHaveLength(1);
    const ttl = await redis.ttl(`${prefix}:bot:mute:shanghai:${queues[0]}`);
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
    // A burst in the same queue: more than the digest threshold at once.
    const now = Date.now();
    for (let i = 0; i < 5; i++) {
      ccc.model.addCall({ ...cdr, ContactId: `${cdr.ContactId}-burst${i}`, CallingNumber: `1390000${2000 + i}`, StartTime: now - 60_000, ReleaseTime: now });
    }
    const digest = await until('the digest', () => slack.workspace.messages('cc-alerts').find((m) => !m.threadTs && /5 abandoned calls|abandoned calls\* in a burst/.test(json(m.blocks)) && json(m.blocks).includes('is muted until')), 20_000);
    expect(json(digest.blocks)).not.toContain('13900002000');
  });

  it('every alert action is audited', async () => {
    await until('audit lines', () => {
      const lines = auditLines().join('\n');
      return ['alert.ack', 'alert.assign', 'alert.callback', 'alert.mute'].every((a) => lines.includes(a)) ? lines : undefined;
    });
  });
});
