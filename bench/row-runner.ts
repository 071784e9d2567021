// The measuring half of bench/vendor-client.ts. One vendor row = one adapter
// operation and two bare-undici baselines on the same simulator route, run in
// alternating rounds in the same process at the same concurrency, plus the
// cost of signing one request:
//   adapter      the ContactCenter operation (checks, signing, send, parse, map)
//   bare+signer  bare undici doing the same necessary work per request: the
//                same signer on every request (a fresh date and nonce), the
//                same HTTP exchange, JSON read and a check of the answer.
//                The ratio goal (≥ 0.9) is judged against this path.
//   pre-signed   bare undici sending requests signed before the clock starts:
//                the whole client overhead, signing included.
// A vendor adds a row by writing a factory in rows/<vendor>.ts and listing it
// in vendor-client.ts.
import { availableParallelism, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full collection before each timed run, so no path pays for the garbage the
// previous one left (pre-signing a round's requests makes plenty).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export interface VendorRow {
  /** e.g. `aliyun-ccc getAgentState` */
  name: string;
  /** One adapter call (validate, sign, send, parse, map). */
  adapter: () => Promise<void>;
  /** One bare undici call on the same route(s), signing each request with the adapter's own signer. */
  bareSigned: () => Promise<void>;
  /**
   * Prepares `count` bare calls whose requests are signed now, before timing
   * (a fresh nonce each: the simulators refuse replays), and returns the call.
   */
  presigned: (count: number) => () => Promise<void>;
  /** HTTP requests one call makes (the same on every path). */
  requestsPerCall: number;
  /** Signs one request with the adapter's signer, for the µs-per-request figure; or why there is none. */
  signOnce: (() => void) | { none: string };
  /** What the paths do on this row, one line each for the table's notes. */
  notes: string[];
  close: () => Promise<void>;
}

export interface RunOptions {
  /** Calls per round and path. */
  requests: number;
  concurrency: number;
  /** Alternating rounds; the median round of each path counts (the machine is shared, single rounds are noisy). */
  rounds: number;
  /** Iterations for the signing figure. */
  signIterations: number;
}

const PATHS = ['adapter', 'bareSigned', 'presigned'] as const;
type Path = (typeof PATHS)[number];

export interface PathResult {
  /** Median calls/s over the rounds. */
  rps: number;
  /** Median measuring-thread CPU µs per call. */
  cpuUs: number;
}

export interface RowResult {
  name: string;
  paths: Record<Path, PathResult>;
  /** adapter / bare+signer, from the medians; and the lowest and highest of the same-round ratios. */
  ratioSigned: { median: number; min: number; max: number };
  ratioPresigned: { median: number; min: number; max: number };
  /** µs per request, or why there is no signing. */
  sign: number | string;
  requestsPerCall: number;
  notes: string[];
}

export interface Throughput {
  rps: number;
  /** This thread's CPU per call: what the client side costs, whatever else runs on the machine. */
  cpuUs: number;
}

/** Calls per second of `op`, `n` calls with `concurrency` in flight, and this thread's CPU per call. */
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

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Round r runs the three paths in a rotated order, so none always goes first or last. */
function orderOfRound(r: number): Path[] {
  const k = r % PATHS.length;
  return [...PATHS.slice(k), ...PATHS.slice(0, k)];
}

export async function runRow(row: VendorRow, o: RunOptions): Promise<RowResult> {
  const warm = Math.max(100, Math.floor(o.requests / 10));
  const op = (path: Path, n: number) => (path === 'presigned' ? row.presigned(n) : row[path]);
  for (const path of PATHS) await throughput(op(path, warm), warm, o.concurrency);
  const runs: Record<Path, Throughput[]> = { adapter: [], bareSigned: [], presigned: [] };
  for (let r = 0; r < o.rounds; r++) {
    for (const path of orderOfRound(r)) {
      const fn = op(path, o.requests); // pre-signing happens here, outside the timed run
      collectGarbage();
      runs[path].push(await throughput(fn, o.requests, o.concurrency));
    }
  }
  const mid = (path: Path): PathResult => ({
    rps: median(runs[path].map((t) => t.rps)),
    cpuUs: median(runs[path].map((t) => t.cpuUs)),
  });
  const paths = { adapter: mid('adapter'), bareSigned: mid('bareSigned'), presigned: mid('presigned') };
  const ratio = (base: Path) => {
    const perRound = runs.adapter.map((t, i) => t.rps / runs[base][i]!.rps);
    return { median: paths.adapter.rps / paths[base].rps, min: Math.min(...perRound), max: Math.max(...perRound) };
  };
  return {
    name: row.name,
    paths,
    ratioSigned: ratio('bareSigned'),
    ratioPresigned: ratio('presigned'),
    sign: typeof row.signOnce === 'function' ? microsPerCall(row.signOnce, o.signIterations) : row.signOnce.none,
    requestsPerCall: row.requestsPerCall,
    notes: row.notes,
  };
}

