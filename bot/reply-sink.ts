// The queues' ReplySink for Slack: renders each update of an operation and
// replaces the user's reply with it (SlackReplier), updates the alert a
// Call back came from, and audits the final result.
import type { Logger } from 'pino';
import type { Outcome } from '../shared/domain.ts';
import type { OperationValue } from '../shared/operations.ts';
import type { ReplySink, ReplyTarget, ReplyUpdate } from '../queues/reply.ts';
import type { Auditor } from './audit.ts';
import type { SlackReplier } from './replier.ts';
import { SlackReplyTarget } from './reply-target.ts';
import { type OperationReport, renderReport } from './views/outcome.ts';

export function toReport(u: ReplyUpdate, input: unknown): OperationReport {
  const base = { center: u.center, op: u.operation, input };
  switch (u.status) {
    case 'done':
      return { ...base, outcome: { status: 'done', value: u.value as OperationValue } };
    case 'pending':
      return {
        ...base,
        outcome: {
          status: 'pending',
          token: '',
          pollAfterMs: 0,
          deadline: u.deadline,
          ...(u.progress ? { progress: u.progress } : {}),
          ...(u.value !== undefined ? { value: u.value as OperationValue } : {}),
        } satisfies Outcome<OperationValue>,
      };
    case 'failed':
      // A failure that still carries a value (a conference whose legs did not answer) renders as that value.
      if (u.value !== undefined) {
        return { ...base, outcome: { status: 'failed', reason: u.message, code: u.code, value: u.value as OperationValue } };
      }
      return {
        ...base,
        error: { code: u.code, message: u.message, ...(u.vendorCode ? { vendorCode: u.vendorCode } : {}), ...(u.requestId ? { requestId: u.requestId } : {}) },
      };
  }
}

export interface AlertFollowUp {
  /** Called with the final update of an operation started from an alert (Call back). */
  onOperationFinished(target: SlackReplyTarget, update: ReplyUpdate): Promise<void>;
}

export class SlackReplySink implements ReplySink {
  readonly #replier: SlackReplier;
  readonly #auditor: Auditor;
  readonly #logger: Logger;
  readonly #alerts: AlertFollowUp | undefined;

  constructor(o: { replier: SlackReplier; auditor: Auditor; logger: Logger; alerts?: AlertFollowUp }) {
    this.#replier = o.replier;
    this.#auditor = o.auditor;
    this.#logger = o.logger;
    this.#alerts = o.alerts;
  }

  async report(raw: ReplyTarget, update: ReplyUpdate): Promise<void> {
    const parsed = SlackReplyTarget.safeParse(raw);
    if (!parsed.success) {
      this.#logger.warn({ kind: raw.kind, jobId: update.jobId }, 'reply target is not a Slack one; dropped');
      return;
    }
    const target = parsed.data;
    const final = update.status !== 'pending';
    const message = renderReport(toReport(update, target.input), target.what, target.user);
    const how = await this.#replier.deliver(target, message, { final });
    this.#logger.debug({ replyId: target.id, status: update.status, how }, 'reply delivered');
    if (!final) return;
    this.#auditor.record({
      user: target.user,
      action: target.commandText ?? target.what,
      center: update.center,
      result: update.status === 'done' ? 'done' : 'failed',
      requestId: target.id,
      ...(update.status === 'failed' ? { detail: update.message } : {}),
    });
    if (target.alert) await this.#alerts?.onOperationFinished(target, update);
  }
}
