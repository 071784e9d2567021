// One abandoned call as a Slack message people can act on: masked caller,
// center, queue, wait, when; then its state (acknowledged, owner, call back,
// repeats from the same caller) and the buttons that are still meaningful.
// Pure: the call and its state in, Block Kit out.
import type { AlertCall } from '../../queues/alert.ts';
import type { RenderContext } from '../../queues/render.ts';
import { maskPhone, maskPhonesIn } from '../../shared/mask.ts';
import type { Capability } from '../../shared/port.ts';
import { type Block, button, context, type Element, esc, fields, type Message, option, section, seconds, slackDate } from './blocks.ts';

const HOW: Record<string, string> = {
  abandoned_in_queue: 'hung up in the queue',
  abandoned_ringing: 'hung up while an agent was ringing',
  abandoned_ivr: 'hung up in the IVR',
};

export function howAbandoned(outcome: string): string {
  return HOW[outcome] ?? 'was not answered';
}

/** Action ids of the alert's controls; the alert id travels in the block id. */
export const ALERT_ACTIONS = {
  ack: 'alert.ack',
  callback: 'alert.callback',
  assign: 'alert.assign',
  mute: 'alert.mute',
} as const;

export const MUTE_CHOICES = [
  { value: '1h', label: 'Mute this queue for 1 hour' },
  { value: '4h', label: 'Mute this queue for 4 hours' },
  { value: 'tomorrow', label: 'Mute this queue until tomorrow' },
] as const;
export type MuteChoice = (typeof MUTE_CHOICES)[number]['value'];

export const alertBlockId = (alertId: string): string => `alert|${alertId}`;
export const alertIdFromBlockId = (blockId: string | undefined): string | undefined =>
  blockId?.startsWith('alert|') ? blockId.slice('alert|'.length) : undefined;

export interface Mark {
  user: string;
  /** ISO time. */
  at: string;
}

/** What happened to an alert since it was posted (kept by the bot in Redis). */
export interface AlertState {
  ack?: Mark;
  owner?: Mark & { by: string };
  callback?: Mark & { status: 'calling' | 'connected' | 'failed'; detail?: string };
  /** Later calls from the same caller folded into this message. */
  repeats?: { count: number; ids?: string[]; lastAt?: string };
  muted?: Mark & { until: string };
}

export interface AlertViewOptions {
  /** Whether the center's vendor can start the conference Call back needs. Absent: no Call back button. */
  callback?: Capability;
}

export function renderAlert(call: AlertCall, ctx: RenderContext, state: AlertState = {}, o: AlertViewOptions = {}): Message {
  const caller = call.caller ? maskPhone(call.caller) : 'unknown number';
  const where = call.skillGroup ? `${esc(call.center)} / ${esc(call.skillGroup)}` : esc(call.center);
  const waited = call.waitSeconds !== undefined ? ` after ${seconds(call.waitSeconds)}` : '';
  const vendor = ctx.vendorOf?.(call.center);
  const icon = state.ack ? ':white_check_mark:' : ':telephone_receiver:';
  const repeats = state.repeats?.count ?? 0;

  const blocks: Block[] = [
    section(`${icon} *Abandoned call* from *${esc(caller)}*: ${howAbandoned(call.outcome)}${waited}.`),
    fields([
      ['Center / queue', where],
      ['Waited', seconds(call.waitSeconds) || 'unknown'],
      ['When', slackDate(call.abandonedAt) || 'unknown'],
      ['Call id', `\`${esc(call.callId)}\``],
    ]),
  ];
  if (repeats > 0) {
    blocks.push(section(`:repeat: *+${repeats} more from ${esc(caller)}*${state.repeats?.lastAt ? `, the last ${slackDate(state.repeats.lastAt, '{time}')}` : ''} (details in the thread)`));
  }
  const status: string[] = [];
  if (state.ack) status.push(`:white_check_mark: Acknowledged by <@${state.ack.user}> ${slackDate(state.ack.at, '{time}')}`);
  if (state.owner) status.push(`:bust_in_silhouette: Owner <@${state.owner.user}> (assigned by <@${state.owner.by}>)`);
  if (state.callback) {
    const cb = state.callback;
    const what = { calling: ':outbox_tray: Calling back', connected: ':telephone_receiver: Called back', failed: ':x: Call back failed' }[cb.status];
    status.push(`${what} by <@${cb.user}> ${slackDate(cb.at, '{time}')}${cb.detail ? ` — ${esc(maskPhonesIn(cb.detail))}` : ''}`);
  }
  if (state.muted) status.push(`:no_bell: Queue muted until ${slackDate(state.muted.until, '{date_short_pretty} {time}')} by <@${state.muted.user}>`);
  if (status.length) blocks.push(context(...status));

  const controls: Element[] = [];
  if (!state.ack) controls.push(button('Acknowledge', ALERT_ACTIONS.ack, call.alertId, { style: 'primary' }));
  const canCallBack = o.callback?.supported === true && call.caller !== undefined;
  if (canCallBack && state.callback?.status !== 'calling' && state.callback?.status !== 'connected') {
    controls.push(button('Call back', ALERT_ACTIONS.callback, call.alertId));
  }
  controls.push({ type: 'users_select', action_id: ALERT_ACTIONS.assign, placeholder: { type: 'plain_text', text: state.owner ? 'Reassign…' : 'Assign to…' } });
  if (!state.muted) {
    controls.push({
      type: 'static_select',
      action_id: ALERT_ACTIONS.mute,
      placeholder: { type: 'plain_text', text: 'Mute this queue…' },
      options: MUTE_CHOICES.map((c) => option(c.label, c.value)),
    });
  }
  blocks.push({ type: 'actions', block_id: alertBlockId(call.alertId), elements: controls });

  const notes = [`${vendor ? `${esc(vendor)} · ` : ''}vendor status \`${esc(call.vendorOutcome)}\``];
  if (!canCallBack) {
    notes.push(
      call.caller === undefined
        ? 'Call back: the vendor did not give the caller\'s number.'
        : `Call back: ${esc(o.callback && !o.callback.supported ? o.callback.reason : 'not available for this center.')}`,
    );
  }
  blocks.push(context(...notes));

  return {
    text: `${state.ack ? 'Acknowledged: ' : ''}Abandoned call: ${caller} ${howAbandoned(call.outcome)}${waited} (${call.center}${call.skillGroup ? ` / ${call.skillGroup}` : ''})${repeats ? ` +${repeats} more` : ''}`,
    blocks,
  };
}

/** A thread reply for a later call from the same caller, folded into the first message. */
export function renderRepeat(call: AlertCall): Message {
  const caller = call.caller ? maskPhone(call.caller) : 'unknown number';
  const waited = call.waitSeconds !== undefined ? ` after ${seconds(call.waitSeconds)}` : '';
  return {
    text: `Again: ${caller} ${howAbandoned(call.outcome)}${waited}`,
    blocks: [section(`:repeat: Again from *${esc(caller)}*: ${howAbandoned(call.outcome)}${waited}, ${slackDate(call.abandonedAt) || 'time unknown'} · call \`${esc(call.callId)}\``)],
  };
}

export const defaultAlertView = (call: AlertCall, ctx: RenderContext): Message => renderAlert(call, ctx);
