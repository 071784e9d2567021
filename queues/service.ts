// The ccops service: the operations, outcomes, alert-poll and notify workers,
// one job scheduler per alerting center, the Huawei event bridges, and the
// HTTP app (/healthz, /metrics, /admin/queues), from the configuration.
// `node cli/main.ts serve` (npm start) calls startService.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { type Job, Queue, Worker, type WorkerOptions } from 'bullmq';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { CenterProfile, Config } from '../shared/config.ts';
import { UndiciTransport } from '../shared/http.ts';
import type { ContactCenter } from '../shared/port.ts';
import { createContactCenter } from '../shared/vendors/index.ts';
import type { Secret } from '../shared/secret.ts';
import { AlertsSection, ServiceSection } from '../shared/service-config.ts';
import { routeAlert } from '../shared/slack-config.ts';
import { renderAlert } from '../bot/views/alert.ts';
import { renderDigest } from '../bot/views/digest.ts';
import { abandonedPoller, upsertPollSchedulers } from './abandoned.ts';
import { Centers } from './centers.ts';
import { agentOfInput, type AgentEventSource, EventBridge } from './event-bridge.ts';
import { createHttpApp } from './http.ts';
import type { OperationSubmission } from './jobs.ts';
import { createLogger } from './logger.ts';
import { createMetrics, type ServiceMetrics } from './metrics.ts';
import { Keys, QUEUE } from './names.ts';
import { type NotifyDeliveryHook, notifyProcessor } from './notify.ts';
import { operationsProcessor, type OperationsSettings, submitOperation, VENDOR_BACKOFF, vendorBackoff } from './operations.ts';
import { outcomesProcessor } from './outcomes.ts';
import { bullConnection, checkEvictionPolicy, connect, type RedisConnection, withScripts, type CcopsRedis } from './redis.ts';
import type { AlertRenderer } from './render.ts';
import { nullReplySink, type ReplySink } from './reply.ts';
import { createSlackWebClient, type SlackPoster, webClientPoster } from './slack.ts';

export type Role = 'operations' | 'outcomes' | 'alerts' | 'notify';

export interface ServiceOptions {
  config: Config;
  /** @defaultValue process.env.REDIS_URL, else redis://127.0.0.1:6379 */
  redis?: RedisConnection;
  /** Overrides config.service.redisPrefix (tests use a unique one per run). */
  prefix?: string;
  /**
   * Builds a configured center's adapter.
   * @defaultValue createContactCenter (shared/vendors) over one UndiciTransport the service closes at shutdown
   */
  createCenter?: (name: string, profile: CenterProfile) => ContactCenter | Promise<ContactCenter>;
  /**
   * Front ends that live in the service process (the Slack bot): called once
   * the queues, centers and HTTP app exist and before any worker starts, so
   * they can submit operations and mount routes; what they return replaces
   * replySink / renderer / notifyHook, and is started and closed with the service.
   */
  attach?: (ctx: ServiceContext) => Attachment | Promise<Attachment>;
  /**
   * Where alerts are posted. A WebClient is wrapped so 429s reach the queue
   * (build it with createSlackWebClient). Default: a WebClient from
   * config.slack (botToken, apiUrl); no alert delivery without either.
   */
  slack?: SlackPoster | WebClient;
  /** Receives operation results (the bot's Slack replier, the CLI). @defaultValue drops them */
  replySink?: ReplySink;
  /** @defaultValue bot/views/alert.ts and bot/views/digest.ts */
  renderer?: AlertRenderer;
  /** Takes over posting alerts (the bot's SlackAlertPresenter: folding, mutes, buttons' records). */
  notifyHook?: NotifyDeliveryHook;
  logger?: Logger;
  /** HTTP app; false: none. port 0 picks a free one. @defaultValue config.service.port */
  http?: false | { port?: number; host?: string; app?: Express };
  /** Which workers this process runs. @defaultValue all */
  roles?: Partial<Record<Role, boolean>>;
  /** SIGTERM / SIGINT close the service and exit. @defaultValue true */
  handleSignals?: boolean;
  /** Worker lock and stall check (tests shorten them). @defaultValue BullMQ's 30 s */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Huawei lease length. @defaultValue 15000 */
  leaseMs?: number;
  /** Worker concurrency per queue. */
  concurrency?: Partial<Record<Role, number>>;
  /** prom-client default process metrics. @defaultValue true */
  defaultMetrics?: boolean;
}

