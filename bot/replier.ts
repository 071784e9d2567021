// Replaces a command's reply in place as its operation progresses. Through
// the response_url while Slack still takes it (5 uses within 30 minutes; the
// last use is kept for the final answer), then through the Web API: one
// chat.postMessage (in the alert's thread, or a DM to the user, since an
// ephemeral reply cannot be edited) and chat.update after that.
import type { WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { SlackReplyTarget } from './reply-target.ts';
import { fitMessage, type Message } from './views/blocks.ts';

export const RESPONSE_URL_USES = 5;
/** Slack's window is 30 minutes; stop a minute early so a slow request does not straddle it. */
export const RESPONSE_URL_WINDOW_MS = 29 * 60_000;

export type Delivery = 'response_url' | 'posted' | 'updated' | 'skipped';

export interface SlackReplierOptions {
  client: WebClient;
  redis: Redis;
  /** Key prefix, e.g. `{ccops}:bot`. */
  prefix: string;
  logger: Logger;
  now?: () => number;
  fetch?: typeof globalThis.fetch;
}

export class SlackReplier {
  readonly #o: SlackReplierOptions;
  readonly #now: () => number;
  readonly #fetch: typeof globalThis.fetch;

  constructor(o: SlackReplierOptions) {
    this.#o = o;
    this.#now = o.now ?? Date.now;
    this.#fetch = o.fetch ?? globalThis.fetch;
  }

  async deliver(target: SlackReplyTarget, message: Message, o: { final: boolean }): Promise<Delivery> {
    const m = fitMessage(message);
    if (target.responseUrl && (await this.#viaResponseUrl(target, m, o.final))) return 'response_url';
    return this.#viaWebApi(target, m);
  }

  async #viaResponseUrl(target: SlackReplyTarget, m: Message, final: boolean): Promise<boolean> {
    if (this.#now() - Date.parse(target.issuedAt) >= RESPONSE_URL_WINDOW_MS) return false;
    // Once the fallback message exists, keep updating it: two replies would confuse.
    if (await this.#o.redis.exists(this.#key(target, 'fallback'))) return false;
    const usesKey = this.#key(target, 'uses');
    const uses = await this.#o.redis.incr(usesKey);
    if (uses === 1) await this.#o.redis.pexpire(usesKey, 31 * 60_000);
    const budget = final ? RESPONSE_URL_USES : RESPONSE_URL_USES - 1;
    if (uses > budget) {
      if (!final) await this.#o.redis.decr(usesKey);
      return false;
    }
    try {
      const res = await this.#fetch(target.responseUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: true, text: m.text, blocks: m.blocks }),
        signal: AbortSignal.timeout(5000),
      });
      await res.body?.cancel();
      if (res.ok) return true;
      this.#o.logger.info({ replyId: target.id, status: res.status }, 'response_url refused; falling back to the Web API');
    } catch (e) {
      this.#o.logger.warn({ replyId: target.id, err: (e as Error).message }, 'response_url failed; falling back to the Web API');
    }
    await this.#o.redis.set(usesKey, String(RESPONSE_URL_USES + 1), 'PX', 31 * 60_000);
    return false;
  }

  async #viaWebApi(target: SlackReplyTarget, m: Message): Promise<Delivery> {
    const key = this.#key(target, 'fallback');
    const known = await this.#o.redis.get(key);
    if (known) {
      const { channel, ts } = JSON.parse(known) as { channel: string; ts: string };
      await this.#o.client.chat.update({ channel, ts, text: m.text, blocks: m.blocks as never });
      return 'updated';
    }
    const channel = target.threadTs ? target.channel : await this.#dmChannel(target.user);
    const res = await this.#o.client.chat.postMessage({
      channel,
      text: m.text,
      blocks: m.blocks as never, // our Block subset is structurally Slack's; the SDK's union is wider
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      unfurl_links: false,
    });
    await this.#o.redis.set(key, JSON.stringify({ channel: res.channel ?? channel, ts: res.ts }), 'EX', 86_400);
    return 'posted';
  }

  async #dmChannel(user: string): Promise<string> {
    const res = await this.#o.client.conversations.open({ users: user });
    return res.channel?.id ?? user;
  }

  #key(target: SlackReplyTarget, what: string): string {
    return `${this.#o.prefix}:reply:${target.id}:${what}`;
  }
}
