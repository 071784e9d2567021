// The Slack bot: a Bolt app with /cc, the alert buttons and App Home. HTTP
// mode (signing secret) for production, Socket Mode (app-level token) for
// development, chosen by configuration. In HTTP mode it either mounts
// /slack/events on the service's express app or serves on its own port.
import { App, ExpressReceiver, HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../shared/config.ts';
import { ConfigError } from '../shared/errors.ts';
import { AlertActions } from './alert-actions.ts';
import { AlertBook } from './alert-book.ts';
import { SlackAlertPresenter } from './alert-presenter.ts';
import { Auditor } from './audit.ts';
import { boltLogger } from './bolt-logger.ts';
import { ccCommandHandler } from './commands.ts';
import type { BotContext } from './context.ts';
import { publishHome } from './home.ts';
import { MuteBook } from './mutes.ts';
import type { CenterLookup, OperationSubmitter } from './ports.ts';
import { SlackReplier } from './replier.ts';
import { SlackReplySink } from './reply-sink.ts';
import { SupervisorDirectory } from './supervisors.ts';

export interface BotOptions {
  /** Parsed configuration; its `slack` section is required. */
  config: Config;
  /** Where /cc and Call back submit operations (queues/ supplies it). */
  queues: OperationSubmitter;
  /** The service's Redis connection (idempotency keys, alert state, mutes, response_url budget). */
  redis: Redis;
  logger: Logger;
  /** @defaultValue config.slack.mode */
  receiver?: 'http' | 'socket';
  /** HTTP mode: mount POST /slack/events on this app instead of opening a port. */
  expressApp?: Express;
  /** HTTP mode without expressApp. @defaultValue config.slack.port ?? 3000 */
  port?: number;
  /** HTTP mode without expressApp. @defaultValue all interfaces */
  host?: string;
  /** Web API base URL; point it at the Slack stand-in (sim/slack). @defaultValue config.slack.apiUrl ?? Slack's */
  slackApiUrl?: string;
  /** Redis key prefix of the bot's keys. @defaultValue `${config.service.redisPrefix}:bot` */
  keyPrefix?: string;
  /** The configured centers' adapters (capabilities; reads for App Home). */
  centers?: CenterLookup;
  /** @defaultValue Date.now */
  now?: () => number;
}

export interface Bot {
  app: App;
  /** Give this to the queues' outcome reporting: it replaces replies in Slack. */
  replySink: SlackReplySink;
  /** Give this to the notify queue: alert and digest views, folding and mutes. */
  alerts: SlackAlertPresenter;
  /** The Web API client the bot uses (for the notify queue's poster, if it has none). */
  client: WebClient;
  /** Starts listening (own port or socket); a no-op listener when mounted on expressApp. Resolves to the port when it has one. */
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
}

export function createBot(o: BotOptions): Bot {
  const slack = o.config.slack;
  if (!slack) throw new ConfigError('The Slack bot needs a "slack" section in the configuration (see manifest.yml and the README).');
  const mode = o.receiver ?? slack.mode;
  const now = o.now ?? Date.now;
  const logger = o.logger.child({ component: 'bot' });
  const apiUrl = o.slackApiUrl ?? slack.apiUrl;
  const token = slack.botToken.reveal();
  const prefix = o.keyPrefix ?? `${(o.config as { service?: { redisPrefix?: string } }).service?.redisPrefix ?? '{ccops}'}:bot`;
  const bLogger = boltLogger(logger);
  // Listener calls (chat.update, views.publish) should fail fast rather than sleep for half an hour.
  const clientOptions = { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries: 2, minTimeout: 100, maxTimeout: 1000 }, logger: bLogger };

  let receiver: Receiver;
  let ownServer = false;
  if (mode === 'socket') {
    if (!slack.appToken) throw new ConfigError('slack.appToken is needed in socket mode.');
    receiver = new SocketModeReceiver({ appToken: slack.appToken.reveal(), logger: bLogger, ...(apiUrl ? { clientOptions: { slackApiUrl: apiUrl } } : {}) });
  } else {
    if (!slack.signingSecret) throw new ConfigError('slack.signingSecret is needed in http mode.');
    const signingSecret = slack.signingSecret.reveal();
    if (o.expressApp) {
      receiver = new ExpressReceiver({ signingSecret, app: o.expressApp, logger: bLogger });
    } else {
      receiver = new HTTPReceiver({ signingSecret, logger: bLogger });
      ownServer = true;
    }
  }

  const app = new App({ token, receiver, logger: bLogger, clientOptions, deferInitialization: true });
  const client = new WebClient(token, clientOptions);
  const auditor = new Auditor(logger, slack.auditChannel ? { client: new WebClient(token, clientOptions), channel: slack.auditChannel } : {});
  const supervisors = new SupervisorDirectory(slack.supervisors, client, {
    now,
    onError: (group, e) => logger.warn({ group, err: (e as Error).message }, 'could not list a supervisor user group'),
  });
  const replier = new SlackReplier({ client, redis: o.redis, prefix, logger, now });
  const ctx: BotContext = {
    slack,
    centers: { names: Object.keys(o.config.centers), defaultCenter: o.config.defaultCenter, defaultCenterByChannel: slack.defaultCenterByChannel },
    lookupCenter: o.centers ?? (() => undefined),
    submitter: o.queues,
    redis: o.redis,
    prefix,
    client,
    auditor,
    supervisors,
    replier,
    logger,
    now,
  };
  const book = new AlertBook(o.redis, prefix);
  const mutes = new MuteBook(o.redis, prefix);
  const actions = new AlertActions({ ctx, book, mutes });
  const replySink = new SlackReplySink({ replier, auditor, logger, alerts: actions });
  const alerts = new SlackAlertPresenter({ ctx, book, mutes });

  app.command('/cc', ccCommandHandler(ctx));
  actions.register(app as never);
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await publishHome(ctx, book, mutes, event.user);
  });
  app.error(async (error) => {
    logger.error({ err: error.message, code: (error as { code?: string }).code }, 'a Slack listener failed');
  });

  let started = false;
  return {
    app,
    replySink,
    alerts,
    client,
    async start() {
      await app.init();
      started = true;
      if (mode === 'socket') {
        await app.start();
        return {};
      }
      if (!ownServer) return {};
      const server = (await app.start({ port: o.port ?? slack.port ?? 3000, ...(o.host ? { host: o.host } : {}) } as never)) as Server;
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      if (started && (ownServer || mode === 'socket')) await app.stop();
      started = false;
      await auditor.flush();
      await book.close();
    },
  };
}
