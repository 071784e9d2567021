// `node cli/main.ts serve` with no configuration, as `npm start` runs it: a
// real child process with a demo directory of its own (CCOPS_DEMO_DIR), so a
// developer's running demo is never touched. The CLI finds the demo by itself.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const MAIN = join(process.cwd(), 'cli', 'main.ts');

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.CCOPS_CONFIG;
  return env;
}

/** Collects the child's stdout and resolves when a line matches. */
function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output so far:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(pattern);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(m);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before printing ${pattern}; output:\n${out}`));
    });
  });
}

describe('ccops serve without a configuration (npm start)', () => {
  // A working directory of its own too: a developer's ./ccops.config.json must not be picked up.
  const cwd = mkdtempSync(join(tmpdir(), 'ccops-serve-test-'));
  const dir = join(cwd, 'demo');
  const env = cleanEnv({ CCOPS_DEMO_DIR: dir });
  let child: ChildProcess | undefined;
  let stderr = '';

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('starts simulators, service, bot and page; the CLI drives the demo; SIGTERM stops it all with exit 0', async () => {
    child = spawn(process.execPath, [MAIN, 'serve'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const first = await waitForLine(child, /^Local Slack: (http:\/\/127\.0\.0\.1:\d+\/web\/)$/m);
    const ready = await waitForLine(child, /^Open http.*$/m);
    expect(ready[0]).toContain(first[1]!);
    expect(existsSync(join(dir, 'config.json'))).toBe(true);

    const page = await fetch(first[1]!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>ccops · local Slack</title>');

    const set = await run(process.execPath, [MAIN, 'agent', 'agent@ccc-test', 'break', 'lunch'], { cwd, env });
    expect(set.stdout).toMatch(/break/);
    const read = await run(process.execPath, [MAIN, 'agent', 'agent@ccc-test'], { cwd, env });
    expect(read.stdout).toMatch(/agent@ccc-test/);
    expect(read.stdout).toMatch(/break/);
    expect(read.stdout).toMatch(/lunch/);

    // The bot runs inside it: a /cc typed on the page comes back as the agent card.
    const base = first[1]!.replace(/\/web\/$/, '');
    const sent = await fetch(`${base}/web/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'U0DEMOSUP1', channel: '#cc-alerts', text: '/cc agent agent@ccc-test' }),
    });
    expect(await sent.json()).toEqual({ ok: true });
    const cardShown = /agent@ccc-test at shanghai: break/;
    let card = '';
    for (let i = 0; i < 200 && !cardShown.test(card); i++) {
      await new Promise((r) => setTimeout(r, 100));
      const state = (await (await fetch(`${base}/web/state?user=U0DEMOSUP1`)).json()) as { ephemeral: { text: string }[] };
      card = state.ephemeral.map((e) => e.text).join('\n');
    }
    expect(card).toMatch(cardShown);

    // A second demo in the same directory would overwrite this one's configuration: refused.
    const second = await run(process.execPath, [MAIN, 'serve'], { cwd, env }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in second ? second.code : 0).toBe(2);
    expect(second.stderr).toContain(`A demo is already running (its page: ${first[1]}).`);
    expect(existsSync(join(dir, 'config.json'))).toBe(true);

    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(dir)).toBe(false);
    expect(stderr).not.toMatch(/Error|unhandled/i);
  }, 120_000);

  it('says in one sentence when Redis does not answer, and what to do', async () => {
    const r = await run(process.execPath, [MAIN, 'serve'], { cwd, env: { ...env, REDIS_URL: 'redis://127.0.0.1:1' } }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in r ? r.code : 0).toBe(4);
    expect(r.stderr).toMatch(/^Redis does not answer at redis:\/\/127\.0\.0\.1:1 .*: start one .* or point REDIS_URL at one that runs\.\n$/);
    expect(existsSync(dir)).toBe(false);
  });
});
