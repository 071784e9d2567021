// The Slack stand-in's web page: a channel list, each channel's messages and
// threads as the bot posted and updated them, ephemeral answers for the person
// you chose to be, and a composer for `/cc …`. Whatever the page does reaches
// the bot the way Slack would send it: slash commands and block_actions signed
// with the signing secret (deliver.ts), with response_urls this stand-in
// serves (interactivity.ts); opening the Home tab sends app_home_opened and
// shows the view the app published (views.publish). Also two demo controls: 429s on a channel, and a
// burst of abandoned calls at one simulator.
//
// Served under /web/ (the stand-in's other routes: /api/…, /response/…).
import { readFileSync } from 'node:fs';
import { z } from 'zod/v4';
import type { SimReply, SimRequest } from '../../server.ts';
import { appHomeOpenedBody, blockActionBody, deliver, slashCommandBody } from '../deliver.ts';
import type { Interactivity } from '../interactivity.ts';
import type { SlackSim } from '../server.ts';
import type { SlackMessage } from '../workspace.ts';

/** Someone the page lets you be. */
export interface WebPerson {
  id: string;
  name: string;
  role: 'supervisor' | 'agent';
  /** What they are at a center, shown beside the name ("agent@ccc-test at shanghai"). */
  agent?: string;
}

export interface WebPageOptions {
  /** The app's request URL (…/slack/events); undefined while the app does not listen yet. */
  requestUrl: () => string | undefined;
  signingSecret: string;
  people: WebPerson[];
  /** The channel the page opens on (a name like #cc-alerts). */
  defaultChannel: string;
  /** Further channels that exist from the start. */
  channels?: string[];
  /** The burst control: which centers can abandon calls at once, and how (returns how many it abandoned). */
  burst?: { centers: string[]; run(center: string, n: number): number | Promise<number> };
  /** How many top-level messages of a channel the page shows. @defaultValue 200 */
  maxMessages?: number;
}

export interface WebPage {
  /** http://127.0.0.1:<port>/web/ */
  url: string;
}

const ASSETS = {
  '/web/': { file: 'page.html', type: 'text/html; charset=utf-8' },
  '/web/page.js': { file: 'page.js', type: 'text/javascript; charset=utf-8' },
  '/web/page.css': { file: 'page.css', type: 'text/css; charset=utf-8' },
} as const;

const CommandRequest = z.strictObject({ user: z.string(), channel: z.string(), text: z.string().max(4000) });
const ActionRequest = z.strictObject({
  user: z.string(),
  channel: z.string(),
  ts: z.string(),
  action: z.discriminatedUnion('type', [
    z.object({ type: z.literal('button'), action_id: z.string(), block_id: z.string().optional(), value: z.string().optional() }),
    z.object({
      type: z.literal('static_select'),
      action_id: z.string(),
      block_id: z.string().optional(),
      selected_option: z.object({ value: z.string(), text: z.unknown().optional() }),
    }),
    z.object({ type: z.literal('users_select'), action_id: z.string(), block_id: z.string().optional(), selected_user: z.string() }),
    z.object({ type: z.literal('overflow'), action_id: z.string(), block_id: z.string().optional(), selected_option: z.object({ value: z.string() }) }),
  ]),
});
const HomeRequest = z.strictObject({ user: z.string() });
const ThrottleRequest = z.strictObject({ channel: z.string(), retryAfterSec: z.number().int().min(1).max(60), times: z.number().int().min(1).max(100) });
const BurstRequest = z.strictObject({ center: z.string(), n: z.number().int().min(1).max(1000) });

const json = (status: number, body: unknown): SimReply => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

