// The notify worker's view of Slack: post and update. `webClientPoster`
// adapts @slack/web-api's WebClient, which must surface 429s instead of
// sleeping on them (rejectRateLimitedCalls): the queue pauses only the
// channel that was limited, and honours Retry-After itself.
import { ErrorCode as SlackErrorCode, WebClient, type WebClientOptions } from '@slack/web-api';

export interface PostedMessage {
  channel: string;
  ts: string;
}

export interface SlackOutgoing {
  channel: string;
  text: string;
  blocks?: unknown[];
  /** Slack message metadata: `{event_type, event_payload}`. */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  threadTs?: string;
}

export interface SlackPoster {
  postMessage(m: SlackOutgoing): Promise<PostedMessage>;
  update(m: { channel: string; ts: string; text: string; blocks?: unknown[] }): Promise<void>;
}

/** Slack answered 429: wait `retryAfterMs` before posting to this channel again. */
export class SlackRateLimited extends Error {
  readonly code = 'ccops_slack_rate_limited';
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super(`Slack asked us to wait ${Math.ceil(retryAfterMs / 1000)} s before posting again.`);
    this.retryAfterMs = retryAfterMs;
  }
}

/** A WebClient configured for the queue: no internal 429 sleeps, no hidden retries. */
export function createSlackWebClient(token: string, options: WebClientOptions = {}): WebClient {
  return new WebClient(token, { ...options, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
}

function rethrow(e: unknown): never {
  const err = e as { code?: string; retryAfter?: number };
  if (err?.code === SlackErrorCode.RateLimitedError) throw new SlackRateLimited((err.retryAfter ?? 1) * 1000);
  throw e;
}

export function webClientPoster(client: WebClient): SlackPoster {
  return {
    async postMessage(m) {
      try {
        const res = await client.chat.postMessage({
          channel: m.channel,
          text: m.text,
          blocks: m.blocks as never, // views build Slack's block JSON; the SDK's block union is wider than we type
          ...(m.metadata ? { metadata: m.metadata as never } : {}),
          ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
          unfurl_links: false,
        });
        return { channel: res.channel ?? m.channel, ts: res.ts! };
      } catch (e) {
        return rethrow(e);
      }
    },
    async update(m) {
      try {
        await client.chat.update({ channel: m.channel, ts: m.ts, text: m.text, blocks: m.blocks as never });
      } catch (e) {
        rethrow(e);
      }
    },
  };
}
