// Call card: one call record, numbers masked unless the viewer may see them.
import { type CallRecord, isAbandoned } from '../../shared/domain.ts';
import { maskPhone } from '../../shared/mask.ts';
import { context, esc, fields, type Message, seconds, section, slackDate } from './blocks.ts';

export const OUTCOME_LABEL: Record<CallRecord['outcome'], string> = {
  answered: 'answered',
  abandoned_in_queue: 'abandoned in queue',
  abandoned_ringing: 'abandoned while ringing',
  abandoned_ivr: 'abandoned in the IVR',
  missed: 'missed',
  failed: 'failed',
};

export interface ViewOptions {
  /** Show full numbers (never in channels; reserved for an explicit, audited reveal). @defaultValue false */
  unmasked?: boolean;
}

export const phone = (n: string | undefined, o: ViewOptions = {}): string => (n ? esc(o.unmasked ? n : maskPhone(n)) : '');

/** The one line a call is known by in lists. */
export function callLine(c: CallRecord, o: ViewOptions = {}): string {
  const icon = isAbandoned(c.outcome) ? ':telephone_receiver::x:' : c.outcome === 'answered' ? ':white_check_mark:' : ':warning:';
  const who = [phone(c.caller, o), phone(c.callee, o)].filter(Boolean).join(' → ') || 'unknown numbers';
  const wait = c.durations.queue !== undefined ? ` · waited ${seconds(c.durations.queue)}` : '';
  return `${icon} \`${esc(c.id)}\` ${slackDate(c.startedAt)} · ${who} · ${OUTCOME_LABEL[c.outcome]}${wait}`;
}

export function callCard(c: CallRecord, o: ViewOptions = {}): Message {
  const d = c.durations;
  return {
    text: `Call ${c.id} at ${c.center}: ${OUTCOME_LABEL[c.outcome]}`,
    blocks: [
      section(`*Call \`${esc(c.id)}\`* at *${esc(c.center)}* — ${OUTCOME_LABEL[c.outcome]}`),
      fields([
        ['Direction', c.direction],
        ['Caller', phone(c.caller, o)],
        ['Callee', phone(c.callee, o)],
        ['Agents', c.agents.map(esc).join(', ') || 'none'],
        ['Queue / skill group', c.skillGroup ? esc(c.skillGroup) : ''],
        ['Started', slackDate(c.startedAt)],
        ['Waited', seconds(d.queue)],
        ['Talked', seconds(d.talk)],
        ['Total', seconds(d.total)],
        ['Released by', c.releasedBy ?? ''],
      ]),
      context(`Vendor outcome: \`${esc(c.vendorOutcome)}\``),
    ],
  };
}
