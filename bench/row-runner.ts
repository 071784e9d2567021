// The measuring half of bench/vendor-client.ts: one vendor row = an adapter
// operation and a bare-undici baseline on the same simulator route, run in
// alternating rounds in the same process at the same concurrency, plus the
// cost of signing one request. A vendor adds a row by writing a VendorRow
// factory (see rows/aliyun-ccc.ts) and listing it in vendor-client.ts.
import { availableParallelism } from 'node:os';

export interface VendorRow {
  /** e.g. `aliyun-ccc getAgentState` */
  name: string;
  /** One adapter call (validate, sign, send, parse, map). */
  adapter: () => Promise<void>;
  /** One bare undici call on the same route, doing only what any client must (send, read the JSON). */
  baseline: () => Promise<void>;
  /** How the baseline is kept fair, one line for the table's notes. */
  baselineNote: string;
  /** Signs one request (the vendor's own signing step), for the µs-per-request figure. */
  signOnce: () => void;
  close: () => Promise<void>;
}

export interface RunOptions {
  /** Requests per round and path. */
  requests: number;
  concurrency: number;
  /** Alternating rounds; the median round of each path counts (the machine is shared, single rounds are noisy). */
  rounds: number;
  /** Iterations for the signing figure. */
  signIterations: number;
}

export interface RowResult {
  name: string;
  adapterRps: number;
  baselineRps: number;
  ratio: number;
  /** CPU time of the measuring thread per request (user + system), median of the rounds. */
  adapterCpuUs: number;
  baselineCpuUs: number;
  signUs: number;
  baselineNote: string;
}

export interface Throughput {
  rps: number;
  /** This thread's CPU per request: what the client side costs, whatever else runs on the machine. */
  cpuUs: number;
}

/** Requests per second of `op`, `n` calls with `concurrency` in flight, and this thread's CPU per call. */
export async function throughput(op: () => Promise<void>, n: number, concurrency: number): Promise<Throughput> {
  let next = 0;
  const cpu = process.threadCpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) await op();
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.threadCpuUsage(cpu);
  return { rps: n / seconds, cpuUs: (used.user + used.system) / n };
}

/** Microseconds per call of a synchronous step, after a warm-up. */
export function microsPerCall(fn: () => void, iterations: number): number {
  for (let i = 0; i < Math.min(2_000, iterations); i++) fn();
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - started) / 1e3 / iterations;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export async function runRow(row: VendorRow, o: RunOptions): Promise<RowResult> {
  const warm = Math.max(100, Math.floor(o.requests / 10));
  await throughput(row.baseline, warm, o.concurrency);
  await throughput(row.adapter, warm, o.concurrency);
  const runs = { adapter: [] as Throughput[], baseline: [] as Throughput[] };
  for (let r = 0; r < o.rounds; r++) {
    // Alternate which goes first so neither always gets the quieter machine.
    for (const path of r % 2 === 0 ? (['baseline', 'adapter'] as const) : (['adapter', 'baseline'] as const)) {
      runs[path].push(await throughput(row[path], o.requests, o.concurrency));
    }
  }
  const mid = {
    adapter: { rps: median(runs.adapter.map((t) => t.rps)), cpuUs: median(runs.adapter.map((t) => t.cpuUs)) },
    baseline: { rps: median(runs.baseline.map((t) => t.rps)), cpuUs: median(runs.baseline.map((t) => t.cpuUs)) },
  };
  return {
    name: row.name,
    adapterRps: mid.adapter.rps,
    baselineRps: mid.baseline.rps,
    ratio: mid.adapter.rps / mid.baseline.rps,
    adapterCpuUs: mid.adapter.cpuUs,
    baselineCpuUs: mid.baseline.cpuUs,
    signUs: microsPerCall(row.signOnce, o.signIterations),
    baselineNote: row.baselineNote,
  };
}

export function printTable(results: readonly RowResult[], o: RunOptions, goals = { ratio: 0.9, signUs: 20 }): void {
  const head = [
    'row',
    'adapter req/s',
    'bare undici req/s',
    'ratio',
    `goal ≥ ${goals.ratio}`,
    'client CPU µs/req adapter',
    'bare',
    'sign µs/req',
    `goal ≤ ${goals.signUs}`,
  ];
  const body = results.map((r) => [
    r.name,
    r.adapterRps.toFixed(0),
    r.baselineRps.toFixed(0),
    r.ratio.toFixed(2),
    r.ratio >= goals.ratio ? 'met' : 'MISSED',
    r.adapterCpuUs.toFixed(0),
    r.baselineCpuUs.toFixed(0),
    r.signUs.toFixed(1),
    r.signUs <= goals.signUs ? 'met' : 'MISSED',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`);
  for (const b of body) console.log(line(b));
  console.log(
    `\n${o.rounds} alternating rounds of ${o.requests} requests per path, concurrency ${o.concurrency}, median round each; ` +
      `client CPU: the measuring thread's CPU time per request (median of the rounds; includes the simulator when it runs in-process); ` +
      `signing: ${o.signIterations} iterations. Node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} CPUs.`,
  );
  for (const r of results) console.log(`- ${r.name}: ${r.baselineNote}`);
}
