// What the bot needs from the rest of the service, as small interfaces so the
// service (queues/) and the tests supply them.
import type { Operation, ContactCenter } from '../shared/port.ts';
import type { SlackReplyTarget } from './reply-target.ts';

/** One request for the operations queue. */
export interface OperationSubmission {
  center: string;
  operation: Operation;
  input: unknown;
  replyTarget: SlackReplyTarget;
  /** The same key within the queue's window runs once. */
  idempotencyKey: string;
  requestedBy?: string;
}

export interface OperationSubmitter {
  submit(job: OperationSubmission): Promise<unknown>;
}

/** Looks up a configured center's adapter (capabilities, and reads for App Home). */
export type CenterLookup = (name: string) => ContactCenter | undefined;
