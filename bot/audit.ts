// Every action leaves a trace: who, what, which center, result. A pino line
// always; a message in the audit channel when one is configured (posted in the
// background, so an audit post never slows an ack).
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { maskPhonesIn } from '../shared/mask.ts';
import { esc } from './views/blocks.ts';

export type AuditResult = 'requested' | 'refused' | 'done' | 'pending' | 'failed' | 'duplicate';

export interface AuditEntry {
  user: string;
  /** `/cc agent agent@ccc-test break lunch`, `alert.ack`, … */
  action: string;
  center?: string;
  result: AuditResult;
  /** A sentence on the result (the refusal, the error, the new state). */
  detail?: string;
  /** Request / job correlation id. */
  requestId?: string;
}

const ICON: Record<AuditResult, string> = {
  requested: ':arrow_forward:',
  refused: ':no_entry:',
  done: ':white_check_mark:',
  pending: ':hourglass_flowing_sand:',
  failed: ':x:',
  duplicate: ':repeat:',
};

export function auditLine(e: AuditEntry): string {
  return `${ICON[e.result]} <@${e.user}> \`${esc(maskPhonesIn(e.action))}\`${e.center ? ` at *${esc(e.center)}*` : ''}: ${e.result}${e.detail ? ` — ${esc(maskPhonesIn(e.detail))}` : ''}`;
}

export class Auditor {
  readonly #logger: Logger;
  readonly #client: WebClient | undefined;
  readonly #channel: string | undefined;
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(logger: Logger, o: { client?: WebClient; channel?: string } = {}) {
    this.#logger = logger.child({ component: 'audit' });
    this.#client = o.client;
    this.#channel = o.channel;
  }

  record(e: AuditEntry): void {
    const entry = { ...e, action: maskPhonesIn(e.action), ...(e.detail ? { detail: maskPhonesIn(e.detail) } : {}) };
    this.#logger.info({ audit: entry }, `audit ${entry.action} ${entry.result}`);
    if (!this.#client || !this.#channel) return;
    const p = this.#client.chat
      .postMessage({ channel: this.#channel, text: auditLine(e), unfurl_links: false, unfurl_media: false })
      .catch((err: unknown) => this.#logger.warn({ err: (err as Error).message }, 'could not post to the audit channel'))
      .finally(() => this.#inFlight.delete(p));
    this.#inFlight.add(p);
  }

  /** Waits for audit posts under way (shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.#inFlight]);
  }
}
