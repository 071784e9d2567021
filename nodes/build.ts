// `npm run build:n8n`: one installable n8n community package per vendor in
// dist/n8n/<package>/, each bundling the core so it has no runtime
// dependencies (n8n's verification allows one third-party service per
// package and no dependencies).
//
// A package folder holds
//   dist/            what n8n loads: CommonJS bundles (n8n-workflow external),
//                    codex .node.json files and the icons
//   nodes/, credentials/, lib/, icons/
//                    the node sources, as in this repository, for `n8n-node lint`
//   core/*.ts        shims: the core reaches the package as one bundled ES
//                    module each (core/*.bundle.js), not as TypeScript
//   package.json, README.md, LICENSE.md, eslint.config.mjs (n8n's default)
//
// Usage: node nodes/build.ts [package-name ...]   (default: all)
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const nodesDir = dirname(fileURLToPath(import.meta.url));
const repo = resolve(nodesDir, '..');
const outRoot = join(repo, 'dist', 'n8n');
const version = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version;

export interface PackageSpec {
  name: string;
  /** One sentence for package.json. */
  description: string;
  /** Paths under nodes/ of the *.node.ts files. */
  nodes: string[];
  credentials: string[];
  icons: string[];
  keywords: string[];
}

export const PACKAGES: PackageSpec[] = [
  {
    name: 'n8n-nodes-aliyun-ccc',
    description:
      'n8n nodes for Alibaba Cloud Contact Center (CCC): conferences, call lookup, agent status, trigger on abandoned calls',
    nodes: ['nodes/AliyunCcc/AliyunCcc.node.ts', 'nodes/AliyunCcc/AliyunCccTrigger.node.ts'],
    credentials: ['credentials/AliyunCccApi.credentials.ts'],
    icons: ['aliyun'],
    keywords: ['alibaba cloud', 'aliyun', 'ccc', 'contact center', 'call center'],
  },
  {
    name: 'n8n-nodes-aliyun-aiccs',
    description: 'n8n nodes for Alibaba Cloud AICCS hotlines: look up calls, manage agent status, trigger on abandoned calls',
    nodes: ['nodes/AliyunAiccs/AliyunAiccs.node.ts', 'nodes/AliyunAiccs/AliyunAiccsTrigger.node.ts'],
    credentials: ['credentials/AliyunAiccsApi.credentials.ts'],
    icons: ['aliyun'],
    keywords: ['alibaba cloud', 'aliyun', 'aiccs', 'contact center', 'call center'],
  },
  {
    name: 'n8n-nodes-tencent-tccc',
    description: 'n8n nodes for Tencent Cloud Contact Center (TCCC): look up calls, manage agent status, trigger on abandoned calls',
    nodes: ['nodes/TencentTccc/TencentTccc.node.ts', 'nodes/TencentTccc/TencentTcccTrigger.node.ts'],
    credentials: ['credentials/TencentTcccApi.credentials.ts'],
    icons: ['tencent'],
    keywords: ['tencent cloud', 'tccc', 'contact center', 'call center'],
  },
  {
    name: 'n8n-nodes-huawei-aicc',
    description: 'n8n node for the Huawei Cloud AICC agent gateway: conferences, call lookup and agent status',
    // The gateway lists no abandoned calls, so there is no trigger.
    nodes: ['nodes/HuaweiAicc/HuaweiAicc.node.ts'],
    credentials: ['credentials/HuaweiAiccApi.credentials.ts'],
    icons: ['huawei'],
    keywords: ['huawei cloud', 'aicc', 'cec', 'contact center', 'call center'],
  },
];

// ---------------------------------------------------------------------------

/** The Transport of the nodes is n8n's; undici must never ship inside a package. */
const noUndici: Plugin = {
  name: 'no-undici',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, (args) => ({ path: args.path, namespace: 'no-undici' }));
    b.onLoad({ filter: /.*/, namespace: 'no-undici' }, () => ({
      contents:
        "const no = () => { throw new Error('ccops n8n packages send through n8n, not undici'); };\n" +
        'export const request = no; export class Agent { constructor() { no(); } } export const errors = {};',
      loader: 'js',
    }));
  },
};

/** Modules the n8n packages must not carry: file and environment access (n8n's rules). */
const FORBIDDEN_INPUTS = [/shared\/config\.ts$/, /shared\/secret\.ts$/, /node_modules\/undici\//];

async function bundle(entry: string, outfile: string, format: 'cjs' | 'esm'): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format,
    external: ['n8n-workflow'],
    plugins: [noUndici],
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const bad = inputs.filter((i) => FORBIDDEN_INPUTS.some((re) => re.test(i)));
  if (bad.length) throw new Error(`${relative(repo, entry)} pulls in modules an n8n package must not ship: ${bad.join(', ')}`);
  return inputs;
}

const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?'(\.{1,2}\/[^']+)'/g;

