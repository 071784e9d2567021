// The `ccops` command line end to end: a real process, a configuration file
// with the secret in a file, the CCC simulator over real HTTP.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAliyunCccSim, type AliyunCccSim } from '../../sim/aliyun-ccc/index.ts';

const run = promisify(execFile);
let sim: AliyunCccSim;
let dir: string;
let config: string;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function ccops(...args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['cli/main.ts', '--config', config, ...args], {
      env: { ...process.env, CCOPS_CONFIG: '' },
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout: string; stderr: string };
    return { code: err.code ?? -1, stdout: err.stdout, stderr: err.stderr };
  }
}

function writeConfig(path: string, endpoint: string): void {
  const secretFile = join(dir, 'ccc-secret');
  writeFileSync(secretFile, `${sim.demo.env[Object.keys(sim.demo.env)[0]!]}\n`, { mode: 0o600 });
  const profile = { ...sim.demo.profile, endpoint, accessKeySecret: { file: secretFile } };
  writeFileSync(path, JSON.stringify({ centers: { shanghai: profile } }));
}

beforeAll(async () => {
  sim = await startAliyunCccSim({ historyHours: 2, timings: { ringAfterMs: 100, answerAfterMs: 400 } });
  dir = mkdtempSync(join(tmpdir(), 'ccops-cli-'));
  config = join(dir, 'ccops.config.json');
  writeConfig(config, sim.url);
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => sim.log.clear());

describe('ccops CLI against the CCC simulator', () => {
  it('puts an agent on break, and shows it', async () => {
    const set = await ccops('agent', 'agent@ccc-test', 'break', 'lunch');
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/agent@ccc-test @ shanghai: on break \(lunch\)/);
    const get = await ccops('agent', 'agent@ccc-test');
    expect(get.code).toBe(0);
    expect(get.stdout).toMatch(/on break \(lunch\).*\[vendor: (BREAK|Break)\]/);
    expect(sim.log.entries({ action: 'TakeBreak' })).toHaveLength(1);
  });

  it('prints normalized JSON with --json', async () => {
    const r = await ccops('--json', 'agent', 'agent@ccc-test', 'ready');
    expect(r.code).toBe(0);
    const outcome = JSON.parse(r.stdout) as { status: string; value: { state: string; agentId: string } };
    expect(outcome).toMatchObject({ status: 'done', value: { agentId: 'agent@ccc-test', state: 'ready' } });
  });

  it('follows a conference until its participant answers, masking the number', async () => {
    const r = await ccops('conference', 'start', '13175112345', '--agent', 'agent@ccc-test', '--timeout', '10');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/conference job-\S+ @ shanghai/);
    expect(r.stdout).toContain('joined 1317511****');
    expect(`${r.stdout}${r.stderr}`).not.toContain('13175112345');
  });

  it('searches abandoned calls', async () => {
    const burst = sim.burst(3);
    const r = await ccops('calls', '--abandoned', '--since', '1h');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ (of \d+ )?calls:/);
    for (const cdr of burst) {
      expect(r.stdout).toContain(cdr.ContactId);
      expect(r.stdout).not.toContain(cdr.CallingNumber);
    }
  });

  it('exits 2 with what was wrong and the usage on a bad command, sending nothing', async () => {
    const r = await ccops('conference', 'start');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('name at least one participant');
    expect(r.stderr).toContain('conference start <participant…>');
    expect(sim.log.entries()).toHaveLength(0);
  });

  it('exits 2 on input the core refuses, before any request', async () => {
    const r = await ccops('conference', 'start', '13x75', '--agent', 'agent@ccc-test');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/13x75/);
    expect(r.stderr).toContain('Usage:');
    expect(sim.log.entries()).toHaveLength(0);
  });

  it('exits 3 with the vendor code and request id when the vendor refuses', async () => {
    const r = await ccops('agent', 'nobody@ccc-test', 'ready');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/\[aliyun-ccc NotExists\.UserId, request [\w-]+\]/);
  });

  it('exits 2 naming the configured centers for an unknown one', async () => {
    const r = await ccops('agent', 'a1', '--center', 'beijing');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No contact center named "beijing". Configured: shanghai.');
  });

  it('exits 4 when the vendor cannot be reached, and health says so', async () => {
    const deadConfig = join(dir, 'dead.json');
    writeConfig(deadConfig, 'http://127.0.0.1:9');
    const saved = config;
    config = deadConfig;
    try {
      const r = await ccops('agent', 'agent@ccc-test');
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/Network error talking to the vendor: the connection was refused/);
      const h = await ccops('health');
      expect(h.code).toBe(4);
      expect(h.stdout).toMatch(/FAIL shanghai \(aliyun-ccc\): unreachable/);
    } finally {
      config = saved;
      writeConfig(config, sim.url);
    }
  });

  it('health reports a reachable center as ok', async () => {
    const r = await ccops('health');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok\s+shanghai \(aliyun-ccc\)/);
  });
});
