// Plain-text views of domain values for the terminal. Pure. Phone numbers are
// masked as everywhere else; `--json` prints the values themselves.
import type { AgentState, CallRecord, Conference, Outcome, Page, Participant } from '../shared/domain.ts';
import { maskPhone } from '../shared/mask.ts';
import type { OperationValue } from '../shared/operations.ts';
import type { CenterHealth } from '../shared/health.ts';

const STATE_WORDS: Record<AgentState['state'], string> = {
  ready: 'ready',
  break: 'on break',
  acw: 'after-call work',
  not_ready: 'not ready',
  talking: 'talking',
  ringing: 'ringing',
  dialing: 'dialing',
  offline: 'offline',
};

export function renderAgent(a: AgentState): string {
  const reason = a.state === 'break' && a.reason ? ` (${a.reason})` : '';
  const since = a.since ? ` since ${a.since}` : '';
  const groups = a.skillGroups?.length ? `\n  skill groups: ${a.skillGroups.join(', ')}` : '';
  return `${a.agentId} @ ${a.center}: ${STATE_WORDS[a.state]}${reason}${since}  [vendor: ${a.vendorState}]${groups}`;
}

const OUTCOME_WORDS: Record<CallRecord['outcome'], string> = {
  answered: 'answered',
  abandoned_in_queue: 'abandoned in queue',
  abandoned_ringing: 'abandoned while ringing',
  abandoned_ivr: 'abandoned in IVR',
  missed: 'missed',
  failed: 'failed',
};

export function renderCallLine(c: CallRecord): string {
  const when = c.startedAt ?? c.releasedAt ?? '';
  const who = c.agents.length ? ` agent ${c.agents.join(',')}` : '';
  const wait = c.durations.queue !== undefined ? ` waited ${c.durations.queue}s` : '';
  return `${c.id}  ${when}  ${c.direction}  ${maskPhone(c.caller) || '-'} -> ${maskPhone(c.callee) || '-'}  ${OUTCOME_WORDS[c.outcome]}${wait}${who}`;
}

export function renderCall(c: CallRecord): string {
  const lines = [
    `call ${c.id} @ ${c.center}: ${c.direction}, ${OUTCOME_WORDS[c.outcome]} [vendor: ${c.vendorOutcome}]`,
    `  from ${maskPhone(c.caller) || '-'} to ${maskPhone(c.callee) || '-'}`,
  ];
  if (c.agents.length) lines.push(`  agents: ${c.agents.join(', ')}`);
  if (c.skillGroup) lines.push(`  skill group: ${c.skillGroup}`);
  const times = (
    [
      ['started', c.startedAt],
      ['queued', c.queuedAt],
      ['ringing', c.ringingAt],
      ['answered', c.answeredAt],
      ['released', c.releasedAt],
    ] as const
  ).filter(([, t]) => t);
  if (times.length) lines.push(`  ${times.map(([k, t]) => `${k} ${t}`).join(', ')}`);
  const d = c.durations;
  const parts = (['total', 'queue', 'ring', 'talk'] as const).filter((k) => d[k] !== undefined).map((k) => `${k} ${d[k]}s`);
  if (parts.length) lines.push(`  durations: ${parts.join(', ')}`);
  if (c.releasedBy) lines.push(`  released by: ${c.releasedBy}`);
  if (c.satisfaction !== undefined) lines.push(`  satisfaction: ${c.satisfaction}`);
  return lines.join('\n');
}

export function renderCalls(p: Page<CallRecord>): string {
  if (!p.items.length) return 'No calls match.';
  const total = p.total !== undefined ? ` of ${p.total}` : '';
  const more = p.nextCursor ? '\n(more: narrow the search, or use --json for the cursor)' : '';
  return `${p.items.length}${total} calls:\n${p.items.map(renderCallLine).join('\n')}${more}`;
}

const PARTICIPANT_WORDS: Record<Participant['state'], string> = {
  calling: 'calling',
  ringing: 'ringing',
  joined: 'joined',
  left: 'left',
  no_answer: 'no answer',
  failed: 'failed',
};

export function renderParticipant(p: Participant): string {
  const who = p.kind === 'phone' ? maskPhone(p.address) : p.address;
  return `${PARTICIPANT_WORDS[p.state]} ${who}${p.detail ? ` (${p.detail})` : ''}`;
}

export function renderConference(c: Conference): string {
  const chair = c.chair ? ` hosted by ${c.chair}` : '';
  return `conference ${c.id} @ ${c.center}${chair}\n${c.participants.map((p) => `  ${renderParticipant(p)}`).join('\n')}`;
}

function isPage(v: OperationValue): v is Page<CallRecord> {
  return 'items' in v;
}

export function renderValue(v: OperationValue): string {
  if (isPage(v)) return renderCalls(v);
  if ('participants' in v) return renderConference(v);
  if ('direction' in v) return renderCall(v);
  return renderAgent(v);
}

/** One line for a pending result: "ringing 1317511****, joined 8001". */
export function renderProgress(o: Outcome<OperationValue>): string {
  if (o.status !== 'pending') return '';
  if (o.progress) return o.progress;
  const v = o.value;
  if (v && 'participants' in v) return v.participants.map(renderParticipant).join(', ');
  return 'waiting for the vendor';
}

export function renderHealth(h: CenterHealth[]): string {
  return h.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.center} (${c.vendor}): ${c.detail} [${c.latencyMs} ms]`).join('\n');
}
