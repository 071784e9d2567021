// App Home, published on app_home_opened: reads each center's mapped agents
// directly from the adapters (reads only; writes go through the queue) with a
// short timeout, and counts the last hour's alerts from the AlertBook.
import type { AgentStateKind } from '../shared/domain.ts';
import { maskPhonesIn } from '../shared/mask.ts';
import type { AlertBook } from './alert-book.ts';
import { actorFor, type BotContext } from './context.ts';
import type { MuteBook } from './mutes.ts';
import { type CenterOverview, type HomeModel, homeView } from './views/home.ts';

const READ_TIMEOUT_MS = 2500;

export async function buildHome(ctx: BotContext, book: AlertBook, mutes: MuteBook, user: string): Promise<HomeModel> {
  const actor = await actorFor(ctx, user);
  const now = ctx.now();
  const states = new Map<string, AgentStateKind | 'unknown'>();
  const centers: CenterOverview[] = await Promise.all(
    ctx.centers.names.map(async (name) => {
      const adapter = ctx.lookupCenter(name);
      const mapped = Object.entries(ctx.slack.userAgents).filter(([, a]) => a.center === name);
      let problem: string | undefined;
      const agents = await Promise.all(
        mapped.map(async ([slackUser, a]) => {
          let state: AgentStateKind | 'unknown' = 'unknown';
          if (adapter?.capabilities.getAgentState.supported) {
            try {
              state = (await adapter.getAgentState(a.agentId, { signal: AbortSignal.timeout(READ_TIMEOUT_MS) })).state;
            } catch (e) {
              problem = `Could not read agent states: ${maskPhonesIn((e as Error).message)}`;
            }
          } else if (adapter) {
            const cap = adapter.capabilities.getAgentState;
            problem = cap.supported ? undefined : cap.reason;
          }
          states.set(`${name}\u0000${a.agentId}`, state);
          return { agentId: a.agentId, state, user: slackUser };
        }),
      );
      return {
        center: name,
        ...(adapter ? { vendor: adapter.vendor } : {}),
        alertsLastHour: await book.alertsSince(name, now - 3600_000),
        agents,
        mutes: await mutes.listCenter(name),
        ...(problem ? { problem } : {}),
      };
    }),
  );
  return {
    user,
    isSupervisor: actor.isSupervisor,
    ...(actor.agent ? { me: { ...actor.agent, state: states.get(`${actor.agent.center}\u0000${actor.agent.agentId}`) ?? 'unknown' } } : {}),
    centers,
    at: new Date(now).toISOString(),
  };
}

export async function publishHome(ctx: BotContext, book: AlertBook, mutes: MuteBook, user: string): Promise<void> {
  const model = await buildHome(ctx, book, mutes, user);
  await ctx.client.views.publish({ user_id: user, view: homeView(model) as never });
}
