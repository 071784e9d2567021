// `ccops serve` (what `npm start` runs). With a configuration: validate it,
// report which centers answer, run the service (workers, schedulers, HTTP) and,
// when the configuration has a `slack` section, the bot inside it. Without
// one: the demo (cli/demo.ts): simulators, a local Slack page, and a
// configuration for them that the CLI picks up, then the same service and bot.
import { Redis } from 'ioredis';
import { loadConfigFile, type Config } from '../shared/config.ts';
import { createLogger } from '../queues/logger.ts';
import { DEFAULT_REDIS_URL, redisProblem, runService, type RunningService } from './compose.ts';
import { DEMO_DIR, findConfig } from './config-discovery.ts';
import { probeCenters } from './health.ts';
import { type Demo, runningDemoPage, startDemo } from './demo.ts';
import { renderHealth } from './render.ts';
import { ExitCode } from './run-command.ts';

export interface ServeOptions {
  config?: string;
  args: string[];
}

async function reportCenters(config: Config): Promise<boolean> {
  const results = await probeCenters(config);
  console.log(`Contact centers:\n${renderHealth(results)}`);
  return results.every((r) => r.ok);
}

const DEMO_HINTS = [
  '',
  'Try the CLI in another terminal (it finds this demo by itself):',
  '  npm run cc -- agent agent@ccc-test',
  '  npm run cc -- agent agent@ccc-test break lunch',
  '  npm run cc -- calls --abandoned --since 1h',
  '  npm run cc -- conference start 8001 13175112345 --agent agent@ccc-test',
  '  npm run cc -- help',
  '',
  'Ctrl-C stops everything.',
].join('\n');

/**
 * Removes the demo's keys (its own prefix) so demos leave nothing in Redis.
 * SCAN walks the whole keyspace, so a Redis holding millions of other keys
 * would hold up the shutdown: after `budgetMs` it stops and says how to finish.
 */
async function dropDemoKeys(url: string, prefix: string, budgetMs = 3000): Promise<void> {
  const r = new Redis(url, { maxRetriesPerRequest: 1 });
  r.on('error', () => undefined);
  const pattern = `${prefix.replace(/([*?[\]\\])/g, '\\$1')}*`;
  const end = Date.now() + budgetMs;
  try {
    let cursor = '0';
    do {
      if (Date.now() > end) {
        console.log(`Some of the demo's Redis keys are left (this Redis holds many other keys); remove them with: redis-cli --scan --pattern '${pattern}' | xargs redis-cli unlink`);
        return;
      }
      const [next, keys] = await r.scan(cursor, 'MATCH', pattern, 'COUNT', 10_000);
      cursor = next;
      if (keys.length) await r.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

const untilSignal = () =>
  new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });

export async function serve(opts: ServeOptions): Promise<number> {
  // Listening from the start: a Ctrl-C while the demo starts still removes what it made.
  const stopped = untilSignal();
  // --config, CCOPS_CONFIG, ./ccops.config.json; a running demo's configuration is for the CLI only.
  const source = findConfig(process.env, opts.config);
  let config: Config | undefined = source.kind === 'file' ? loadConfigFile(source.path) : undefined;
  const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
  const problem = await redisProblem(redisUrl);
  if (problem) {
    console.error(problem);
    return ExitCode.NetworkError;
  }

  let demo: Demo | undefined;
  if (!config) {
    const other = await runningDemoPage(DEMO_DIR);
    if (other) {
      console.error(`A demo is already running (its page: ${other}). Stop it first, or set CCOPS_DEMO_DIR to run another one beside it.`);
      return ExitCode.UserError;
    }
    demo = await startDemo({ dir: DEMO_DIR, slackPort: Number(process.env.CCOPS_DEMO_SLACK_PORT ?? 0) });
    config = demo.config;
    // The page first: it is what a newcomer opens.
    console.log(`Local Slack: ${demo.page.url}`);
    console.log(`No configuration given: running on the built-in simulators.`);
    for (const sim of demo.sims.list) console.log(`  ${sim.center.padEnd(10)} ${sim.vendor.padEnd(13)} ${sim.url}`);
  }

  let running: RunningService | undefined;
  try {
    await reportCenters(config);
    // The demo's own lines stay readable: service logs at warn unless LOG_LEVEL says otherwise.
    const logger = createLogger({ level: process.env.LOG_LEVEL ?? (demo ? 'warn' : 'info') });
    running = await runService({ config, logger, redisUrl, ...(demo ? { http: { port: 0, host: '127.0.0.1' } } : {}) });
    const { service, requestUrl } = running;
    if (demo && requestUrl) demo.connect(requestUrl);
    console.log(`Service: ${service.url ?? '(no HTTP)'}  (/healthz, /metrics${config.service?.admin ? ', /admin/queues' : ''})`);
    if (running.bot) console.log(requestUrl ? `Slack bot: request URL ${requestUrl}` : 'Slack bot: Socket Mode');
    else console.log('Slack bot: off (the configuration has no "slack" section).');
    console.log(
      `Abandoned-call alerts: ${service.alertCenters.length ? `polling ${service.alertCenters.join(', ')} every ${config.alerts?.intervalSeconds ?? 30} s` : 'off'}`,
    );
    if (demo) console.log(`${DEMO_HINTS}\nOpen ${demo.page.url} and type /cc help.`);

    const signal = await stopped;
    console.log(`\n${signal}: shutting down…`);
    return ExitCode.Ok;
  } finally {
    await running?.close();
    if (demo) {
      if (running) await dropDemoKeys(redisUrl, running.service.prefix).catch(() => undefined);
      await demo.close();
    }
  }
}
