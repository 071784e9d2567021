// Which center a command acts on, and who "me" is. Pure.
import type { Command } from '../shared/grammar.ts';
import type { Actor } from './authz.ts';

export interface CenterChoice {
  names: string[];
  defaultCenter: string;
  defaultCenterByChannel: Record<string, string>;
}

export type Resolution = { ok: true; center: string; command: Command } | { ok: false; reason: string; hint: string };

/**
 * --center wins; then, for "me", the center the user's agent belongs to; then
 * the channel's default; then the configuration's. "me" becomes the agent id.
 */
export function resolveCommand(command: Command, actor: Actor, channel: string, c: CenterChoice): Resolution {
  if (command.center !== undefined && !c.names.includes(command.center)) {
    return { ok: false, reason: `There is no center named "${command.center}".`, hint: `Configured centers: ${c.names.map((n) => `\`${n}\``).join(', ')}.` };
  }
  const agentField = 'agent' in command ? command.agent : undefined;
  const isMe = agentField?.toLowerCase() === 'me';
  if (isMe && !actor.agent) {
    return {
      ok: false,
      reason: 'You are not mapped to an agent, so "me" means nobody.',
      hint: 'Give the agent id instead, or ask whoever runs ccops to add you under slack.userAgents.',
    };
  }
  if (isMe && command.center !== undefined && command.center !== actor.agent!.center) {
    return {
      ok: false,
      reason: `You are ${actor.agent!.agentId} at ${actor.agent!.center}, not an agent at ${command.center}.`,
      hint: 'Drop --center, or give the agent id at that center.',
    };
  }
  const center =
    command.center ?? (isMe ? actor.agent!.center : undefined) ?? c.defaultCenterByChannel[channel] ?? c.defaultCenter;
  const resolved = isMe ? ({ ...command, agent: actor.agent!.agentId } as Command) : command;
  return { ok: true, center, command: resolved };
}

/** Words for what a command asks, for the "working on it" line and the audit. */
export function describe(command: Command): string {
  switch (command.kind) {
    case 'conference.start':
      return `conference with ${command.participants.length} participant${command.participants.length === 1 ? '' : 's'}`;
    case 'conference.end':
      return `end conference ${command.conferenceId}`;
    case 'call.get':
      return `call ${command.callId}`;
    case 'calls.search':
      return `calls${command.abandoned ? ' (abandoned)' : ''}`;
    case 'agent.get':
      return `agent ${command.agent}`;
    case 'agent.set':
      return `agent ${command.agent} → ${command.target.kind}${command.target.kind === 'break' && command.target.reason ? ` (${command.target.reason})` : ''}`;
    case 'help':
      return 'help';
  }
}
