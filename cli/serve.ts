// `ccops serve` (what `npm start` runs). With a configuration: validate it,
// report which centers answer, run the service. Without one: start the
// built-in simulators, write a demo configuration the CLI picks up, and run
// the service on them.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFile, type Config } from '../shared/config.ts';
import { probeCenter } from '../shared/health.ts';
import { UndiciTransport } from '../shared/http.ts';
import { createContactCenter } from '../shared/vendors/index.ts';
import { startSimulators, type RunningSimulators } from '../sim/index.ts';
import { DEMO_CONFIG, DEMO_DIR } from './config-discovery.ts';
import { renderHealth } from './render.ts';
import { ExitCode } from './run-command.ts';

export interface ServeOptions {
  config?: string;
  args: string[];
}

interface Demo {
  config: Config;
  sims: RunningSimulators;
  close(): Promise<void>;
}

/**
 * Secrets reach the CLI the way they reach production: by reference. The
 * demo writes each simulator's secret to a file only this user can read.
 */
async function startDemo(): Promise<Demo> {
  const sims = await startSimulators({ traffic: true });
  mkdirSync(join(DEMO_DIR, 'secrets'), { recursive: true, mode: 0o700 });
  const centers: Record<string, unknown> = {};
  for (const sim of sims.list) {
    const profile = JSON.parse(JSON.stringify(sim.demo.profile), (_key, value: unknown) => {
      if (value && typeof value === 'object' && 'env' in value && typeof value.env === 'string') {
        const file = join(DEMO_DIR, 'secrets', value.env);
        writeFileSync(file, sim.demo.env[value.env] ?? '', { mode: 0o600 });
        return { file };
      }
      return value;
    }) as unknown;
    centers[sim.center] = profile;
  }
  writeFileSync(DEMO_CONFIG, JSON.stringify({ centers }, null, 2));
  const config = loadConfigFile(DEMO_CONFIG);
  return {
    config,
    sims,
    async close() {
      rmSync(DEMO_DIR, { recursive: true, force: true });
      await sims.close();
    },
  };
}

async function reportCenters(config: Config): Promise<boolean> {
  const transport = new UndiciTransport({ headersTimeoutMs: 5_000 });
  try {
    const results = await Promise.all(
      Object.entries(config.centers).map(async ([name, profile]) => {
        const center = createContactCenter(name, profile, { transport });
        try {
          return await probeCenter(center);
        } finally {
          await center.close().catch(() => undefined);
        }
      }),
    );
    console.log(`Contact centers:\n${renderHealth(results)}`);
    return results.every((r) => r.ok);
  } finally {
    await transport.close();
  }
}

export async function serve(opts: ServeOptions): Promise<number> {
  const explicit = opts.config ?? process.env.CCOPS_CONFIG;
  let demo: Demo | undefined;
  let config: Config;
  if (explicit) {
    config = loadConfigFile(explicit);
  } else {
    demo = await startDemo();
    config = demo.config;
    console.log(`No configuration given: running on the built-in simulators.`);
    for (const sim of demo.sims.list) console.log(`  ${sim.center.padEnd(10)} ${sim.vendor.padEnd(13)} ${sim.url}`);
  }
  await reportCenters(config);
  if (demo) {
    console.log(
      [
        '',
        'Try the CLI in another terminal (it finds this demo by itself):',
        '  npm run cc -- agent agent@ccc-test',
        '  npm run cc -- agent agent@ccc-test break lunch',
        '  npm run cc -- calls --abandoned --since 1h',
        '  npm run cc -- conference start 8001 13175112345 --agent agent@ccc-test',
        '  npm run cc -- help',
      ].join('\n'),
    );
  }

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`\n${signal}: shutting down…`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await demo?.close();
  return ExitCode.Ok;
}
