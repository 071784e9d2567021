// The service with the Slack bot inside it: what `ccops serve` runs once the
// configuration is known. The bot attaches to the service (startService's
// `attach`): it gets the service's submit, Redis, centers and express app
// before any worker starts, and gives back the reply sink, the alert renderer
// and the notify hook. So the construction order is the service's, and there
// is no forwarding or late binding here.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type Bot, createBot } from '../bot/app.ts';
import type { OperationSubmitter } from '../bot/ports.ts';
import { type Service, startService } from '../queues/service.ts';
import type { OperationSubmission } from '../queues/jobs.ts';
import type { Config } from '../shared/config.ts';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface RunningService {
  service: Service;
  /** Present when the configuration has a `slack` section. */
  bot?: Bot;
  /** HTTP mode mounted on the service: where Slack must send commands and clicks. */
  requestUrl?: string;
  close(): Promise<void>;
}

export interface RunServiceOptions {
  config: Config;
  logger?: Logger;
  /** @defaultValue REDIS_URL, else redis://127.0.0.1:6379 */
  redisUrl?: string;
  /** @defaultValue config.service.redisPrefix */
  prefix?: string;
  /** @defaultValue config.service.port on all interfaces */
  http?: { port?: number; host?: string };
}

/** One sentence saying Redis does not answer and what to do; undefined when it answers. */
export async function redisProblem(url: string): Promise<string | undefined> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
    return undefined;
  } catch (e) {
    const shown = url.replace(/\/\/[^@/]*@/, '//…@');
    return `Redis does not answer at ${shown} (${(e as Error).message}): start one (e.g. \`redis-server --save "" --appendonly no\`) or point REDIS_URL at one that runs.`;
  } finally {
    r.disconnect();
  }
}

export async function runService(o: RunServiceOptions): Promise<RunningService> {
  const { config } = o;
  let bot: Bot | undefined;
  const service = await startService({
    config,
    redis: o.redisUrl ?? process.env.REDIS_URL ?? DEFAULT_REDIS_URL,
    ...(o.prefix ? { prefix: o.prefix } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
    ...(o.http ? { http: o.http } : {}),
    // serve() owns the signals: it also has the demo to stop.
    handleSignals: false,
    attach: config.slack
      ? (ctx) => {
          // The service's submission type is the job schema's input; the bot's is the same shape, declared in bot/ports.ts.
          const queues: OperationSubmitter = { submit: (job) => ctx.submit(job as OperationSubmission) };
          const b = createBot({
            config,
            queues,
            redis: ctx.redis,
            logger: ctx.logger,
            keyPrefix: `${ctx.prefix}:bot`,
            centers: (name) => ctx.centers.get(name),
            ...(ctx.app && config.slack?.mode !== 'socket' ? { expressApp: ctx.app } : {}),
          });
          bot = b;
          return {
            replySink: b.replySink,
            renderer: b.alerts,
            notifyHook: b.alerts,
            start: () => b.start(),
            close: () => b.stop(),
          };
        }
      : undefined,
  });
  const mounted = bot && config.slack?.mode !== 'socket' && service.url;
  return {
    service,
    ...(bot ? { bot } : {}),
    ...(mounted ? { requestUrl: `${service.url}/slack/events` } : {}),
    close: () => service.close(),
  };
}