/** The node sources an entry reaches inside nodes/, stopping at the core facades. */
function sourceClosure(entries: string[]): { sources: Set<string>; facades: Set<string> } {
  const sources = new Set<string>();
  const facades = new Set<string>();
  const todo = entries.map((e) => join(nodesDir, e));
  while (todo.length) {
    const file = todo.pop()!;
    const rel = relative(nodesDir, file);
    if (rel.startsWith('..')) throw new Error(`n8n node code must reach the core through nodes/core/: ${rel}`);
    if (rel.startsWith('core/')) {
      facades.add(rel);
      continue;
    }
    if (sources.has(rel)) continue;
    sources.add(rel);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) todo.push(resolve(dirname(file), m[1]!));
  }
  return { sources, facades };
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function copy(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

const className = (path: string) => path.split('/').pop()!.split('.')[0]!;
const lowerFirst = (s: string) => s[0]!.toLowerCase() + s.slice(1);

function packageJson(spec: PackageSpec): unknown {
  return {
    name: spec.name,
    version,
    description: spec.description,
    license: 'MIT',
    homepage: 'https://github.com/ccops/ccops/blob/main/nodes/README.md',
    keywords: ['n8n-community-node-package', ...spec.keywords],
    author: { name: 'ccops maintainers', email: 'maintainers@ccops.dev' },
    repository: { type: 'git', url: 'https://github.com/ccops/ccops.git' },
    scripts: { lint: 'n8n-node lint' },
    files: ['dist'],
    n8n: {
      n8nNodesApiVersion: 1,
      strict: true,
      credentials: spec.credentials.map((c) => `dist/${c.replace(/\.ts$/, '.js')}`),
      nodes: spec.nodes.map((n) => `dist/${n.replace(/\.ts$/, '.js')}`),
    },
    devDependencies: { '@n8n/node-cli': '0.48.3', eslint: '9.29.0', typescript: '5.9.3' },
    peerDependencies: { 'n8n-workflow': '*' },
  };
}

const ESLINT_CONFIG = "import { config } from '@n8n/node-cli/eslint';\n\nexport default config;\n";

export async function buildPackage(spec: PackageSpec): Promise<string> {
  const out = join(outRoot, spec.name);
  rmSync(out, { recursive: true, force: true });

  // 1. What n8n loads.
  for (const entry of [...spec.nodes, ...spec.credentials]) {
    await bundle(join(nodesDir, entry), join(out, 'dist', entry.replace(/\.ts$/, '.js')), 'cjs');
  }
  for (const node of spec.nodes) {
    const codex = join(nodesDir, node.replace(/\.ts$/, '.json'));
    const parsed = JSON.parse(readFileSync(codex, 'utf8')) as { node: string };
    const expected = `${spec.name}.${lowerFirst(className(node))}`;
    if (parsed.node !== expected) throw new Error(`${relative(repo, codex)}: "node" must be "${expected}"`);
    copy(codex, join(out, 'dist', node.replace(/\.ts$/, '.json')));
    copy(codex, join(out, node.replace(/\.ts$/, '.json')));
  }
  for (const icon of spec.icons) {
    for (const file of [`${icon}.svg`, `${icon}.dark.svg`]) {
      copy(join(nodesDir, 'icons', file), join(out, 'dist', 'icons', file));
      copy(join(nodesDir, 'icons', file), join(out, 'icons', file));
    }
  }

  // 2. The sources, for lint and for readers; the core as bundled modules.
  const { sources, facades } = sourceClosure([...spec.nodes, ...spec.credentials]);
  for (const rel of sources) copy(join(nodesDir, rel), join(out, rel));
  for (const rel of facades) {
    const bundleName = rel.replace(/\.ts$/, '.bundle.js');
    await bundle(join(nodesDir, rel), join(out, bundleName), 'esm');
    write(
      join(out, rel),
      `// The ccops core, bundled from https://github.com/ccops/ccops (shared/); see ${bundleName.split('/').pop()}.\n` +
        `export * from './${bundleName.split('/').pop()}';\n`,
    );
  }

  // 3. Package metadata.
  write(join(out, 'package.json'), `${JSON.stringify(packageJson(spec), null, 2)}\n`);
  write(join(out, 'eslint.config.mjs'), ESLINT_CONFIG);
  copy(join(nodesDir, 'LICENSE.md'), join(out, 'LICENSE.md'));
  copy(join(nodesDir, 'packages', `${spec.name}.md`), join(out, 'README.md'));
  return out;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const specs = wanted.length ? PACKAGES.filter((p) => wanted.includes(p.name)) : PACKAGES;
  if (wanted.length && specs.length !== wanted.length) {
    throw new Error(`Unknown package; known: ${PACKAGES.map((p) => p.name).join(', ')}`);
  }
  for (const spec of specs) {
    const out = await buildPackage(spec);
    process.stdout.write(`built ${relative(repo, out)}\n`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
