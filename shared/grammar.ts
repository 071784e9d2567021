// The `/cc` command language, shared by the Slack bot and the `ccops` CLI.
// Pure: text in, a typed command or a usage error out. It never throws.
//
//   conference start <participant…> [--agent A] [--timeout S]
//   conference end <conference id> [--agent A]
//   call <id>
//   calls [--number N] [--agent A] [--since 2h] [--abandoned]
//   agent <id>
//   agent <id> ready | break [reason…] | offline | online [group…]
//   help [topic]
//   --center C anywhere
import type { AgentStateTarget } from './domain.ts';

interface Common {
  center?: string;
}
export type Command = Common &
  (
    | { kind: 'conference.start'; participants: string[]; agent?: string; timeoutSeconds?: number }
    | { kind: 'conference.end'; conferenceId: string; agent?: string }
    | { kind: 'call.get'; callId: string }
    | { kind: 'calls.search'; number?: string; agent?: string; sinceSeconds: number; abandoned: boolean }
    | { kind: 'agent.get'; agent: string }
    | { kind: 'agent.set'; agent: string; target: AgentStateTarget }
    | { kind: 'help'; topic?: HelpTopic }
  );

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string; usage: string };

export const HELP_TOPICS = ['conference', 'call', 'calls', 'agent'] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

const USAGE: Record<HelpTopic, string> = {
  conference: [
    'conference start <participant…> [--agent A] [--timeout S]   start a conference (agent extensions or phone numbers)',
    'conference end <conference id> [--agent A]                   end it, or take agent A out of it',
  ].join('\n'),
  call: 'call <id>                                                    look up one call',
  calls: 'calls [--number N] [--agent A] [--since 2h] [--abandoned]    search recent calls (default: last 1h)',
  agent: [
    'agent <id>                                                   show an agent\'s status',
    'agent <id> ready | break [reason] | offline | online [group…]  change it ("me" is yourself in Slack)',
  ].join('\n'),
};

/** The usage of one subcommand, or of everything. */
export function usage(topic?: HelpTopic): string {
  const body = topic ? USAGE[topic] : HELP_TOPICS.map((t) => USAGE[t]).join('\n');
  return topic ? body : `${body}\nhelp [topic]                                                 this text\nAdd --center C to any command to pick a contact center.`;
}

/** Default window for `calls` with no --since; the longest allowed. */
export const DEFAULT_SINCE_SECONDS = 3600;
export const MAX_SINCE_SECONDS = 90 * 86400;
const TIMEOUT_RANGE = [5, 600] as const;

/** Splits on white space; "double", 'single' and Slack's “curly” quotes group words. */
export function tokenize(text: string): { tokens: string[] } | { error: string } {
  const tokens: string[] = [];
  const closers: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’' };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    let token = '';
    while (i < text.length && !/\s/.test(text[i]!)) {
      const c = text[i]!;
      const close = closers[c];
      if (close) {
        const end = text.indexOf(close, i + 1);
        if (end < 0) return { error: `a quote (${c}) is not closed` };
        token += text.slice(i + 1, end);
        i = end + 1;
      } else {
        token += c;
        i++;
      }
    }
    tokens.push(token);
  }
  return { tokens };
}

