import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../shared/grammar.ts';
import { commandToOperation, parseOperationInput } from '../../shared/operations.ts';

const now = new Date('2026-11-23T10:00:00.000Z');
const op = (text: string) => {
  const r = parseCommand(text);
  if (!r.ok) throw new Error(r.error);
  return commandToOperation(r.command, now);
};

describe('commands to operations', () => {
  it('maps each command to the operation and input the port takes', () => {
    expect(op('conference start 8001 13175112345 --agent a1 --timeout 40')).toEqual({
      op: 'startConference',
      input: { participants: ['8001', '13175112345'], agentId: 'a1', timeoutSeconds: 40 },
    });
    expect(op('conference end job-1')).toEqual({ op: 'endConference', input: { conferenceId: 'job-1' } });
    expect(op('call job-1')).toEqual({ op: 'getCall', input: { callId: 'job-1' } });
    expect(op('calls --since 30m --abandoned --number 1317')).toEqual({
      op: 'searchCalls',
      input: {
        from: '2026-11-23T09:30:00.000Z',
        to: '2026-11-23T10:00:00.000Z',
        number: '1317',
        outcomes: ['abandoned_in_queue', 'abandoned_ringing', 'abandoned_ivr'],
      },
    });
    expect(op('agent a1')).toEqual({ op: 'getAgentState', input: { agentId: 'a1' } });
    expect(op('agent a1 break lunch')).toEqual({
      op: 'setAgentState',
      input: { agentId: 'a1', target: { kind: 'break', reason: 'lunch' } },
    });
    expect(op('help')).toBeUndefined();
  });

  it('refuses "me" where nobody mapped it', () => {
    expect(() => op('agent me ready')).toThrow(/"me" needs a mapping/);
  });

  it('validates input and names the bad field', () => {
    expect(() => parseOperationInput('startConference', { participants: [] })).toThrow(/participants: name at least one participant/);
    expect(() => parseOperationInput('searchCalls', { from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toThrow(
      /from: the start of the window must be before its end/,
    );
    expect(parseOperationInput('startConference', { participants: ['8001'] })).toEqual({ participants: ['8001'], timeoutSeconds: 30 });
  });
});
