// Starts service processes (fixtures/service-main.ts) for the multi-process tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REDIS_URL } from './helpers.ts';

const MAIN = fileURLToPath(new URL('./fixtures/service-main.ts', import.meta.url));

export interface ServiceProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  output: () => string;
  /** Resolves with the exit code or signal. */
  exited: Promise<number | string>;
  kill(signal?: NodeJS.Signals): Promise<number | string>;
}

export interface ServiceProcessOptions {
  name: string;
  prefix: string;
  config: unknown;
  env?: Record<string, string>;
  roles?: Record<string, boolean>;
  lockMs?: number;
  leaseMs?: number;
  redisUrl?: string;
}

export function startServiceProcess(o: ServiceProcessOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      REDIS_URL: o.redisUrl ?? REDIS_URL,
      CCOPS_TEST_NAME: o.name,
      CCOPS_TEST_PREFIX: o.prefix,
      CCOPS_TEST_CONFIG: JSON.stringify(o.config),
      CCOPS_TEST_ENV: JSON.stringify(o.env ?? {}),
      CCOPS_TEST_ROLES: JSON.stringify(o.roles ?? {}),
      ...(o.lockMs ? { CCOPS_TEST_LOCK_MS: String(o.lockMs) } : {}),
      ...(o.leaseMs ? { CCOPS_TEST_LEASE_MS: String(o.leaseMs) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? -1)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service ${o.name} did not start:\n${out}`)), 20_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"ready":true'));
      if (line) {
        clearTimeout(timer);
        const ready = JSON.parse(line) as { pid: number; url: string };
        resolve({
          child,
          pid: ready.pid,
          url: ready.url,
          output: () => out,
          exited,
          kill: (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`service ${o.name} exited (${code}) before it was ready:\n${out}`));
    });
  });
}
