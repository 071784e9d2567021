// Who may do what. Pure: the caller resolves the user's supervisor status and
// agent mapping first. Supervisors act on any agent; everyone else may read,
// and change only their own status.
import type { Command } from '../shared/grammar.ts';

export interface Actor {
  userId: string;
  isSupervisor: boolean;
  /** The agent this Slack user is, from slack.userAgents. */
  agent?: { center: string; agentId: string };
}

export type Decision = { allowed: true } | { allowed: false; reason: string; hint: string };

const SUPERVISOR_HINT = 'Supervisors are listed under slack.supervisors in the ccops configuration (user ids or a user group).';

export function authorize(actor: Actor, command: Command, center: string): Decision {
  switch (command.kind) {
    case 'help':
    case 'call.get':
    case 'calls.search':
    case 'agent.get':
      return { allowed: true };
    case 'agent.set': {
      if (actor.isSupervisor) return { allowed: true };
      const own = actor.agent && actor.agent.center === center && actor.agent.agentId === command.agent;
      if (own) return { allowed: true };
      return {
        allowed: false,
        reason: actor.agent
          ? `You can change only your own status (you are ${actor.agent.agentId} at ${actor.agent.center}), not ${command.agent}'s at ${center}.`
          : `Only supervisors can change ${command.agent}'s status.`,
        hint: `Try \`/cc agent me break lunch\` for your own status. ${SUPERVISOR_HINT}`,
      };
    }
    case 'conference.start':
    case 'conference.end':
      if (actor.isSupervisor) return { allowed: true };
      return { allowed: false, reason: 'Only supervisors can start or end conferences.', hint: SUPERVISOR_HINT };
  }
}

/** Alert buttons (Acknowledge, Call back, Assign, Mute) act for the team: supervisors only. */
export function authorizeAlertAction(actor: Actor, action: string): Decision {
  if (actor.isSupervisor) return { allowed: true };
  return { allowed: false, reason: `Only supervisors can ${action} alerts.`, hint: SUPERVISOR_HINT };
}
