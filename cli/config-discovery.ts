// Where the CLI and the service find their configuration: CCOPS_CONFIG, then
// ./ccops.config.json, then (CLI only) the demo configuration that a running
// `npm start` without configuration writes for the simulators it started.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The demo's state: its configuration and the simulators' secret files (CCOPS_DEMO_DIR moves it, e.g. for tests). */
export const DEMO_DIR = resolve(process.env.CCOPS_DEMO_DIR || join('.ccops', 'demo'));
export const DEMO_CONFIG = join(DEMO_DIR, 'config.json');

export type ConfigSource = { kind: 'file'; path: string } | { kind: 'demo'; path: string } | { kind: 'none' };

export function findConfig(env: Record<string, string | undefined>, explicit?: string): ConfigSource {
  if (explicit) return { kind: 'file', path: explicit };
  if (env.CCOPS_CONFIG) return { kind: 'file', path: env.CCOPS_CONFIG };
  if (existsSync('ccops.config.json')) return { kind: 'file', path: 'ccops.config.json' };
  if (existsSync(DEMO_CONFIG)) return { kind: 'demo', path: DEMO_CONFIG };
  return { kind: 'none' };
}

export const NO_CONFIG_HELP = [
  'No configuration found.',
  '  - To try ccops on the built-in simulators, run `npm start` in another terminal, then run this again.',
  '  - To use your own contact center, write ccops.config.json (see README.md, "Configuration"),',
  '    or point CCOPS_CONFIG at a configuration file.',
].join('\n');
