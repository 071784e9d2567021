// Agent card: the normalized state, the vendor's own value beside it.
import type { AgentState, AgentStateKind, AgentStateTarget } from '../../shared/domain.ts';
import { context, esc, fields, type Message, section, slackDate } from './blocks.ts';

export const STATE_LABEL: Record<AgentStateKind, string> = {
  ready: ':large_green_circle: ready',
  break: ':coffee: on break',
  acw: ':memo: after-call work',
  not_ready: ':red_circle: not ready',
  talking: ':telephone_receiver: talking',
  ringing: ':bell: ringing',
  dialing: ':outbox_tray: dialing',
  offline: ':white_circle: offline',
};

export function targetLabel(t: AgentStateTarget): string {
  switch (t.kind) {
    case 'break':
      return t.reason ? `break (${t.reason})` : 'break';
    case 'online':
      return t.skillGroups?.length ? `online in ${t.skillGroups.join(', ')}` : 'online';
    default:
      return t.kind;
  }
}

export function agentCard(a: AgentState, changed?: { target: AgentStateTarget; by?: string }): Message {
  const head = changed
    ? `*${esc(a.agentId)}* at *${esc(a.center)}* is now ${STATE_LABEL[a.state]}${changed.by ? ` (set by <@${changed.by}>)` : ''}`
    : `*${esc(a.agentId)}* at *${esc(a.center)}* is ${STATE_LABEL[a.state]}`;
  return {
    text: `${a.agentId} at ${a.center}: ${a.state}`,
    blocks: [
      section(head),
      fields([
        ['Reason', a.reason ? esc(a.reason) : ''],
        ['Since', slackDate(a.since)],
        ['Skill groups', a.skillGroups?.map(esc).join(', ') ?? ''],
      ]),
      context(`Vendor state: \`${esc(a.vendorState)}\``),
    ].filter((b) => b.type !== 'section' || b.text || (b.fields && b.fields.length > 0)),
  };
}
