// Everything a listener needs, built once by createBot.
import type { WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { SlackSettings } from '../shared/config.ts';
import type { Auditor } from './audit.ts';
import type { Actor } from './authz.ts';
import type { CenterChoice } from './centers.ts';
import type { CenterLookup, OperationSubmitter } from './ports.ts';
import type { SlackReplier } from './replier.ts';
import type { SupervisorDirectory } from './supervisors.ts';

export interface BotContext {
  slack: SlackSettings;
  centers: CenterChoice;
  lookupCenter: CenterLookup;
  submitter: OperationSubmitter;
  redis: Redis;
  /** Key prefix of the bot's Redis keys, e.g. `{ccops}:bot`. */
  prefix: string;
  client: WebClient;
  auditor: Auditor;
  supervisors: SupervisorDirectory;
  replier: SlackReplier;
  logger: Logger;
  now: () => number;
}

export async function actorFor(ctx: BotContext, userId: string): Promise<Actor> {
  const agent = ctx.slack.userAgents[userId];
  return { userId, isSupervisor: await ctx.supervisors.isSupervisor(userId), ...(agent ? { agent } : {}) };
}
