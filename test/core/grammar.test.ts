import { describe, expect, it } from 'vitest';
import { parseCommand, parseDuration, tokenize, usage } from '../../shared/grammar.ts';

const ok = (text: string) => {
  const r = parseCommand(text);
  if (!r.ok) throw new Error(`expected a command for "${text}", got: ${r.error}`);
  return r.command;
};
const bad = (text: string) => {
  const r = parseCommand(text);
  if (r.ok) throw new Error(`expected a usage error for "${text}"`);
  return r;
};

describe('/cc grammar', () => {
  it.each([
    ['conference start 8001 13175112345', { kind: 'conference.start', participants: ['8001', '13175112345'] }],
    [
      'conference start 8001 --agent agent@ccc-test --timeout 45',
      { kind: 'conference.start', participants: ['8001'], agent: 'agent@ccc-test', timeoutSeconds: 45 },
    ],
    ['conference end job-123 --agent=a@b', { kind: 'conference.end', conferenceId: 'job-123', agent: 'a@b' }],
    ['call job-1', { kind: 'call.get', callId: 'job-1' }],
    ['calls', { kind: 'calls.search', sinceSeconds: 3600, abandoned: false }],
    [
      'calls --number 1317511 --agent a1 --since 2h --abandoned',
      { kind: 'calls.search', number: '1317511', agent: 'a1', sinceSeconds: 7200, abandoned: true },
    ],
    ['agent agent@ccc-test', { kind: 'agent.get', agent: 'agent@ccc-test' }],
    ['agent me ready', { kind: 'agent.set', agent: 'me', target: { kind: 'ready' } }],
    ['agent a1 break', { kind: 'agent.set', agent: 'a1', target: { kind: 'break' } }],
    ['agent a1 break lunch with team', { kind: 'agent.set', agent: 'a1', target: { kind: 'break', reason: 'lunch with team' } }],
    ['agent a1 offline', { kind: 'agent.set', agent: 'a1', target: { kind: 'offline' } }],
    ['agent a1 online g1 g2', { kind: 'agent.set', agent: 'a1', target: { kind: 'online', skillGroups: ['g1', 'g2'] } }],
    ['agent a1 online', { kind: 'agent.set', agent: 'a1', target: { kind: 'online' } }],
    ['help', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['help agent', { kind: 'help', topic: 'agent' }],
  ])('parses %j', (text, command) => {
    expect(ok(text)).toEqual(command);
  });

  it('takes --center anywhere', () => {
    expect(ok('--center hw-prod agent a1')).toEqual({ kind: 'agent.get', agent: 'a1', center: 'hw-prod' });
    expect(ok('agent a1 break --center=shanghai lunch')).toEqual({
      kind: 'agent.set',
      agent: 'a1',
      target: { kind: 'break', reason: 'lunch' },
      center: 'shanghai',
    });
  });

  it('groups quoted words, Slack curly quotes included', () => {
    expect(ok('agent a1 break "long lunch"')).toMatchObject({ target: { reason: 'long lunch' } });
    expect(ok('agent a1 break “team meeting”')).toMatchObject({ target: { reason: 'team meeting' } });
    expect(tokenize('a "b c')).toEqual({ error: 'a quote (") is not closed' });
  });

  it.each([
    ['conference start', /at least one participant/, 'conference start'],
    ['conference stop x', /use start or end/, 'conference start'],
    ['conference start 8001 --timeout 2', /--timeout is whole seconds from 5 to 600/, 'conference start'],
    ['conference start 8001 --timeout abc', /not "abc"/, 'conference start'],
    ['conference end', /id of the conference/, 'conference end'],
    ['call', /which call/, 'call <id>'],
    ['call a b', /exactly one call id/, 'call <id>'],
    ['calls --since yesterday', /--since wants a duration/, 'calls ['],
    ['calls --since 100d', /at most 90 days/, 'calls ['],
    ['calls extra', /takes only options/, 'calls ['],
    ['agent', /which agent/, 'agent <id>'],
    ['agent a1 dance', /"dance" is not a state/, 'agent <id>'],
    ['agent a1 ready now', /takes nothing after it/, 'agent <id>'],
    ['agent a1 --number 5', /--number does not apply here/, 'agent <id>'],
    ['calls --bogus', /unknown option --bogus/, 'calls ['],
    ['calls --agent', /--agent needs a value/, 'calls ['],
    ['agent a1 --center', /--center needs a value/, 'agent <id>'],
    ['launch rockets', /unknown command "launch"/, 'help [topic]'],
    ['help rockets', /no help on "rockets"/, 'help [topic]'],
  ])('refuses %j with what was wrong and the usage', (text, error, usageStart) => {
    const r = bad(text);
    expect(r.error).toMatch(error);
    expect(r.usage).toContain(usageStart);
  });

  it('reads durations', () => {
    expect([parseDuration('90s'), parseDuration('30m'), parseDuration('2h'), parseDuration('1d'), parseDuration('15')]).toEqual([
      90, 1800, 7200, 86400, 900,
    ]);
    expect(parseDuration('2 h')).toBeUndefined();
    expect(parseDuration('-1h')).toBeUndefined();
  });

  it('has usage for every topic and a full one', () => {
    for (const t of ['conference', 'call', 'calls', 'agent'] as const) expect(usage(t)).toMatch(new RegExp(`^${t}`));
    expect(usage()).toContain('--center C');
  });
});
