// The service's HTTP app: /healthz, /metrics and Bull Board (/admin/queues,
// behind basic auth). One express app, so the bot's ExpressReceiver can be
// mounted on it too.
import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { Secret } from '../shared/secret.ts';
import type { Centers } from './centers.ts';

export interface HttpAppOptions {
  redis: Redis;
  centers: Centers;
  queues: Queue[];
  registry: Registry;
  /** Bull Board is served only with credentials. */
  admin?: { user: string; password: Secret };
  app?: Express;
  /** Read-only queues in Bull Board (no retry/clean buttons). */
  readOnlyQueues?: string[];
  /** This process's workers, by queue: a worker that stopped running makes the process unhealthy. */
  workers?: () => { queue: string; running: boolean }[];
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function basicAuth(user: string, password: Secret) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const [scheme, encoded] = header.split(' ');
    if (scheme === 'Basic' && encoded) {
      const decoded = Buffer.from(encoded, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i > 0 && same(decoded.slice(0, i), user) && same(decoded.slice(i + 1), password.reveal())) return next();
    }
    res.set('WWW-Authenticate', 'Basic realm="ccops queues", charset="UTF-8"').status(401).send('Authentication required.');
  };
}

export function createHttpApp(o: HttpAppOptions): Express {
  const app = o.app ?? express();
  app.disable('x-powered-by');

  app.get('/healthz', async (_req, res) => {
    let redis: { status: 'up' | 'down'; error?: string };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([o.redis.ping(), new Promise((_, rej) => (timer = setTimeout(() => rej(new Error('no answer within 2 s')), 2000)))]);
      redis = { status: 'up' };
    } catch (e) {
      redis = { status: 'down', error: (e as Error).message };
    } finally {
      clearTimeout(timer);
    }
    const centers = o.centers.health();
    const workers = Object.fromEntries((o.workers?.() ?? []).map((w) => [w.queue, w.running ? 'running' : 'stopped']));
    const down =
      redis.status === 'down' || Object.values(centers).some((c) => c.status === 'down') || Object.values(workers).includes('stopped');
    res.status(down ? 503 : 200).json({ status: down ? 'down' : 'up', redis, centers, workers });
  });

  app.get('/metrics', async (_req, res) => {
    try {
      res.set('Content-Type', o.registry.contentType).send(await o.registry.metrics());
    } catch (e) {
      res.status(500).send(`metrics unavailable: ${(e as Error).message}`);
    }
  });

  if (o.admin) {
    const adapter = new ExpressAdapter();
    adapter.setBasePath('/admin/queues');
    createBullBoard({
      queues: o.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: o.readOnlyQueues?.includes(q.name) ?? false })),
      // @bull-board/express carries its own copy of @bull-board/api (a patch version
      // apart); the two types differ only in private fields.
      serverAdapter: adapter as never,
    });
    app.use('/admin/queues', basicAuth(o.admin.user, o.admin.password), adapter.getRouter());
  }
  return app;
}