function parseBody<T>(schema: z.ZodType<T>, req: SimRequest): T | SimReply {
  let raw: unknown;
  try {
    raw = JSON.parse(req.body || '{}');
  } catch {
    return json(400, { ok: false, error: 'The request body is not JSON.' });
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : json(400, { ok: false, error: z.prettifyError(parsed.error) });
}
const isReply = (v: unknown): v is SimReply => typeof v === 'object' && v !== null && 'status' in v && 'body' in v;

/** A message as the page draws it: the thread's replies under their parent. */
interface ShownMessage {
  ts: string;
  text: string;
  blocks?: unknown[];
  edited: boolean;
  replies?: ShownMessage[];
}

function shown(m: SlackMessage): ShownMessage {
  return { ts: m.ts, text: m.text, ...(m.blocks ? { blocks: m.blocks } : {}), edited: m.edits.length > 0 };
}

export function installWebPage(sim: SlackSim, interactivity: Interactivity, o: WebPageOptions): WebPage {
  const ws = sim.workspace;
  const maxMessages = o.maxMessages ?? 200;
  const assets = new Map(
    Object.entries(ASSETS).map(([path, a]) => [path, { type: a.type, body: readFileSync(new URL(a.file, import.meta.url), 'utf8') }]),
  );
  for (const name of [o.defaultChannel, ...(o.channels ?? [])]) ws.createChannel(name);
  for (const p of o.people) interactivity.setUser(p.id, { name: p.name, real_name: p.name });
  const person = (id: string) => o.people.find((p) => p.id === id);

  /** What Slack shows when an app does not answer a command properly. */
  const slackbotSays = (channel: string, user: string, text: string) =>
    ws.postEphemeral({ channel, user, text: `:warning: ${text}`, blocks: undefined });

  const state = (url: URL) => {
    const user = url.searchParams.get('user') ?? '';
    const channel = ws.resolve(url.searchParams.get('channel') ?? o.defaultChannel, false) ?? ws.resolve(o.defaultChannel)!;
    const all = ws.messages(channel.id);
    const top = all.filter((m) => !m.threadTs).slice(-maxMessages);
    const messages = top.map((m) => {
      const replies = all.filter((r) => r.threadTs === m.ts).map(shown);
      return replies.length ? { ...shown(m), replies } : shown(m);
    });
    const ephemeral = ws
      .ephemeral({ channel: channel.id, user })
      .filter((e) => !e.deleted)
      .slice(-50)
      .map((e) => ({ ts: e.ts, text: e.text, ...(e.blocks ? { blocks: e.blocks } : {}), edited: (e.edits?.length ?? 0) > 0, ephemeral: true }));
    const home = interactivity.homeViews(user).at(-1);
    return {
      channel,
      home: home ? { blocks: (home.view as { blocks?: unknown[] }).blocks ?? [], publishedAt: home.publishedAt } : undefined,
      channels: ws
        .channels()
        .filter((c) => !c.id.startsWith('D'))
        .map((c) => ({ ...c, messages: ws.messages(c.id).filter((m) => !m.threadTs).length })),
      messages,
      ephemeral,
      people: o.people,
      burstCenters: o.burst?.centers ?? [],
      rateLimited: sim.rateLimitedCount(channel.id),
      connected: o.requestUrl() !== undefined,
    };
  };

  const command = async (req: SimRequest): Promise<SimReply> => {
    const c = parseBody(CommandRequest, req);
    if (isReply(c)) return c;
    const ch = ws.resolve(c.channel);
    const who = person(c.user);
    if (!ch || !who) return json(400, { ok: false, error: 'Unknown channel or person.' });
    const text = c.text.trim().replace(/^\/cc\b\s*/, '');
    const requestUrl = o.requestUrl();
    if (!requestUrl) {
      slackbotSays(ch.id, who.id, '/cc failed because the app is not running yet (dispatch_failed).');
      return json(200, { ok: false, error: 'dispatch_failed' });
    }
    const rec = interactivity.issueResponseUrl({ channel: ch.id, user: who.id });
    const body = slashCommandBody({ text, user_id: who.id, user_name: who.name, channel_id: ch.id, channel_name: ch.name, response_url: rec.url });
    let answer;
    try {
      answer = await deliver(requestUrl, o.signingSecret, body, 'application/x-www-form-urlencoded');
    } catch {
      slackbotSays(ch.id, who.id, '/cc failed because the app could not be reached (dispatch_failed).');
      return json(200, { ok: false, error: 'dispatch_failed' });
    }
    if (answer.status !== 200) {
      slackbotSays(ch.id, who.id, `/cc failed with the error "dispatch_failed" (the app answered HTTP ${answer.status}).`);
      return json(200, { ok: false, error: 'dispatch_failed', status: answer.status });
    }
    // The ack's body is the first answer: shown to the user (ephemeral) or to the channel (in_channel).
    const ack = typeof answer.body === 'string' ? (answer.body ? { text: answer.body } : undefined) : (answer.body as { text?: string; blocks?: unknown[]; response_type?: string });
    if (ack?.response_type === 'in_channel') {
      const m = ws.post(ch.id, { text: ack.text ?? '', ...(ack.blocks ? { blocks: ack.blocks } : {}) });
      const r = interactivity.responseUrl(rec.url);
      if (r) r.original = { kind: 'message', channel: ch.id, ts: m.ts };
    } else if (ack) {
      interactivity.recordAck(rec.url, ack);
    }
    return json(200, { ok: true });
  };

  const action = async (req: SimRequest): Promise<SimReply> => {
    const a = parseBody(ActionRequest, req);
    if (isReply(a)) return a;
    const ch = ws.resolve(a.channel, false);
    const who = person(a.user);
    const msg = ch ? ws.find(ch.id, a.ts) : undefined;
    if (!ch || !who || !msg) return json(400, { ok: false, error: 'Unknown channel, person or message.' });
    const requestUrl = o.requestUrl();
    if (!requestUrl) return json(200, { ok: false, error: 'dispatch_failed' });
    const rec = interactivity.issueResponseUrl({ channel: ch.id, user: who.id, original: { kind: 'message', channel: ch.id, ts: msg.ts } });
    const body = blockActionBody({
      user: { id: who.id, name: who.name },
      channel: { id: ch.id, name: ch.name },
      message: { ts: msg.ts, text: msg.text, ...(msg.blocks ? { blocks: msg.blocks } : {}), ...(msg.threadTs ? { thread_ts: msg.threadTs } : {}) },
      response_url: rec.url,
      actions: [a.action as Parameters<typeof blockActionBody>[0]['actions'][number]],
    });
    try {
      const answer = await deliver(requestUrl, o.signingSecret, body, 'application/x-www-form-urlencoded');
      if (answer.status !== 200) slackbotSays(ch.id, who.id, `The app did not accept the click (HTTP ${answer.status}).`);
      return json(200, { ok: answer.status === 200 });
    } catch {
      slackbotSays(ch.id, who.id, 'The app could not be reached.');
      return json(200, { ok: false, error: 'dispatch_failed' });
    }
  };

  sim.route('/web/', async (req) => {
    const url = new URL(req.url, 'http://localhost');
    const asset = req.method === 'GET' ? assets.get(url.pathname) : undefined;
    if (asset) return { status: 200, headers: { 'content-type': asset.type, 'cache-control': 'no-store' }, body: asset.body };
    if (req.method === 'GET' && url.pathname === '/web/state') return json(200, state(url));
    if (req.method !== 'POST') return json(404, { ok: false, error: 'not_found' });
    // JSON only: another site open in the same browser can send a form or
    // text/plain POST here without asking, but not a JSON one (the browser
    // asks first, and this server grants no cross-origin access). Without
    // this, any web page could type signed /cc commands as the demo's people.
    if (!String(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      return json(415, { ok: false, error: 'The page sends JSON (content-type: application/json); nothing else is accepted.' });
    }
    switch (url.pathname) {
      case '/web/command':
        return command(req);
      case '/web/action':
        return action(req);
      case '/web/home': {
        // Opening the app's Home tab: Slack sends app_home_opened (Events API, JSON, signed); the app publishes the view.
        const h = parseBody(HomeRequest, req);
        if (isReply(h)) return h;
        const requestUrl = o.requestUrl();
        if (!requestUrl || !person(h.user)) return json(200, { ok: false, error: 'dispatch_failed' });
        const answer = await deliver(requestUrl, o.signingSecret, appHomeOpenedBody(h.user), 'application/json').catch(() => undefined);
        return json(200, { ok: answer?.status === 200 });
      }
      case '/web/throttle': {
        const t = parseBody(ThrottleRequest, req);
        if (isReply(t)) return t;
        sim.throttleChannel(t.channel, t.retryAfterSec, t.times);
        return json(200, { ok: true });
      }
      case '/web/burst': {
        const b = parseBody(BurstRequest, req);
        if (isReply(b)) return b;
        if (!o.burst?.centers.includes(b.center)) return json(400, { ok: false, error: `No burst control for center "${b.center}".` });
        return json(200, { ok: true, abandoned: await o.burst.run(b.center, b.n) });
      }
      default:
        return json(404, { ok: false, error: 'not_found' });
    }
  });

  return { url: `${sim.url}/web/` };
}