/** What an attached front end gets. */
export interface ServiceContext {
  config: Config;
  prefix: string;
  /** ccops' command connection (the bot keeps its keys under `${prefix}:bot`). */
  redis: Redis;
  logger: Logger;
  /** The service's express app, not yet listening; absent with http: false. */
  app?: Express;
  /** The configured centers' adapters. */
  centers: Centers;
  /** Queue an operation (OperationSubmitter). */
  submit(sub: OperationSubmission): Promise<string>;
}

export interface Attachment {
  replySink?: ReplySink;
  renderer?: AlertRenderer;
  notifyHook?: NotifyDeliveryHook;
  /** Called once the workers and the HTTP server run. */
  start?(): Promise<unknown>;
  /** Called first at shutdown. */
  close?(): Promise<void>;
}

export interface Service {
  readonly prefix: string;
  readonly keys: Keys;
  readonly queues: Record<'operations' | 'outcomes' | 'poll' | 'notify', Queue>;
  readonly centers: Centers;
  readonly metrics: ServiceMetrics;
  readonly redis: CcopsRedis;
  readonly bridges: EventBridge[];
  readonly logger: Logger;
  /** The express app (mount the bot's receiver on it). */
  readonly app?: Express;
  /** http://host:port when serving. */
  readonly url?: string;
  /** Centers whose abandoned calls are polled. */
  readonly alertCenters: string[];
  /** Queue an operation; the same idempotency key within the window returns the first job's id. */
  submit(sub: OperationSubmission): Promise<string>;
  /** Stop taking jobs, finish (or hand back) what is in flight, sign agents out, disconnect. */
  close(): Promise<void>;
}

function isHuaweiSource(c: ContactCenter): c is ContactCenter & AgentEventSource {
  const s = c as Partial<AgentEventSource>;
  return c.vendor === 'huawei-aicc' && typeof s.onEvent === 'function' && typeof s.feedEvent === 'function' && typeof s.signIn === 'function';
}

