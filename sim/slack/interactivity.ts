// What the Slack stand-in adds for a bot: response_urls (5 uses within 30
// minutes, then refused as Slack does), views.publish (App Home),
// usergroups.users.list, users.info and conversations.open. Installed on a
// running stand-in through its method()/route() extension points.
import { randomBytes } from 'node:crypto';
import type { SimReply, SimRequest } from '../server.ts';
import { SlackApiFailure, type SlackSim } from './server.ts';

/** Slack's limits on one response_url. */
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;

export interface ResponseUrlRecord {
  id: string;
  url: string;
  channel: string;
  user: string;
  issuedAt: number;
  uses: number;
  /** What replace_original / delete_original act on. */
  original?: { kind: 'ephemeral'; ts: string } | { kind: 'message'; channel: string; ts: string };
  /** Every body posted to it, accepted or refused, for assertions. */
  posts: { at: number; status: number; body: unknown }[];
}

export interface PublishedView {
  user: string;
  view: unknown;
  publishedAt: number;
  hash: string;
}

export interface Interactivity {
  /** A fresh response_url for a slash command or a click by `user` in `channel`. */
  issueResponseUrl(o: { channel: string; user: string; original?: ResponseUrlRecord['original']; issuedAt?: number }): ResponseUrlRecord;
  /** The ephemeral answer a slash command's ack carried, so replace_original replaces it. */
  recordAck(url: string, body: { text?: string; blocks?: unknown[] }): void;
  responseUrl(url: string): ResponseUrlRecord | undefined;
  /** Views published per user (latest last). */
  homeViews(user?: string): PublishedView[];
  setUserGroup(id: string, users: string[]): void;
  setUser(id: string, profile: { name: string; real_name?: string }): void;
}

export function installInteractivity(sim: SlackSim, opts: { now?: () => number } = {}): Interactivity {
  const now = opts.now ?? Date.now;
  const urls = new Map<string, ResponseUrlRecord>();
  const views: PublishedView[] = [];
  const groups = new Map<string, string[]>();
  const users = new Map<string, { name: string; real_name?: string }>();
  const ws = sim.workspace;

  const answer = (status: number, text: string): SimReply => ({ status, headers: { 'content-type': 'text/plain' }, body: text });

  sim.route('/response/', (req: SimRequest): SimReply => {
    const id = req.url.split('?')[0]!.slice('/response/'.length);
    const rec = urls.get(id);
    if (!rec) return answer(404, 'no_such_url');
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(req.body || '{}');
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      rec.posts.push({ at: now(), status: 400, body: req.body });
      return answer(400, 'invalid_payload');
    }
    const refuse = (status: number, error: string): SimReply => {
      rec.posts.push({ at: now(), status, body });
      return answer(status, error);
    };
    if (now() - rec.issuedAt > RESPONSE_URL_TTL_MS) return refuse(404, 'expired_url');
    if (rec.uses >= RESPONSE_URL_MAX_USES) return refuse(404, 'used_url');
    rec.uses++;
    const text = typeof body.text === 'string' ? body.text : '';
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    if (blocks && blocks.length > 50) return refuse(400, 'invalid_blocks');
    if (!text && !blocks && body.delete_original !== true) return refuse(400, 'no_text');
    const o = rec.original;
    if (body.delete_original === true) {
      if (o?.kind === 'message') ws.delete(o.channel, o.ts);
      if (o?.kind === 'ephemeral') ws.updateEphemeral(o.ts, { text: '', blocks: [], deleted: true });
      rec.original = undefined;
    } else if (body.replace_original === true && o) {
      if (o.kind === 'message') ws.update(o.channel, o.ts, { text, blocks });
      else ws.updateEphemeral(o.ts, { text, blocks });
    } else if (body.response_type === 'in_channel') {
      const ch = ws.resolve(rec.channel)!;
      const m = ws.post(ch.id, { text, blocks, ...(typeof body.thread_ts === 'string' ? { threadTs: body.thread_ts } : {}) });
      rec.original = { kind: 'message', channel: ch.id, ts: m.ts };
    } else {
      const ch = ws.resolve(rec.channel)!;
      const e = ws.postEphemeral({ channel: ch.id, user: rec.user, text, blocks });
      rec.original = { kind: 'ephemeral', ts: e.ts };
    }
    rec.posts.push({ at: now(), status: 200, body });
    return answer(200, 'ok');
  });

  sim.method('views.publish', (args) => {
    const user = typeof args.user_id === 'string' ? args.user_id : '';
    if (!/^[UW][A-Z0-9]+$/.test(user)) throw new SlackApiFailure('invalid_arguments');
    const view = args.view as { type?: unknown; blocks?: unknown } | undefined;
    if (!view || view.type !== 'home') throw new SlackApiFailure('invalid_arguments');
    if (!Array.isArray(view.blocks) || view.blocks.length > 100) throw new SlackApiFailure('invalid_blocks');
    const hash = randomBytes(8).toString('hex');
    views.push({ user, view, publishedAt: now(), hash });
    return { view: { id: `V${hash.toUpperCase()}`, type: 'home', hash, blocks: view.blocks } };
  });

  sim.method('usergroups.users.list', (args) => {
    const id = typeof args.usergroup === 'string' ? args.usergroup : '';
    const members = groups.get(id);
    if (!members) throw new SlackApiFailure('no_such_subteam');
    return { users: members };
  });

  sim.method('users.info', (args) => {
    const id = typeof args.user === 'string' ? args.user : '';
    const u = users.get(id);
    if (!u) throw new SlackApiFailure('user_not_found');
    return { user: { id, name: u.name, real_name: u.real_name ?? u.name, profile: { display_name: u.name } } };
  });

  sim.method('conversations.open', (args) => {
    const u = typeof args.users === 'string' ? args.users.split(',')[0]! : '';
    if (!/^[UW][A-Z0-9]+$/.test(u)) throw new SlackApiFailure('user_not_found');
    const dm = ws.resolve(`D${u.slice(1)}`)!;
    return { channel: { id: dm.id } };
  });

  return {
    issueResponseUrl(o) {
      const id = randomBytes(12).toString('hex');
      const rec: ResponseUrlRecord = {
        id,
        url: `${sim.url}/response/${id}`,
        channel: o.channel,
        user: o.user,
        issuedAt: o.issuedAt ?? now(),
        uses: 0,
        original: o.original,
        posts: [],
      };
      urls.set(id, rec);
      return rec;
    },
    recordAck(url, body) {
      const rec = this.responseUrl(url);
      if (!rec || (!body.text && !body.blocks)) return;
      const ch = ws.resolve(rec.channel)!;
      const e = ws.postEphemeral({ channel: ch.id, user: rec.user, text: body.text ?? '', blocks: body.blocks });
      rec.original = { kind: 'ephemeral', ts: e.ts };
    },
    responseUrl(url) {
      const id = url.split('/response/')[1]?.split('?')[0];
      return id ? urls.get(id) : undefined;
    },
    homeViews(user) {
      return views.filter((v) => !user || v.user === user);
    },
    setUserGroup(id, members) {
      groups.set(id, [...members]);
    },
    setUser(id, profile) {
      users.set(id, profile);
    },
  };
}
