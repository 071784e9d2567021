// One operation's result, at any stage, as the message that replaces the
// "working on it" reply. Pure.
import type { AgentState, CallRecord, Conference, Outcome, Page, SetAgentStateInput } from '../../shared/domain.ts';
import { maskPhone } from '../../shared/mask.ts';
import type { OperationValue } from '../../shared/operations.ts';
import type { Operation } from '../../shared/port.ts';
import { agentCard, targetLabel } from './agent.ts';
import { callCard } from './call.ts';
import { conferenceCard } from './conference.ts';
import { errorView, type ErrorInfo } from './error.ts';
import { searchResults } from './search.ts';
import type { Message } from './blocks.ts';
import { seconds } from './blocks.ts';
import { pendingView } from './working.ts';

export type OperationReport =
  | { center: string; op: Operation; input: unknown; outcome: Outcome<OperationValue> }
  | { center: string; op: Operation; input: unknown; error: ErrorInfo };

const TOPIC: Partial<Record<Operation, 'conference' | 'call' | 'calls' | 'agent'>> = {
  startConference: 'conference',
  endConference: 'conference',
  getCall: 'call',
  searchCalls: 'calls',
  getAgentState: 'agent',
  setAgentState: 'agent',
};

type Rec = Record<string, unknown>;
const asRec = (v: unknown): Rec => (typeof v === 'object' && v !== null ? (v as Rec) : {});

function searchDescription(input: unknown): string {
  const i = asRec(input);
  const from = typeof i.from === 'string' ? Date.parse(i.from) : NaN;
  const to = typeof i.to === 'string' ? Date.parse(i.to) : NaN;
  const parts = [Number.isFinite(from) && Number.isFinite(to) ? `in the last ${seconds((to - from) / 1000)}` : ''];
  if (typeof i.number === 'string') parts.push(`from or to ${maskPhone(i.number)}`);
  if (typeof i.agentId === 'string') parts.push(`handled by ${i.agentId}`);
  if (Array.isArray(i.outcomes)) parts.push('(abandoned only)');
  return parts.filter(Boolean).join(' ');
}

/** A conference not yet known to the vendor: the legs we asked for, all calling. */
function plannedConference(center: string, input: unknown): Conference {
  const i = asRec(input);
  const participants = Array.isArray(i.participants) ? i.participants.filter((p): p is string => typeof p === 'string') : [];
  return {
    center,
    id: '(starting)',
    participants: participants.map((address) => ({ address, kind: /^\+?\d{7,}$/.test(address) ? 'phone' : 'agent', state: 'calling' })),
    raw: {},
  };
}

export function renderReport(r: OperationReport, what: string, by?: string): Message {
  if ('error' in r) return errorView(r.error, { what, ...(TOPIC[r.op] ? { topic: TOPIC[r.op] } : {}) });
  const o = r.outcome;
  const timeoutSeconds = typeof asRec(r.input).timeoutSeconds === 'number' ? (asRec(r.input).timeoutSeconds as number) : 30;
  switch (r.op) {
    case 'startConference':
    case 'endConference': {
      const conf = (o.value as Conference | undefined) ?? plannedConference(r.center, r.input);
      const ending = r.op === 'endConference';
      if (o.status === 'pending') return conferenceCard(conf, { phase: ending ? 'running' : 'starting', timeoutSeconds, ...(o.progress ? { progress: o.progress } : {}) });
      if (o.status === 'done') return conferenceCard(conf, { phase: ending ? 'ended' : 'running', timeoutSeconds });
      return conferenceCard(conf, { phase: 'failed', timeoutSeconds, reason: o.reason });
    }
    case 'getCall':
      return o.status === 'done' ? callCard(o.value as CallRecord) : failedOrPending(o, what, r.center);
    case 'searchCalls':
      return o.status === 'done' ? searchResults(o.value as Page<CallRecord>, { center: r.center, description: searchDescription(r.input) }) : failedOrPending(o, what, r.center);
    case 'getAgentState':
      return o.status === 'done' ? agentCard(o.value as AgentState) : failedOrPending(o, what, r.center);
    case 'setAgentState': {
      const target = (asRec(r.input) as Partial<SetAgentStateInput>).target;
      if (o.status === 'done' && target) return agentCard(o.value as AgentState, { target, ...(by ? { by } : {}) });
      if (o.status === 'pending') return pendingView(what, r.center, o.progress ?? (target ? `asked for ${targetLabel(target)}, waiting for the vendor to confirm` : undefined));
      return failedOrPending(o, what, r.center);
    }
    default:
      return failedOrPending(o, what, r.center);
  }
}

function failedOrPending(o: Outcome<OperationValue>, what: string, center: string): Message {
  if (o.status === 'pending') return pendingView(what, center, o.progress);
  if (o.status === 'failed') return errorView({ code: o.code ?? 'ccops_vendor_error', message: o.reason }, { what });
  return pendingView(what, center, 'done');
}
