// App Home: a live overview per center — alerts in the last hour, mapped
// agents by state, queues muted — plus the user's own agent. Pure.
import type { AgentStateKind } from '../../shared/domain.ts';
import { STATE_LABEL } from './agent.ts';
import { type Block, context, divider, esc, fitMessage, header, LIMITS, section, slackDate } from './blocks.ts';
import type { MuteBanner } from './digest.ts';

export interface CenterOverview {
  center: string;
  vendor?: string;
  alertsLastHour: number;
  /** Agents of this center that ccops knows (slack.userAgents), by normalized state. */
  agents: { agentId: string; state: AgentStateKind | 'unknown'; user?: string }[];
  mutes: MuteBanner[];
  /** Why agent states could not be read, when they could not. */
  problem?: string;
}

export interface HomeModel {
  user: string;
  isSupervisor: boolean;
  me?: { center: string; agentId: string; state?: AgentStateKind | 'unknown' };
  centers: CenterOverview[];
  at: string;
}

export function homeView(m: HomeModel): { type: 'home'; blocks: Block[] } {
  const blocks: Block[] = [
    header('Contact centers'),
    context(`Updated ${slackDate(m.at, '{time}')} · you are ${m.isSupervisor ? 'a supervisor' : 'not a supervisor (read only, and your own status)'} · \`/cc help\``),
  ];
  if (m.me) {
    blocks.push(
      section(`*You* are agent \`${esc(m.me.agentId)}\` at *${esc(m.me.center)}*: ${m.me.state && m.me.state !== 'unknown' ? STATE_LABEL[m.me.state] : 'state unknown'}. Change it with \`/cc agent me ready\` or \`/cc agent me break lunch\`.`),
    );
  }
  for (const c of m.centers) {
    blocks.push(divider(), section(`*${esc(c.center)}*${c.vendor ? ` · ${esc(c.vendor)}` : ''} — *${c.alertsLastHour}* abandoned-call alert${c.alertsLastHour === 1 ? '' : 's'} in the last hour`));
    const byState = new Map<string, string[]>();
    for (const a of c.agents) byState.set(a.state, [...(byState.get(a.state) ?? []), a.user ? `<@${a.user}>` : `\`${esc(a.agentId)}\``]);
    if (byState.size) {
      const lines = [...byState]
        .sort((x, y) => y[1].length - x[1].length)
        .map(([state, who]) => `${state === 'unknown' ? ':grey_question: unknown' : STATE_LABEL[state as AgentStateKind]}: *${who.length}* — ${who.join(', ')}`);
      blocks.push(section(lines.join('\n')));
    } else {
      blocks.push(context('No agents of this center are mapped to Slack users (slack.userAgents).'));
    }
    if (c.problem) blocks.push(context(`:warning: ${esc(c.problem)}`));
    for (const mute of c.mutes) {
      blocks.push(context(`:no_bell: ${esc(mute.center)}${mute.skillGroup ? ` / ${esc(mute.skillGroup)}` : ''} muted until ${slackDate(mute.until)} by <@${mute.by}>`));
    }
  }
  return { type: 'home', blocks: fitMessage({ text: '', blocks }, LIMITS.homeBlocks).blocks };
}
