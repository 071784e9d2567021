// The demo world of `npm start` (cli/demo.ts + cli/compose.ts), in the test
// process so tests can reach the simulators and the Slack stand-in: a demo
// directory of its own, a unique Redis prefix, the service and bot on a free
// port, and Chromium (Debian's, /usr/bin/chromium) driven by playwright-core.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { runService, type RunningService } from '../../cli/compose.ts';
import { type Demo, startDemo } from '../../cli/demo.ts';
import { dropPrefix, quietLogger, uniquePrefix } from '../queues/helpers.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const OUTPUT = join(process.cwd(), 'test-output');

/** The flags this machine's notes give for headless Debian chromium (no background networking: the network is closed). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface World {
  demo: Demo;
  running: RunningService;
  close(): Promise<void>;
}

export async function startWorld(o: { traffic?: boolean } = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'ccops-demo-test-'));
  const demo = await startDemo({ dir, traffic: o.traffic ?? false, pollSeconds: 1 });
  const prefix = uniquePrefix('demo');
  let running: RunningService;
  try {
    running = await runService({ config: demo.config, prefix, logger: quietLogger(), http: { port: 0, host: '127.0.0.1' } });
  } catch (e) {
    await demo.close();
    throw e;
  }
  demo.connect(running.requestUrl!);
  mkdirSync(OUTPUT, { recursive: true });
  return {
    demo,
    running,
    async close() {
      await running.close();
      await demo.close();
      await dropPrefix(prefix);
    },
  };
}
