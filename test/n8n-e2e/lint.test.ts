// Every package `npm run build:n8n` emits passes `n8n-node lint` (@n8n/node-cli
// 0.48.3, strict mode, n8n's default eslint.config.mjs) unmodified. The lint
// tooling comes from the cache scripts/n8n-install.sh fills, linked in for the run.
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtPackages, node24Bin, nodeCliModules, packagesDir } from './n8n.ts';

function lint(dir: string): Promise<{ code: number; output: string }> {
  const link = join(dir, 'node_modules');
  rmSync(link, { force: true, recursive: true });
  symlinkSync(nodeCliModules, link);
  return new Promise((ok) => {
    execFile(
      join(link, '.bin', 'n8n-node'),
      ['lint'],
      // A clean environment: eslint-plugin-n8n-nodes-base changes its file-name rules when NODE_ENV=test (vitest sets it).
      { cwd: dir, env: { PATH: `${join(link, '.bin')}:${node24Bin}:${process.env.PATH}`, HOME: process.env.HOME, FORCE_COLOR: '0' } },
      (error, stdout, stderr) => {
        rmSync(link, { force: true });
        ok({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

describe('n8n-node lint', () => {
  const packages = builtPackages();

  it('has one package per vendor built', () => {
    expect(packages.length).toBeGreaterThanOrEqual(3);
  });

  for (const name of packages) {
    it(`${name} passes unmodified, with no runtime dependencies and n8n-workflow as its only peer`, async () => {
      const dir = join(packagesDir, name);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      expect(pkg.dependencies).toBeUndefined();
      expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
      expect(pkg.license).toBe('MIT');
      expect(pkg.keywords).toContain('n8n-community-node-package');
      expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
      for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(existsSync(join(dir, file)), file).toBe(true);
      expect(readFileSync(join(dir, 'eslint.config.mjs'), 'utf8')).toBe("import { config } from '@n8n/node-cli/eslint';\n\nexport default config;\n");
      const { code, output } = await lint(dir);
      expect(output.replace(/npm warn[^\n]*/g, '')).not.toMatch(/error|warning/i);
      expect(code, output).toBe(0);
    });
  }

  it('is not vacuous: a timer planted in the node code fails it', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'ccops-lint-'));
    try {
      cpSync(join(packagesDir, packages[0]!), copy, { recursive: true });
      appendFileSync(join(copy, 'lib', 'actions', 'params.ts'), '\nexport const later = () => setTimeout(() => undefined, 1);\n');
      const { code, output } = await lint(copy);
      expect(output).toMatch(/no-restricted-globals/);
      expect(code).not.toBe(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
