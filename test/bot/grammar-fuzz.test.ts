// 10,000 random and mutated /cc inputs: the grammar never throws, and every
// input is answered with either a command that names a known kind with
// well-formed fields, or an error plus a usage text. Seeded, so a failure
// reproduces: the failing input is in the assertion message.
import { describe, expect, it } from 'vitest';
import { AgentStateTarget } from '../../shared/domain.ts';
import { type Command, parseCommand, HELP_TOPICS } from '../../shared/grammar.ts';
import { commandToOperation } from '../../shared/operations.ts';

/** mulberry32: small, fast, good enough for fuzzing. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = [
  'help',
  'help agent',
  'conference start 8001 13175112345 --agent agent@ccc-test --timeout 30',
  'conference end job-123 --agent agent@ccc-test',
  'call 20260101-abc',
  'calls --number 13175112345 --since 2h --abandoned',
  'calls --agent li.na@ccc-test --since 1d --center shanghai',
  'agent me break lunch',
  'agent agent@ccc-test ready --center shanghai',
  'agent li.na@ccc-test online skillgroup1@ccc-test support@ccc-test',
  'agent "li na" break “long lunch”',
  'agent zhao.lei offline',
];
const WORDS = [
  'help', 'conference', 'start', 'end', 'call', 'calls', 'agent', 'me', 'ready', 'break', 'offline', 'online',
  '--center', '--agent', '--timeout', '--number', '--since', '--abandoned', '--center=', '--since=0', '--timeout=4',
  '--', '-', '"', "'", '“', '”', '‘', '’', '13175112345', '+8613175112345', '0', '99999999', '2h', '90d', '91d', '30m',
  'shanghai', 'ÄÖÜ', '中文', '😀', '\u0000', '\t', '\n', ' ', '\u00a0', '\u200b', '<@U123>', '&lt;', '*', '`',
];
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789 -_=."\'“”@+*\\/\t\n😀中';

function generate(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const mode = rand();
  if (mode < 0.3) {
    // Random words from the language and its edges.
    return Array.from({ length: Math.floor(rand() * 8) }, () => pick(WORDS)).join(rand() < 0.8 ? ' ' : '');
  }
  if (mode < 0.5) {
    // Random characters.
    return Array.from({ length: Math.floor(rand() * 60) }, () => pick([...ALPHABET])).join('');
  }
  // Mutations of valid commands: delete, duplicate, insert, swap, truncate, case.
  let s = pick(SEEDS);
  const edits = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * (s.length + 1));
    switch (Math.floor(rand() * 6)) {
      case 0:
        s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 5));
        break;
      case 1:
        s = s.slice(0, at) + pick(WORDS) + s.slice(at);
        break;
      case 2:
        s = s.slice(0, at) + pick([...ALPHABET]) + s.slice(at);
        break;
      case 3:
        s = s.slice(0, at);
        break;
      case 4:
        s = s.toUpperCase();
        break;
      default: {
        const w = s.split(' ');
        const i1 = Math.floor(rand() * w.length);
        const i2 = Math.floor(rand() * w.length);
        [w[i1], w[i2]] = [w[i2]!, w[i1]!];
        s = w.join(' ');
      }
    }
  }
  return s;
}

function validCommand(c: Command): string | undefined {
  const str = (v: unknown) => typeof v === 'string' && v.length > 0;
  if (c.center !== undefined && !str(c.center)) return 'empty center';
  switch (c.kind) {
    case 'help':
      return c.topic === undefined || (HELP_TOPICS as readonly string[]).includes(c.topic) ? undefined : 'bad topic';
    case 'conference.start':
      if (!c.participants.length || !c.participants.every(str)) return 'bad participants';
      if (c.timeoutSeconds !== undefined && !(Number.isInteger(c.timeoutSeconds) && c.timeoutSeconds >= 5 && c.timeoutSeconds <= 600)) return 'bad timeout';
      return c.agent === undefined || str(c.agent) ? undefined : 'bad agent';
    case 'conference.end':
      return str(c.conferenceId) ? undefined : 'bad conference id';
    case 'call.get':
      return str(c.callId) ? undefined : 'bad call id';
    case 'calls.search':
      return Number.isInteger(c.sinceSeconds) && c.sinceSeconds > 0 && c.sinceSeconds <= 90 * 86400 ? undefined : 'bad since';
    case 'agent.get':
      return str(c.agent) ? undefined : 'bad agent';
    case 'agent.set':
      return str(c.agent) && AgentStateTarget.safeParse(c.target).success ? undefined : 'bad target';
    default:
      return `unknown kind ${(c as { kind: string }).kind}`;
  }
}

describe('the /cc grammar under fuzzing', () => {
  it('answers 10,000 random and mutated inputs with a valid command or an error and usage, never a throw', () => {
    const rand = prng(0xc0ffee);
    let commands = 0;
    let errors = 0;
    const now = new Date('2026-11-23T10:00:00Z');
    for (let i = 0; i < 10_000; i++) {
      const input = generate(rand);
      let result;
      try {
        result = parseCommand(input);
      } catch (e) {
        expect.fail(`parseCommand threw on ${JSON.stringify(input)}: ${(e as Error).message}`);
      }
      if (result.ok) {
        commands++;
        const problem = validCommand(result.command);
        expect(problem, `${JSON.stringify(input)} -> ${JSON.stringify(result.command)}`).toBeUndefined();
        // And the command maps to an operation whose input the core accepts (or is help / "me").
        try {
          commandToOperation(result.command, now);
        } catch (e) {
          expect((e as { code?: string }).code, JSON.stringify(input)).toBe('ccops_invalid_input');
        }
      } else {
        errors++;
        expect(result.error.length, JSON.stringify(input)).toBeGreaterThan(0);
        expect(result.usage.length, JSON.stringify(input)).toBeGreaterThan(0);
      }
    }
    // Both branches are exercised, so the generator is not degenerate.
    expect(commands).toBeGreaterThan(1000);
    expect(errors).toBeGreaterThan(1000);
  });
});
