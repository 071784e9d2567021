// The polling trigger's poll: list abandoned calls through the core, emit
// each new one once. State lives in the workflow's static data (per node).
import type { INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { type CallRecord, isAbandoned, runOperation, type ContactCenter, type Page } from '../../core/index.ts';
import type { CenterConnector } from '../connector.ts';
import { toNodeError } from '../errors.ts';
import { toItemJson } from '../items.ts';
import {
  type AbandonedCursorState,
  admit,
  DEFAULT_OVERLAP_MS,
  initialState,
  isInitialized,
  latest,
  windowFor,
} from './cursor.ts';

/** How far back "Fetch Test Event" looks for sample calls. */
const MANUAL_LOOKBACK_MS = 7 * 86_400_000;
const MANUAL_SAMPLES = 3;
/** Listing pages read in one poll; the next poll carries on from the newest call read. */
const MAX_PAGES = 50;

export const triggerProperties: INodeProperties[] = [
  {
    displayName: 'Event',
    name: 'event',
    type: 'options',
    options: [
      {
        name: 'Call Abandoned',
        value: 'callAbandoned',
        description: 'An inbound call ended in the IVR, in the queue or while ringing without being answered',
      },
    ],
    default: 'callAbandoned',
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add option',
    default: {},
    options: [
      {
        displayName: 'Overlap (Minutes)',
        name: 'overlapMinutes',
        type: 'number',
        typeOptions: { minValue: 1, maxValue: 1440 },
        default: 10,
        description:
          'How far back each poll reads again, for call records the vendor writes late. Calls already emitted are not emitted again.',
      },
    ],
  },
];

/** The abandoned calls of a window, oldest first; `cutShort` when pages were left unread. */
async function listAbandoned(
  center: ContactCenter,
  since: string,
  until: string,
): Promise<{ calls: CallRecord[]; cutShort: boolean }> {
  const calls: CallRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const outcome = await runOperation(center, 'listAbandonedCalls', { since, until, ...(cursor ? { cursor } : {}) });
    if (outcome.status !== 'done') {
      // Thrown, not a short list: the caller must not move the cursor past pages it never got.
      const why = outcome.status === 'failed' ? `: ${outcome.reason}` : '';
      throw new Error(
        `The contact center answered the abandoned-call listing with "${outcome.status}" instead of a page${why}. Nothing was emitted; the next poll reads the same calls again.`,
      );
    }
    const value = outcome.value as Page<CallRecord>;
    calls.push(...value.items.filter((c) => isAbandoned(c.outcome)));
    cursor = value.nextCursor;
    if (!cursor) return { calls, cutShort: false };
  }
  return { calls, cutShort: true };
}

export async function pollAbandonedCalls(
  this: IPollFunctions,
  connector: CenterConnector,
): Promise<INodeExecutionData[][] | null> {
  const state = this.getWorkflowStaticData('node') as AbandonedCursorState;
  const now = new Date();
  const manual = this.getMode() === 'manual';
  const options = this.getNodeParameter('options', {}) as { overlapMinutes?: number };
  const overlapMs = options.overlapMinutes ? options.overlapMinutes * 60_000 : DEFAULT_OVERLAP_MS;

  let center: ContactCenter | undefined;
  try {
    center = await connector.connect(this);
    if (manual) {
      const { calls } = await listAbandoned(center, new Date(now.getTime() - MANUAL_LOOKBACK_MS).toISOString(), now.toISOString());
      const sample = latest(calls, MANUAL_SAMPLES, now);
      return sample.length ? [this.helpers.returnJsonArray(sample.map(toItemJson))] : null;
    }
    if (!isInitialized(state)) {
      // Activation: remember what already exists in the overlap window, emit nothing.
      const { since, until } = windowFor({}, now, overlapMs);
      const { next } = admit(initialState(now), (await listAbandoned(center, since, until)).calls, now, overlapMs);
      state.cursor = next.cursor;
      state.seen = next.seen;
      return null;
    }
    const { since, until } = windowFor(state, now, overlapMs);
    const { calls, cutShort } = await listAbandoned(center, since, until);
    const { fresh, next } = admit(state, calls, now, overlapMs, { cutShort });
    if (cutShort) this.logger.warn(`More abandoned calls than one poll reads (${MAX_PAGES} pages); the next poll carries on from the newest one read.`);
    state.cursor = next.cursor;
    state.seen = next.seen;
    return fresh.length ? [this.helpers.returnJsonArray(fresh.map(toItemJson))] : null;
  } catch (error) {
    throw toNodeError(this.getNode(), error);
  } finally {
    await center?.close().catch((error: unknown) => {
      this.logger.warn(`Could not close the contact-center session: ${String(error)}`);
    });
  }
}
