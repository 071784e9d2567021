// A Slack Web API stand-in: a real HTTP server speaking the Web API's shape
// (POST /api/<method>, form or JSON bodies, bearer token, {ok:false,error}
// answers, 429 + Retry-After when a channel gets more than about one message
// a second). Point @slack/web-api's WebClient at `apiUrl` (slackApiUrl).
// Tests read the workspace (channels, messages, threads) and the request log.
import { FaultPlan, RequestLog, sleep, startSimServer, type SimReply, type SimRequest } from '../server.ts';
import { ChannelRateLimiter, type ChannelLimitOptions } from './rate-limit.ts';
import { SlackWorkspace, TsClock } from './workspace.ts';

export interface SlackSimOptions {
  /** @defaultValue 0 (any free port) */
  port?: number;
  /** Bot tokens the stand-in accepts. @defaultValue ['xoxb-ccops-test'] */
  tokens?: string[];
  /** Per-channel limit on chat.postMessage; false turns it off. @defaultValue 1/s, burst 1 */
  rateLimit?: ChannelLimitOptions | false;
  /** Post to any channel name and it exists. @defaultValue true */
  autoCreateChannels?: boolean;
  /** Channels that exist from the start (names, without #). */
  channels?: string[];
  /** @defaultValue Date.now */
  now?: () => number;
}

/** Arguments of a Web API call, form or JSON, with JSON-valued fields decoded. */
export type SlackArgs = Record<string, unknown>;

export interface MethodContext {
  token: string;
  now: number;
  workspace: SlackWorkspace;
}

/** A method answers with the fields beside `ok: true`, or throws SlackApiFailure. */
export type MethodHandler = (args: SlackArgs, ctx: MethodContext) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** Answered as {ok:false, error} (HTTP 200, as Slack does). */
export class SlackApiFailure extends Error {
  readonly error: string;
  constructor(error: string) {
    super(error);
    this.error = error;
  }
}

/** Answered as HTTP 429 with Retry-After in whole seconds. */
class RateLimited extends Error {
  readonly retryAfterSec: number;
  constructor(retryAfterSec: number) {
    super('ratelimited');
    this.retryAfterSec = retryAfterSec;
  }
}

