// Where the result of an operation goes. queues/ does not know Slack: a front
// end puts an opaque reply target in the job (a response_url and channel for
// the bot, a request id for the CLI) and supplies a ReplySink that knows how
// to deliver to it.
import { z } from 'zod/v4';
import type { Operation } from '../shared/port.ts';

/** Opaque to queues/: `kind` names the front end, the rest is theirs. */
export const ReplyTarget = z.looseObject({ kind: z.string().min(1) });
export type ReplyTarget = z.infer<typeof ReplyTarget>;

interface UpdateBase {
  /** The operations job this reply belongs to. */
  jobId: string;
  center: string;
  operation: Operation;
}

export type ReplyUpdate =
  | (UpdateBase & { status: 'done'; value: unknown })
  /** The vendor accepted the request; the result comes later. Sent again when the progress changes. */
  | (UpdateBase & { status: 'pending'; progress?: string; value?: unknown; deadline: string })
  | (UpdateBase & {
      status: 'failed';
      /** A sentence for the person who asked. */
      message: string;
      /** ccops error code (ccops_vendor_error, …) or the outcome's code. */
      code: string;
      vendorCode?: string;
      requestId?: string;
      value?: unknown;
    });

export interface ReplySink {
  /**
   * Delivers one update. May be called more than once for the same job and
   * status (a job retried after a crash): implementations replace, not append.
   * A throw is logged; the job's result is kept in BullMQ either way.
   */
  report(target: ReplyTarget, update: ReplyUpdate): Promise<void>;
}

/** Drops every reply (operations submitted with no one waiting). */
export const nullReplySink: ReplySink = { report: async () => {} };

/** Keeps replies in memory, for tests and the CLI. */
export class MemoryReplySink implements ReplySink {
  readonly updates: { target: ReplyTarget; update: ReplyUpdate }[] = [];
  readonly #waiters: { match: (u: ReplyUpdate) => boolean; resolve: (u: ReplyUpdate) => void }[] = [];
  async report(target: ReplyTarget, update: ReplyUpdate): Promise<void> {
    this.updates.push({ target, update });
    for (const w of [...this.#waiters]) {
      if (w.match(update)) {
        this.#waiters.splice(this.#waiters.indexOf(w), 1);
        w.resolve(update);
      }
    }
  }
  /** Resolves with the first update (past or future) that matches. */
  waitFor(match: (u: ReplyUpdate) => boolean): Promise<ReplyUpdate> {
    const past = this.updates.find((u) => match(u.update));
    if (past) return Promise.resolve(past.update);
    return new Promise((resolve) => this.#waiters.push({ match, resolve }));
  }
}