/** `90s`, `30m`, `2h`, `1d` (a bare number is minutes) -> seconds. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,6})([smhd]?)$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] || 'm').toLowerCase();
  return n * { s: 1, m: 60, h: 3600, d: 86400 }[unit as 's' | 'm' | 'h' | 'd'];
}

interface Split {
  words: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['center', 'agent', 'timeout', 'number', 'since']);
const BOOL_FLAGS = new Set(['abandoned']);

function splitFlags(tokens: string[]): Split | { error: string } {
  const words: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.startsWith('--') || t === '--') {
      words.push(t);
      continue;
    }
    const eq = t.indexOf('=');
    const name = (eq > 0 ? t.slice(2, eq) : t.slice(2)).toLowerCase();
    if (BOOL_FLAGS.has(name)) {
      if (eq > 0) return { error: `--${name} takes no value` };
      flags.set(name, true);
    } else if (VALUE_FLAGS.has(name)) {
      const value = eq > 0 ? t.slice(eq + 1) : tokens[++i];
      if (value === undefined || value === '' || value.startsWith('--')) return { error: `--${name} needs a value` };
      if (flags.has(name)) return { error: `--${name} is given twice` };
      flags.set(name, value);
    } else {
      return { error: `unknown option --${name}` };
    }
  }
  return { words, flags };
}

function fail(error: string, topic?: HelpTopic): ParseResult {
  return { ok: false, error, usage: usage(topic) };
}

function allowOnly(flags: Map<string, unknown>, allowed: string[], topic: HelpTopic): ParseResult | undefined {
  for (const name of flags.keys()) {
    if (name !== 'center' && !allowed.includes(name)) return fail(`--${name} does not apply here`, topic);
  }
  return undefined;
}

const str = (v: string | true | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

export function parseCommand(text: string): ParseResult {
  const tok = tokenize(text.trim());
  if ('error' in tok) return fail(tok.error);
  const split = splitFlags(tok.tokens);
  if ('error' in split) return fail(split.error, topicOf(tok.tokens[0]));
  const { words, flags } = split;
  const center = str(flags.get('center'));
  const withCenter = (c: Command): ParseResult => ({ ok: true, command: center ? { ...c, center } : c });
  const [verb, ...rest] = words;

  switch (verb?.toLowerCase()) {
    case undefined:
    case 'help': {
      const topic = rest[0]?.toLowerCase();
      if (rest.length > 1) return fail('help takes at most one topic');
      if (topic === undefined) return withCenter({ kind: 'help' });
      if (!isTopic(topic)) return fail(`there is no help on "${topic}"`);
      return withCenter({ kind: 'help', topic });
    }
    case 'conference':
      return parseConference(rest, flags, withCenter);
    case 'call': {
      const bad = allowOnly(flags, [], 'call');
      if (bad) return bad;
      if (rest.length !== 1) return fail(rest.length ? 'give exactly one call id' : 'which call? give its id', 'call');
      return withCenter({ kind: 'call.get', callId: rest[0]! });
    }
    case 'calls': {
      const bad = allowOnly(flags, ['number', 'agent', 'since', 'abandoned'], 'calls');
      if (bad) return bad;
      if (rest.length) return fail(`unexpected "${rest[0]}": calls takes only options`, 'calls');
      const sinceText = str(flags.get('since'));
      const sinceSeconds = sinceText === undefined ? DEFAULT_SINCE_SECONDS : parseDuration(sinceText);
      if (sinceSeconds === undefined || sinceSeconds <= 0) {
        return fail(`--since wants a duration like 30m, 2h or 1d, not "${sinceText}"`, 'calls');
      }
      if (sinceSeconds > MAX_SINCE_SECONDS) return fail('--since can reach back at most 90 days', 'calls');
      const number = str(flags.get('number'));
      const agent = str(flags.get('agent'));
      return withCenter({
        kind: 'calls.search',
        sinceSeconds,
        abandoned: flags.get('abandoned') === true,
        ...(number ? { number } : {}),
        ...(agent ? { agent } : {}),
      });
    }
    case 'agent':
      return parseAgent(rest, flags, withCenter);
    default:
      return fail(`unknown command "${verb}"`);
  }
}

function parseConference(rest: string[], flags: Map<string, string | true>, ok: (c: Command) => ParseResult): ParseResult {
  const [sub, ...args] = rest;
  const agent = str(flags.get('agent'));
  switch (sub?.toLowerCase()) {
    case 'start': {
      const bad = allowOnly(flags, ['agent', 'timeout'], 'conference');
      if (bad) return bad;
      if (!args.length) return fail('name at least one participant (an agent extension or a phone number)', 'conference');
      const timeoutText = str(flags.get('timeout'));
      let timeoutSeconds: number | undefined;
      if (timeoutText !== undefined) {
        timeoutSeconds = /^\d{1,4}$/.test(timeoutText) ? Number(timeoutText) : NaN;
        if (!(timeoutSeconds >= TIMEOUT_RANGE[0] && timeoutSeconds <= TIMEOUT_RANGE[1])) {
          return fail(`--timeout is whole seconds from ${TIMEOUT_RANGE[0]} to ${TIMEOUT_RANGE[1]}, not "${timeoutText}"`, 'conference');
        }
      }
      return ok({
        kind: 'conference.start',
        participants: args,
        ...(agent ? { agent } : {}),
        ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
      });
    }
    case 'end': {
      const bad = allowOnly(flags, ['agent'], 'conference');
      if (bad) return bad;
      if (args.length !== 1) return fail('give the id of the conference to end', 'conference');
      return ok({ kind: 'conference.end', conferenceId: args[0]!, ...(agent ? { agent } : {}) });
    }
    default:
      return fail(sub ? `"conference ${sub}" is not a command: use start or end` : 'conference start or conference end?', 'conference');
  }
}

function parseAgent(rest: string[], flags: Map<string, string | true>, ok: (c: Command) => ParseResult): ParseResult {
  const bad = allowOnly(flags, [], 'agent');
  if (bad) return bad;
  const [agent, action, ...args] = rest;
  if (!agent) return fail('which agent? give an agent id, or "me"', 'agent');
  if (action === undefined) return ok({ kind: 'agent.get', agent });
  switch (action.toLowerCase()) {
    case 'ready':
    case 'offline':
      if (args.length) return fail(`"${action}" takes nothing after it`, 'agent');
      return ok({ kind: 'agent.set', agent, target: { kind: action.toLowerCase() as 'ready' | 'offline' } });
    case 'break': {
      const reason = args.join(' ');
      if (reason.length > 64) return fail('a break reason is at most 64 characters', 'agent');
      return ok({ kind: 'agent.set', agent, target: reason ? { kind: 'break', reason } : { kind: 'break' } });
    }
    case 'online':
      return ok({ kind: 'agent.set', agent, target: args.length ? { kind: 'online', skillGroups: args } : { kind: 'online' } });
    default:
      return fail(`"${action}" is not a state: use ready, break [reason], offline or online [group…]`, 'agent');
  }
}

function isTopic(t: string): t is HelpTopic {
  return (HELP_TOPICS as readonly string[]).includes(t);
}

function topicOf(word: string | undefined): HelpTopic | undefined {
  const w = word?.toLowerCase();
  return w && isTopic(w) ? w : undefined;
}
