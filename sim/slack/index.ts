export { startSlackSim, SlackApiFailure, parseArgs } from './server.ts';
export type { SlackSim, SlackSimOptions, SlackArgs, MethodHandler, MethodContext } from './server.ts';
export { SlackWorkspace, TsClock } from './workspace.ts';
export type { SlackMessage, EphemeralMessage, SlackChannel } from './workspace.ts';
export { ChannelRateLimiter } from './rate-limit.ts';
export type { ChannelLimitOptions } from './rate-limit.ts';