export async function startService(o: ServiceOptions): Promise<Service> {
  const config = o.config;
  const alerts = config.alerts ?? AlertsSection.parse({});
  const svc = config.service ?? ServiceSection.parse({});
  const logger = o.logger ?? createLogger();
  const prefix = o.prefix ?? svc.redisPrefix;
  const keys = new Keys(prefix);
  const conn = o.redis ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const roles = { operations: true, outcomes: true, alerts: true, notify: true, ...o.roles };
  const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;

  const redis = withScripts(connect(conn));
  redis.on('error', (e) => logger.warn({ err: e }, 'Redis connection error'));
  await redis.ping();
  await checkEvictionPolicy(redis, logger);

  // --- centers ----------------------------------------------------------------
  const transport = o.createCenter ? undefined : new UndiciTransport();
  const createCenter = o.createCenter ?? ((name: string, profile: CenterProfile) => createContactCenter(name, profile, { transport: transport! }));
  const built: ContactCenter[] = [];
  for (const [name, profile] of Object.entries(config.centers)) built.push(await createCenter(name, profile));
  const centers = new Centers(built);

  // --- queues -----------------------------------------------------------------
  const bull = bullConnection(conn);
  const qopts = { connection: bull, prefix };
  const queues = {
    operations: new Queue(QUEUE.operations, qopts),
    outcomes: new Queue(QUEUE.outcomes, qopts),
    poll: new Queue(QUEUE.poll, qopts),
    notify: new Queue(QUEUE.notify, qopts),
  };
  for (const q of Object.values(queues)) q.on('error', (e) => logger.warn({ queue: q.name, err: e }, 'queue error'));
  const metrics = createMetrics(() => Object.values(queues), { defaultMetrics: o.defaultMetrics ?? true });

  const opSettings: OperationsSettings = {
    attempts: svc.operations.attempts,
    baseDelayMs: svc.operations.baseDelayMs,
    maxDelayMs: svc.operations.maxDelayMs,
    idempotencyWindowMs: svc.operations.idempotencyWindowSeconds * 1000,
  };
  const submit = (sub: OperationSubmission) => submitOperation(queues.operations, opSettings, sub);

  // The HTTP app exists before the workers so attached front ends can mount on it.
  const app: Express | undefined =
    o.http === false
      ? undefined
      : createHttpApp({
          redis,
          centers,
          queues: Object.values(queues),
          registry: metrics.registry,
          workers: () => workers.map((w) => ({ queue: w.name, running: w.isRunning() })),
          ...(svc.admin ? { admin: { user: svc.admin.user, password: svc.admin.password as Secret } } : {}),
          ...(o.http?.app ? { app: o.http.app } : {}),
        });
  const attached: Attachment = o.attach
    ? await o.attach({ config, prefix, redis, logger, ...(app ? { app } : {}), centers, submit })
    : {};
  const sink = attached.replySink ?? o.replySink ?? nullReplySink;
  const renderer = attached.renderer ?? o.renderer ?? { alert: renderAlert, digest: renderDigest };
  const notifyHook = attached.notifyHook ?? o.notifyHook;

  // --- Huawei event bridges ---------------------------------------------------------
  const bridges: EventBridge[] = [];
  const bridgeOf = new Map<string, EventBridge>();
  for (const c of centers.all()) {
    if (!isHuaweiSource(c)) continue;
    const profile = config.centers[c.center] as { agentId?: string };
    const reader = connect(conn);
    reader.on('error', (e) => logger.warn({ err: e }, 'Redis connection error (event reader)'));
    const bridge = new EventBridge({
      source: c,
      redis,
      reader,
      keys,
      owner,
      // Only a process that runs operations may hold an agent's lease: the operations
      // gate sends the agent's jobs to the holder, and a holder without the
      // operations worker would leave them bouncing forever.
      agents: roles.operations && profile.agentId ? [profile.agentId] : [],
      logger,
      ...(o.leaseMs ? { leaseMs: o.leaseMs } : {}),
    });
    bridges.push(bridge);
    bridgeOf.set(c.center, bridge);
  }
  for (const b of bridges) await b.start();

  // --- workers ----------------------------------------------------------------------
  const workers: Worker[] = [];
  const workerOpts = (role: Role, fallback: number): WorkerOptions => ({
    connection: bull,
    prefix,
    concurrency: o.concurrency?.[role] ?? fallback,
    ...(o.lockDurationMs ? { lockDuration: o.lockDurationMs } : {}),
    ...(o.stalledIntervalMs ? { stalledInterval: o.stalledIntervalMs } : {}),
    settings: { backoffStrategy: vendorBackoff(opSettings) },
  });
  const watch = (w: Worker, queue: string) => {
    w.on('error', (e) => logger.error({ queue, err: e }, 'worker error'));
    w.on('failed', (job, e) => logger.warn({ queue, jobId: job?.id, attemptsMade: job?.attemptsMade, err: e }, 'job failed'));
    w.on('stalled', (jobId) => logger.warn({ queue, jobId }, 'job stalled (its worker died or blocked); it will run again'));
    const observe = (job: Job, status: string) => {
      if (job.processedOn && job.finishedOn) metrics.jobDuration.observe({ queue, status }, (job.finishedOn - job.processedOn) / 1000);
    };
    w.on('completed', (job) => observe(job, 'completed'));
    w.on('failed', (job) => job && observe(job, 'failed'));
    workers.push(w);
  };

  if (roles.operations) {
    const gate = async (center: ContactCenter, job: { input: unknown }) => {
      const bridge = bridgeOf.get(center.center);
      if (!bridge) return true;
      const agent = agentOfInput(job.input, (config.centers[center.center] as { agentId?: string }).agentId);
      return agent ? bridge.acquire(agent) : true;
    };
    const proc = operationsProcessor({
      centers,
      sink,
      outcomes: queues.outcomes,
      settings: opSettings,
      outcomeSettings: { maxWaitMs: svc.outcomes.maxWaitSeconds * 1000, minPollMs: svc.outcomes.minPollMs },
      logger,
      metrics,
      gate,
    });
    watch(new Worker(QUEUE.operations, proc, workerOpts('operations', svc.operations.concurrency)), QUEUE.operations);
  }
  if (roles.outcomes) {
    const proc = outcomesProcessor({ centers, sink, logger, metrics });
    watch(new Worker(QUEUE.outcomes, proc, workerOpts('outcomes', 50)), QUEUE.outcomes);
  }

  // --- alerts -----------------------------------------------------------------------
  let slack: SlackPoster | undefined;
  if (o.slack instanceof WebClient) {
    if ((o.slack as unknown as { rejectRateLimitedCalls?: boolean }).rejectRateLimitedCalls !== true) {
      logger.warn(
        'The Slack WebClient given to the service waits out 429s by itself, holding a worker and ignoring the per-channel pause: build it with createSlackWebClient (rejectRateLimitedCalls, no retries).',
      );
    }
    slack = webClientPoster(o.slack);
  }
  else if (o.slack) slack = o.slack;
  else if (config.slack) {
    slack = webClientPoster(createSlackWebClient(config.slack.botToken.reveal(), config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}));
  }
  const alertCenters: string[] = [];
  if (alerts.enabled && slack) {
    for (const name of alerts.centers ?? centers.names()) {
      const c = centers.get(name)!;
      const cap = c.capabilities.listAbandonedCalls;
      if (cap.supported) alertCenters.push(name);
      else logger.info({ center: name, vendor: c.vendor }, `abandoned-call alerts are off for center "${name}": ${cap.reason}`);
    }
  } else if (alerts.enabled) {
    logger.info('abandoned-call alerts are off: no Slack is configured (config.slack) to post them to');
  }
  const routing = config.slack ?? { alertRoutes: [], defaultChannel: undefined };

  if (roles.alerts && alertCenters.length) {
    const proc = abandonedPoller({
      redis,
      keys,
      centers,
      notify: queues.notify,
      settings: {
        intervalMs: alerts.intervalSeconds * 1000,
        overlapMs: alerts.overlapSeconds * 1000,
        initialLookbackMs: alerts.initialLookbackSeconds * 1000,
        dedupTtlSec: alerts.dedupTtlSeconds,
      },
      route: (call) => routeAlert(routing, call),
      logger,
      metrics,
    });
    watch(new Worker(QUEUE.poll, proc, workerOpts('alerts', Math.min(8, alertCenters.length))), QUEUE.poll);
    await upsertPollSchedulers(queues.poll, alertCenters, alerts.intervalSeconds * 1000);
  }
  if (roles.notify && slack) {
    const proc = notifyProcessor({
      redis,
      keys,
      slack,
      renderer,
      ...(notifyHook ? { hook: notifyHook } : {}),
      settings: {
        digestThreshold: alerts.digestThreshold,
        digestMax: alerts.digestMax,
        perChannelPerSecond: alerts.perChannelPerSecond,
        ttlSec: alerts.dedupTtlSeconds,
      },
      logger,
      metrics,
      vendorOf: (c) => centers.get(c)?.vendor,
    });
    watch(new Worker(QUEUE.notify, proc, workerOpts('notify', 20)), QUEUE.notify);
  }

  // --- HTTP ---------------------------------------------------------------------------
  let server: Server | undefined;
  let url: string | undefined;
  if (app) {
    const http = o.http || {};
    const port = http.port ?? svc.port;
    const host = http.host ?? '0.0.0.0';
    server = await new Promise<Server>((resolve, reject) => {
      const s = app!.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
    });
    const addr = server.address() as AddressInfo;
    url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${addr.port}`;
  }

  await attached.start?.();
  logger.info(
    { prefix, centers: centers.names(), alertCenters, roles, url, owner },
    `ccops service started: ${workers.length} workers, ${alertCenters.length} alerting centers${url ? `, HTTP on ${url}` : ''}`,
  );

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      logger.info('shutting down: no new jobs; finishing the ones in flight');
      await attached.close?.().catch((e: unknown) => logger.warn({ err: e }, 'a front end failed to stop'));
      const grace = svc.shutdownGraceSeconds * 1000;
      await Promise.all(
        workers.map(async (w) => {
          let timer: NodeJS.Timeout | undefined;
          const forced = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), grace)));
          const r = await Promise.race([w.close().then(() => 'done' as const), forced]);
          clearTimeout(timer);
          // Jobs still running are handed back: their locks lapse and another process takes them.
          if (r === 'late') await w.close(true);
        }),
      );
      for (const b of bridges) await b.stop();
      await centers.closeAll(); // Huawei signs its agents out here
      await transport?.close();
      await Promise.all(Object.values(queues).map((q) => q.close()));
      if (server) await new Promise<void>((r) => server!.close(() => r()));
      server?.closeAllConnections?.();
      await redis.quit().catch(() => redis.disconnect());
      logger.info('ccops service stopped');
    })());

  if (o.handleSignals ?? true) {
    const onSignal = (signal: string) => {
      logger.info({ signal }, 'signal received');
      close().then(
        () => process.exit(0),
        (e) => {
          logger.error({ err: e }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    process.once('SIGINT', () => onSignal('SIGINT'));
  }

  return {
    prefix,
    keys,
    queues,
    centers,
    metrics,
    redis,
    bridges,
    logger,
    ...(app ? { app } : {}),
    ...(url ? { url } : {}),
    alertCenters,
    submit,
    close,
  };
}

export { VENDOR_BACKOFF };
export type { Redis };