/** The machine's load, for judging noise: 1-minute load average over the CPU count. */
export function machineLoad(): string {
  const [one, five] = loadavg();
  return `load average ${one!.toFixed(2)} (1 min) / ${five!.toFixed(2)} (5 min) on ${availableParallelism()} CPUs`;
}

export function printTable(
  results: readonly RowResult[],
  o: RunOptions,
  load: { before: string; after: string; seconds: number },
  goals = { ratio: 0.9, signUs: 20 },
): void {
  const ratioCell = (r: { median: number; min: number; max: number }, goal?: number) =>
    `${r.median.toFixed(2)} (${r.min.toFixed(2)}–${r.max.toFixed(2)})${goal === undefined ? '' : r.median >= goal ? ' met' : ' MISSED'}`;
  const head = [
    'row',
    'adapter calls/s',
    '(a) bare+signer calls/s',
    `adapter/(a), goal ≥ ${goals.ratio}`,
    '(b) pre-signed calls/s',
    'adapter/(b)',
    'CPU µs/call adapter',
    '(a)',
    '(b)',
    '(a)/adapter CPU',
    `sign µs/request, goal ≤ ${goals.signUs}`,
  ];
  const body = results.map((r) => [
    r.name,
    r.paths.adapter.rps.toFixed(0),
    r.paths.bareSigned.rps.toFixed(0),
    ratioCell(r.ratioSigned, goals.ratio),
    r.paths.presigned.rps.toFixed(0),
    ratioCell(r.ratioPresigned),
    r.paths.adapter.cpuUs.toFixed(0),
    r.paths.bareSigned.cpuUs.toFixed(0),
    r.paths.presigned.cpuUs.toFixed(0),
    (r.paths.bareSigned.cpuUs / r.paths.adapter.cpuUs).toFixed(2),
    typeof r.sign === 'number' ? `${r.sign.toFixed(1)} ${r.sign <= goals.signUs ? 'met' : 'MISSED'}` : r.sign,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`);
  for (const b of body) console.log(line(b));
  console.log(
    [
      '',
      `Each row: ${o.rounds} rounds of ${o.requests} calls per path, concurrency ${o.concurrency}, the three paths in rotated order each round; ` +
        'calls/s and CPU are the median round of each path; ratios are of the medians, with the lowest and highest same-round ratio in brackets. ' +
        'A full garbage collection on the measuring thread before every timed run.',
      '(a) bare+signer: bare undici on the same route doing the same necessary work per request (the adapter\'s own signer, a fresh date and nonce; ' +
        'same HTTP exchange; JSON read and the answer checked). The ratio goal (≥ 0.9) is judged on adapter/(a).',
      '(b) pre-signed: bare undici sending requests signed before timing, so adapter/(b) is the whole client overhead, signing included.',
      'CPU µs/call: CPU time of the measuring thread per call (user + system); the simulators run in a worker thread, so it is the client side only. ' +
        '(a)/adapter CPU: the ratio the calls/s would show if the client thread alone were the limit; steadier than calls/s on a shared machine. ' +
        `Sign µs/request: ${o.signIterations} signatures of the row's request in a loop.`,
      `Node ${process.version}, ${process.platform}/${process.arch}. Machine ${load.before} at the start, ${load.after} at the end ` +
        `(other work on a shared machine moves the req/s; the CPU µs columns move less). Whole run ${load.seconds.toFixed(0)} s.`,
      '',
    ].join('\n'),
  );
  for (const r of results) {
    console.log(`- ${r.name}${r.requestsPerCall > 1 ? ` (${r.requestsPerCall} HTTP requests per call)` : ''}:`);
    for (const n of r.notes) console.log(`  - ${n}`);
  }
}
