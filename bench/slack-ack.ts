// Ack latency of /cc under load: 200 Slack-signed slash commands a second
// for 30 s (open loop: sent on schedule, whatever the answers do), against
// (1) a bare Bolt app whose listener only acks, and (2) the ccops bot inside
// the service, where every command is parsed, authorized, acked and queued,
// and the queued operations run against the CCC simulator meanwhile, their
// replies going to the Slack stand-in's response_urls. Same machine, same
// run, same generator. Goal: ccops p99 <= 20 ms.
//
// The apps run in the main thread, as they would in the service process.
// The load generator has a worker thread to itself (so its timing is not
// skewed by anything else), and the simulators (what is remote in production:
// Slack and the vendor) run in another, with the operation workers of the
// scale-out row.
//
//   node bench/slack-ack.ts [--rate 200] [--seconds 30]
import { App, HTTPReceiver } from '@slack/bolt';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import { Agent, request } from 'undici';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createBot } from '../bot/app.ts';
import { createLogger } from '../queues/logger.ts';
import { startService } from '../queues/service.ts';
import { parseConfig } from '../shared/config.ts';
import { startAliyunCccSim } from '../sim/aliyun-ccc/index.ts';
import { signRequest, slashCommandBody } from '../sim/slack/deliver.ts';
import { startSlackSim } from '../sim/slack/index.ts';
import { installInteractivity } from '../sim/slack/interactivity.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RATE = arg('rate', 200);
const SECONDS = arg('seconds', 30);
const SECRET = 'bench-signing-secret';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Result {
  sent: number;
  ok: number;
  failed: number;
  latenciesMs: number[];
  lateStartsMs: number;
}

/** Sends RATE commands a second for SECONDS; each one's latency is send -> full ack body. */
async function load(url: string, responseUrl: () => string, seconds = SECONDS): Promise<Result> {
  const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 10_000 });
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let late = 0;
  const total = RATE * seconds;
  const interval = 1000 / RATE;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    late = Math.max(late, performance.now() - due);
    const body = slashCommandBody({ text: 'agent agent@ccc-test', user_id: 'USUPER01', channel_id: 'CBENCH01', response_url: responseUrl() });
    const signed = signRequest(SECRET, body, 'application/x-www-form-urlencoded');
    const t0 = performance.now();
    inflight.push(
      request(url, { method: 'POST', headers: signed.headers, body, dispatcher })
        .then(async (res) => {
          await res.body.text();
          latencies.push(performance.now() - t0);
          if (res.statusCode === 200) ok++;
          else failed++;
        })
        .catch(() => {
          failed++;
        }),
    );
  }
  await Promise.all(inflight);
  await dispatcher.close();
  return { sent: total, ok, failed, latenciesMs: latencies, lateStartsMs: late };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function bareBolt(): Promise<{ url: string; stop: () => Promise<void> }> {
  const app = new App({
    token: 'xoxb-bench',
    botId: 'B0BENCH',
    botUserId: 'U0BENCH',
    receiver: new HTTPReceiver({ signingSecret: SECRET }),
  });
  app.command('/cc', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' } as never)) as Server;
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, stop: () => app.stop() as Promise<void> };
}

interface PeerInfo {
  cccProfile: Record<string, unknown>;
  cccEnv: Record<string, string>;
  slackApiUrl: string;
}

function benchConfig(peer: PeerInfo, prefix: string) {
  return parseConfig(
    {
      centers: { shanghai: peer.cccProfile },
      slack: {
        botToken: { env: 'BENCH_BOT_TOKEN' },
        signingSecret: { env: 'BENCH_SIGNING_SECRET' },
        apiUrl: peer.slackApiUrl,
        supervisors: { users: ['USUPER01'] },
        defaultChannel: '#cc-alerts',
      },
      alerts: { enabled: false },
      service: { redisPrefix: prefix },
    },
    { env: { BENCH_BOT_TOKEN: 'xoxb-ccops-test', BENCH_SIGNING_SECRET: SECRET, ...peer.cccEnv } },
  );
}

const NO_WORKERS = { operations: false, outcomes: false, alerts: false, notify: false };

/**
 * The bot in a service process. `workersHere`: that process also runs the
 * operations and outcome workers (npm start on one machine); otherwise they
 * run in another process on the same Redis (the scale-out layout).
 */
async function ccopsBot(peer: PeerInfo, prefix: string, workersHere: boolean) {
  const config = benchConfig(peer, prefix);
  let port = 0;
  const service = await startService({
    config,
    prefix,
    redis: REDIS_URL,
    logger: createLogger({ level: 'silent' }),
    http: false,
    handleSignals: false,
    defaultMetrics: false,
    ...(workersHere ? {} : { roles: NO_WORKERS }),
    attach: (ctx) => {
      const bot = createBot({ config: ctx.config, queues: ctx, redis: ctx.redis, logger: ctx.logger, port: 0, host: '127.0.0.1', centers: (n) => ctx.centers.get(n) });
      return {
        replySink: bot.replySink,
        renderer: bot.alerts,
        notifyHook: bot.alerts,
        start: async () => {
          port = (await bot.start()).port!;
        },
        close: () => bot.stop(),
      };
    },
  });
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    stop: () => service.close(),
  };
}

