// One place that turns a request {op, input} into a call on a ContactCenter,
// so the CLI, the queue workers, the bot and the n8n nodes run the very same
// operation: input validated with zod, unsupported operations refused with
// the vendor's sentence, every result an Outcome.
import { z } from 'zod/v4';
import {
  ABANDONED_OUTCOMES,
  type AgentState,
  type CallRecord,
  type Conference,
  EndConferenceInput,
  ListAbandonedInput,
  type Outcome,
  type Page,
  SearchCallsInput,
  SetAgentStateInput,
  StartConferenceInput,
} from './domain.ts';
import { InvalidInput } from './errors.ts';
import type { Command } from './grammar.ts';
import { assertSupported, type CallOptions, type ContactCenter, type Operation } from './port.ts';

export const OperationInput = {
  startConference: StartConferenceInput,
  endConference: EndConferenceInput,
  getCall: z.object({ callId: z.string().min(1) }),
  searchCalls: SearchCallsInput,
  getAgentState: z.object({ agentId: z.string().min(1) }),
  setAgentState: SetAgentStateInput,
  listAbandonedCalls: ListAbandonedInput,
} satisfies Record<Operation, z.ZodType>;

export type OperationInput<O extends Operation> = z.input<(typeof OperationInput)[O]>;

export type OperationValue = Conference | CallRecord | Page<CallRecord> | AgentState;

export interface OperationRequest {
  op: Operation;
  input: unknown;
}

/** Validates `input` for `op`; InvalidInput names the bad fields. */
export function parseOperationInput<O extends Operation>(op: O, input: unknown): z.output<(typeof OperationInput)[O]> {
  const parsed = OperationInput[op].safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod(`input for ${op}`, parsed.error);
  return parsed.data as z.output<(typeof OperationInput)[O]>;
}

export async function runOperation(
  center: ContactCenter,
  op: Operation,
  input: unknown,
  opts?: CallOptions,
): Promise<Outcome<OperationValue>> {
  assertSupported(center, op);
  switch (op) {
    case 'startConference':
      return center.startConference(parseOperationInput(op, input), opts);
    case 'endConference':
      return center.endConference(parseOperationInput(op, input), opts);
    case 'getCall':
      return { status: 'done', value: await center.getCall(parseOperationInput(op, input).callId, opts) };
    case 'searchCalls':
      return { status: 'done', value: await center.searchCalls(parseOperationInput(op, input), opts) };
    case 'getAgentState':
      return { status: 'done', value: await center.getAgentState(parseOperationInput(op, input).agentId, opts) };
    case 'setAgentState':
      return center.setAgentState(parseOperationInput(op, input), opts);
    case 'listAbandonedCalls':
      return { status: 'done', value: await center.listAbandonedCalls(parseOperationInput(op, input), opts) };
  }
}

/**
 * The operation a parsed command asks for. `help` asks for none. The agent
 * "me" must be resolved by the front end first (Slack maps users to agents).
 */
export function commandToOperation(command: Command, now: Date): OperationRequest | undefined {
  const agentOf = (a: string) => {
    if (a.toLowerCase() === 'me') {
      throw new InvalidInput('"me" needs a mapping from you to your agent id: give the agent id instead.');
    }
    return a;
  };
  switch (command.kind) {
    case 'help':
      return undefined;
    case 'conference.start':
      return {
        op: 'startConference',
        input: {
          participants: command.participants,
          ...(command.agent ? { agentId: agentOf(command.agent) } : {}),
          ...(command.timeoutSeconds ? { timeoutSeconds: command.timeoutSeconds } : {}),
        },
      };
    case 'conference.end':
      return {
        op: 'endConference',
        input: { conferenceId: command.conferenceId, ...(command.agent ? { agentId: agentOf(command.agent) } : {}) },
      };
    case 'call.get':
      return { op: 'getCall', input: { callId: command.callId } };
    case 'calls.search':
      return {
        op: 'searchCalls',
        input: {
          from: new Date(now.getTime() - command.sinceSeconds * 1000).toISOString(),
          to: now.toISOString(),
          ...(command.number ? { number: command.number } : {}),
          ...(command.agent ? { agentId: agentOf(command.agent) } : {}),
          ...(command.abandoned ? { outcomes: [...ABANDONED_OUTCOMES] } : {}),
        },
      };
    case 'agent.get':
      return { op: 'getAgentState', input: { agentId: agentOf(command.agent) } };
    case 'agent.set':
      return { op: 'setAgentState', input: { agentId: agentOf(command.agent), target: command.target } };
  }
}