export interface SlackSim {
  /** http://127.0.0.1:<port> */
  url: string;
  /** `${url}/api/`: the WebClient's slackApiUrl. */
  apiUrl: string;
  port: number;
  workspace: SlackWorkspace;
  log: RequestLog;
  /** Faults by method name: throttle (429 + Retry-After), internal (500), unavailable (503), slow, drop. */
  faults: FaultPlan;
  /** The next `times` posts to this channel get 429 with this Retry-After, whatever the limiter says. */
  throttleChannel(channel: string, retryAfterSec: number, times?: number): void;
  /** The next `times` calls of `method` answer {ok:false, error}. */
  failNext(method: string, error: string, times?: number): void;
  /** Adds or replaces a Web API method (extension point for views.publish, …). */
  method(name: string, handler: MethodHandler): void;
  /** Extra non-/api routes (e.g. response_url), matched on the path prefix. */
  route(prefix: string, handler: (req: SimRequest) => Promise<SimReply> | SimReply): void;
  /** Counts of 429s served, by channel. */
  rateLimitedCount(channel?: string): number;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata', 'view']);

export function parseArgs(req: SimRequest): SlackArgs {
  const args: SlackArgs = {};
  const q = req.url.indexOf('?');
  if (q >= 0) for (const [k, v] of new URLSearchParams(req.url.slice(q + 1))) args[k] = v;
  const type = String(req.headers['content-type'] ?? '');
  if (req.body) {
    if (type.includes('application/json')) {
      const parsed: unknown = JSON.parse(req.body);
      if (typeof parsed === 'object' && parsed !== null) Object.assign(args, parsed);
    } else {
      for (const [k, v] of new URLSearchParams(req.body)) args[k] = v;
    }
  }
  for (const k of JSON_FIELDS) {
    const v = args[k];
    if (typeof v === 'string' && /^[[{]/.test(v.trim())) {
      try {
        args[k] = JSON.parse(v);
      } catch {
        throw new SlackApiFailure(`invalid_${k}`);
      }
    }
  }
  return args;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

export async function startSlackSim(opts: SlackSimOptions = {}): Promise<SlackSim> {
  const tokens = new Set(opts.tokens ?? ['xoxb-ccops-test']);
  const now = opts.now ?? Date.now;
  const workspace = new SlackWorkspace({ autoCreateChannels: opts.autoCreateChannels, clock: new TsClock(now) });
  for (const name of opts.channels ?? []) workspace.createChannel(name);
  const limiter = opts.rateLimit === false ? undefined : new ChannelRateLimiter(opts.rateLimit);
  const log = new RequestLog();
  const faults = new FaultPlan();
  const forcedThrottles: { channel: string; retryAfterSec: number; remaining: number }[] = [];
  const forcedErrors: { method: string; error: string; remaining: number }[] = [];
  const limitedByChannel = new Map<string, number>();
  const routes: [string, (req: SimRequest) => Promise<SimReply> | SimReply][] = [];

  const channelOf = (args: SlackArgs): string => {
    const ref = str(args.channel);
    if (!ref) throw new SlackApiFailure('channel_not_found');
    const ch = workspace.resolve(ref);
    if (!ch) throw new SlackApiFailure('channel_not_found');
    return ch.id;
  };
  const blocksOf = (args: SlackArgs): unknown[] | undefined => {
    if (args.blocks === undefined) return undefined;
    if (!Array.isArray(args.blocks)) throw new SlackApiFailure('invalid_blocks');
    if (args.blocks.length > 50) throw new SlackApiFailure('invalid_blocks');
    return args.blocks;
  };
  const textOf = (args: SlackArgs, blocks: unknown[] | undefined): string => {
    const text = typeof args.text === 'string' ? args.text : '';
    if (!text && !blocks?.length) throw new SlackApiFailure('no_text');
    if (text.length > 40_000) throw new SlackApiFailure('msg_too_long');
    return text;
  };
  const limitPost = (channelId: string, at: number): void => {
    const forced = forcedThrottles.find((f) => workspace.resolve(f.channel, false)?.id === channelId);
    if (forced) {
      if (--forced.remaining <= 0) forcedThrottles.splice(forcedThrottles.indexOf(forced), 1);
      throw new RateLimited(forced.retryAfterSec);
    }
    const waitMs = limiter?.take(channelId, at) ?? 0;
    if (waitMs > 0) throw new RateLimited(Math.max(1, Math.ceil(waitMs / 1000)));
  };
  const messageJson = (m: { ts: string; text: string; blocks?: unknown[]; threadTs?: string }) => ({
    type: 'message',
    subtype: 'bot_message',
    bot_id: 'B0CCOPS01',
    ts: m.ts,
    text: m.text,
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
  });

  const methods = new Map<string, MethodHandler>();
  methods.set('api.test', (args) => ({ args }));
  methods.set('auth.test', () => ({
    url: 'https://ccops-sim.slack.com/',
    team: 'ccops sim',
    user: 'ccops',
    team_id: 'T0CCOPS01',
    user_id: 'U0CCOPSBOT',
    bot_id: 'B0CCOPS01',
  }));
  methods.set('chat.postMessage', (args, ctx) => {
    const channel = channelOf(args);
    const blocks = blocksOf(args);
    const text = textOf(args, blocks);
    const threadTs = str(args.thread_ts);
    if (threadTs && !workspace.find(channel, threadTs)) throw new SlackApiFailure('thread_not_found');
    limitPost(channel, ctx.now);
    const { channel: _c, text: _t, blocks: _b, thread_ts: _th, token: _tok, ...extra } = args;
    const m = workspace.post(channel, { text, blocks, threadTs, extra });
    return { channel, ts: m.ts, message: messageJson(m) };
  });
  methods.set('chat.update', (args) => {
    const channel = channelOf(args);
    const ts = str(args.ts);
    if (!ts) throw new SlackApiFailure('message_not_found');
    const blocks = blocksOf(args);
    const text = typeof args.text === 'string' ? args.text : undefined;
    if (text === undefined && blocks === undefined) throw new SlackApiFailure('no_text');
    const m = workspace.update(channel, ts, { text, blocks });
    if (!m) throw new SlackApiFailure('message_not_found');
    return { channel, ts, text: m.text, message: messageJson(m) };
  });
  methods.set('chat.delete', (args) => {
    const channel = channelOf(args);
    const ts = str(args.ts);
    if (!ts || !workspace.delete(channel, ts)) throw new SlackApiFailure('message_not_found');
    return { channel, ts };
  });
  methods.set('chat.postEphemeral', (args) => {
    const channel = channelOf(args);
    const user = str(args.user);
    if (!user) throw new SlackApiFailure('user_not_in_channel');
    const blocks = blocksOf(args);
    const text = textOf(args, blocks);
    const e = workspace.postEphemeral({ channel, user, text, blocks, threadTs: str(args.thread_ts) });
    return { message_ts: e.ts };
  });
  methods.set('conversations.info', (args) => {
    const ref = str(args.channel);
    const ch = ref ? workspace.resolve(ref, false) : undefined;
    if (!ch) throw new SlackApiFailure('channel_not_found');
    return { channel: { id: ch.id, name: ch.name, is_channel: true, is_member: true } };
  });
  methods.set('conversations.history', (args) => {
    const ref = str(args.channel);
    const ch = ref ? workspace.resolve(ref, false) : undefined;
    if (!ch) throw new SlackApiFailure('channel_not_found');
    const limit = Number(args.limit ?? 100);
    const msgs = workspace.messages(ch.id).filter((m) => !m.threadTs).reverse().slice(0, limit);
    return { messages: msgs.map(messageJson), has_more: false };
  });

  const json = (status: number, body: unknown, headers: Record<string, string> = {}): SimReply => ({
    status,
    headers,
    body: JSON.stringify(body),
  });

  const server = await startSimServer(async (req) => {
    const path = req.url.split('?')[0]!;
    const route = routes.find(([prefix]) => path.startsWith(prefix));
    if (route) return route[1](req);
    const m = /^\/api\/([A-Za-z.]+)$/.exec(path);
    if (!m) return json(404, { ok: false, error: 'unknown_method' });
    const name = m[1]!;
    let args: SlackArgs = {};
    let detail: Record<string, string> | undefined;
    const reply = (status: number, body: Record<string, unknown>, headers?: Record<string, string>): SimReply => {
      log.add({
        at: new Date(now()).toISOString(),
        action: name,
        status,
        error: body.ok === false ? String(body.error) : undefined,
        detail,
      });
      return json(status, body, headers);
    };
    try {
      args = parseArgs(req);
      const channel = str(args.channel);
      detail = channel ? { channel, ...(str(args.ts) ? { ts: str(args.ts)! } : {}) } : undefined;
      const fault = faults.take(name);
      if (fault?.kind === 'drop') return 'drop';
      if (fault?.kind === 'slow') await sleep(fault.ms);
      if (fault?.kind === 'throttle') throw new RateLimited(Math.max(1, Math.ceil((fault.retryAfterMs ?? 1000) / 1000)));
      if (fault?.kind === 'internal') return reply(500, { ok: false, error: 'internal_error' });
      if (fault?.kind === 'unavailable') return reply(503, { ok: false, error: 'service_unavailable' });

      const auth = String(req.headers.authorization ?? '');
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : str(args.token);
      if (!token) return reply(200, { ok: false, error: 'not_authed' });
      if (!tokens.has(token)) return reply(200, { ok: false, error: 'invalid_auth' });
      const handler = methods.get(name);
      if (!handler) return reply(200, { ok: false, error: 'unknown_method' });
      const forced = forcedErrors.find((f) => f.method === name);
      if (forced) {
        if (--forced.remaining <= 0) forcedErrors.splice(forcedErrors.indexOf(forced), 1);
        throw new SlackApiFailure(forced.error);
      }
      const result = await handler(args, { token, now: now(), workspace });
      if (typeof result.channel === 'string' && typeof result.ts === 'string') detail = { channel: result.channel, ts: result.ts };
      return reply(200, { ok: true, ...result });
    } catch (e) {
      if (e instanceof RateLimited) {
        const ch = str(args.channel);
        const id = ch ? (workspace.resolve(ch, false)?.id ?? ch) : '';
        limitedByChannel.set(id, (limitedByChannel.get(id) ?? 0) + 1);
        return reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(e.retryAfterSec) });
      }
      if (e instanceof SlackApiFailure) return reply(200, { ok: false, error: e.error });
      if (e instanceof SyntaxError) return reply(200, { ok: false, error: 'invalid_json' });
      throw e;
    }
  }, opts.port ?? 0);

  return {
    url: server.url,
    apiUrl: `${server.url}/api/`,
    port: server.port,
    workspace,
    log,
    faults,
    throttleChannel(channel, retryAfterSec, times = 1) {
      forcedThrottles.push({ channel, retryAfterSec, remaining: times });
    },
    failNext(method, error, times = 1) {
      forcedErrors.push({ method, error, remaining: times });
    },
    method(name, handler) {
      methods.set(name, handler);
    },
    route(prefix, handler) {
      routes.push([prefix, handler]);
    },
    rateLimitedCount(channel) {
      if (channel === undefined) return [...limitedByChannel.values()].reduce((a, b) => a + b, 0);
      const id = workspace.resolve(channel, false)?.id ?? channel;
      return limitedByChannel.get(id) ?? 0;
    },
    close: () => server.close(),
  };
}
