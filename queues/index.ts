// What the rest of ccops uses from queues/: the service, the interfaces a
// front end implements (ReplySink, AlertRenderer, NotifyDeliveryHook), the
// Slack poster, the logger.
export { startService } from './service.ts';
export type { Attachment, Role, Service, ServiceContext, ServiceOptions } from './service.ts';
export { submitOperation } from './operations.ts';
export type { OperationSubmission } from './jobs.ts';
export { MemoryReplySink, nullReplySink, ReplyTarget } from './reply.ts';
export type { ReplySink, ReplyUpdate } from './reply.ts';
export type { AlertCall } from './alert.ts';
export type { AlertRenderer, RenderContext, SlackMessageBody } from './render.ts';
export type { NotifyDelivery, NotifyDeliveryHook } from './notify.ts';
export { createSlackWebClient, SlackRateLimited, webClientPoster } from './slack.ts';
export type { PostedMessage, SlackOutgoing, SlackPoster } from './slack.ts';
export { createLogger } from './logger.ts';
export { QUEUE } from './names.ts';