async function dropPrefix(prefix: string): Promise<void> {
  {
    {
      const r = new Redis(REDIS_URL);
      let cursor = '0';
      do {
        const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix.replace(/([*?[\]\\])/g, '\\$1')}*`, 'COUNT', 5000);
        cursor = next;
        if (keys.length) await r.unlink(...keys);
      } while (cursor !== '0');
      r.disconnect();
    }
  }
}

/** The worker thread: simulators and the load generator. */
async function peerMain(): Promise<void> {
  const ccc = await startAliyunCccSim({ historyHours: 0 });
  const slack = await startSlackSim({ rateLimit: false });
  const ix = installInteractivity(slack);
  const responseUrl = () => ix.issueResponseUrl({ channel: 'CBENCH01', user: 'USUPER01' }).url;
  const info: PeerInfo = { cccProfile: ccc.demo.profile, cccEnv: ccc.demo.env, slackApiUrl: slack.apiUrl };
  let workers: Awaited<ReturnType<typeof startService>> | undefined;
  parentPort!.on('message', async (m: { run?: string; seconds?: number; stop?: boolean; workers?: string; stopWorkers?: boolean }) => {
    if (m.workers) {
      // The operations and outcome workers of the scale-out layout, with the bot's reply sink.
      workers = await startService({
        config: benchConfig(info, m.workers),
        prefix: m.workers,
        redis: REDIS_URL,
        logger: createLogger({ level: 'silent' }),
        http: false,
        handleSignals: false,
        defaultMetrics: false,
        roles: { operations: true, outcomes: true, alerts: false, notify: false },
        attach: (ctx) => ({ replySink: createBot({ config: ctx.config, queues: ctx, redis: ctx.redis, logger: ctx.logger, centers: (n) => ctx.centers.get(n) }).replySink }),
      });
      parentPort!.postMessage({ workersUp: true });
      return;
    }
    if ((m as { urls?: number }).urls) {
      parentPort!.postMessage({ urlList: Array.from({ length: (m as { urls: number }).urls }, responseUrl) });
      return;
    }
    if (m.stopWorkers) {
      await workers?.close();
      parentPort!.postMessage({ workersDown: true });
      return;
    }
    if (m.stop) {
      const replies = slack.log.entries().length;
      await ccc.close();
      await slack.close();
      parentPort!.postMessage({ stopped: true, replies });
      return;
    }
  });
  parentPort!.postMessage({ ready: info });
}

function ask<T>(w: Worker, msg: unknown, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (key in m) {
        w.off('message', on);
        resolve(m[key] as T);
      }
    };
    w.on('message', on);
    if (msg !== undefined) w.postMessage(msg);
  });
}

/** The generator thread: runs one load at a time with the response_urls it is given. */
function generatorMain(): void {
  parentPort!.on('message', async (m: { run: string; seconds: number; urls: string[] }) => {
    let i = 0;
    const r = await load(m.run, () => m.urls[i++ % m.urls.length]!, m.seconds);
    parentPort!.postMessage({ result: r });
  });
}

async function main(): Promise<void> {
  const peer = new Worker(new URL(import.meta.url), { workerData: 'peer' });
  const gen = new Worker(new URL(import.meta.url), { workerData: 'generator' });
  const info = await ask<PeerInfo>(peer, undefined, 'ready');
  const run = async (url: string, seconds = SECONDS) => {
    const urls = await ask<string[]>(peer, { urls: RATE * seconds }, 'urlList');
    return ask<Result>(gen, { run: url, seconds, urls }, 'result');
  };
  const rows: [string, Result][] = [];
  console.log(`ack latency: ${RATE} signed /cc commands per second for ${SECONDS} s each (generator, and simulators with the scale-out workers, each in their own worker thread)\n`);

  const bare = await bareBolt();
  await run(bare.url, 2); // warm-up (JIT, connections), not counted
  rows.push(['bare Bolt (ack only)', await run(bare.url)]);
  await bare.stop();

  const prefixA = `{ccops-bench-ack-${randomBytes(4).toString('hex')}}`;
  await ask(peer, { workers: prefixA }, 'workersUp');
  const botA = await ccopsBot(info, prefixA, false);
  await run(botA.url, 2); // warm-up, not counted
  rows.push(['ccops /cc, workers in another process', await run(botA.url)]);
  await botA.stop();
  await ask(peer, { stopWorkers: true }, 'workersDown');
  await dropPrefix(prefixA);

  const prefixB = `{ccops-bench-ack-${randomBytes(4).toString('hex')}}`;
  const botB = await ccopsBot(info, prefixB, true);
  await run(botB.url, 2); // warm-up, not counted
  rows.push(['ccops /cc, workers in the same process (npm start)', await run(botB.url)]);
  await new Promise((r) => setTimeout(r, 2000));
  await botB.stop();
  await dropPrefix(prefixB);
  const stopped = await ask<number>(peer, { stop: true }, 'replies');
  await peer.terminate();
  await gen.terminate();

  const fmt = (n: number) => n.toFixed(2).padStart(8);
  console.log('| app | sent | 200 | errors | p50 ms | p99 ms | max ms | worst late start ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, r] of rows) {
    console.log(`| ${name} | ${r.sent} | ${r.ok} | ${r.failed} | ${fmt(pct(r.latenciesMs, 50))} | ${fmt(pct(r.latenciesMs, 99))} | ${fmt(Math.max(...r.latenciesMs))} | ${fmt(r.lateStartsMs)} |`);
  }
  const b = rows[0]![1];
  console.log('');
  for (const [name, c] of rows.slice(1)) {
    console.log(`${name} / bare: p50 x${(pct(c.latenciesMs, 50) / pct(b.latenciesMs, 50)).toFixed(2)}, p99 x${(pct(c.latenciesMs, 99) / pct(b.latenciesMs, 99)).toFixed(2)}; goal p99 <= 20 ms ${pct(c.latenciesMs, 99) <= 20 ? 'met' : 'NOT met'}`);
  }
  console.log(`Web API calls served by the Slack stand-in: ${stopped}`);
  process.exit(0);
}

if (isMainThread) await main();
else if (workerData === 'generator') generatorMain();
else await peerMain();
