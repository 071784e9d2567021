// Queue overhead and the abandoned-call pipeline, each row beside its
// baseline measured in the same run on the same Redis:
//   1. operation jobs/s through ccops (zod-checked submission, operations
//      processor, runOperation on a no-op center, reply sink) vs bare BullMQ
//      (queue.add + a worker returning at once), same concurrency;
//   2. abandoned-call pipeline (poll result -> dedup key -> notify job) in
//      records/s and p99 from a poll result to its notify jobs enqueued, vs
//      bare BullMQ addBulk of as many jobs;
//   3. RSS of a running service (all workers) while polls bring 5,000 new
//      abandoned calls a second, vs this process before the service started.
//   node bench/queues.ts [jobs=5000] [concurrency=16]
import { randomBytes } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { AgentState, CallRecord, ListAbandonedInput, Page } from '../shared/domain.ts';
import { parseConfig } from '../shared/config.ts';
import { supported, type ContactCenter } from '../shared/port.ts';
import { abandonedPoller } from '../queues/abandoned.ts';
import { Centers } from '../queues/centers.ts';
import { createLogger } from '../queues/logger.ts';
import { Keys, QUEUE } from '../queues/names.ts';
import { operationsProcessor, submitOperation, VENDOR_BACKOFF, vendorBackoff, type OperationsSettings } from '../queues/operations.ts';
import { bullConnection, connect, withScripts } from '../queues/redis.ts';
import { nullReplySink } from '../queues/reply.ts';
import { startService } from '../queues/service.ts';
import type { SlackPoster } from '../queues/slack.ts';

const JOBS = Number(process.argv[2] ?? 5000);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PAGE = 500;
/** V8 heap settings docs/operations.md recommends for the service (NODE_OPTIONS). */
const HEAP_FLAGS = ['--max-old-space-size=192', '--max-semi-space-size=4'];
const RECORDS = 20_000;
const logger = createLogger({ level: 'silent' });
const prefixes: string[] = [];
const newPrefix = (tag: string) => {
  const p = `{ccops-bench-${tag}-${randomBytes(4).toString('hex')}}`;
  prefixes.push(p);
  return p;
};

// --- a center that answers at once (the bench measures the queue, not a vendor) ---
let callSeq = 0;
function abandonedCall(center: string, at: Date): CallRecord {
  const n = ++callSeq;
  return {
    center,
    id: `call-${n}`,
    direction: 'inbound',
    caller: `1317${String(n).padStart(7, '0')}`,
    agents: [],
    skillGroup: ['Sales', 'Support', 'Billing'][n % 3],
    startedAt: at.toISOString(),
    releasedAt: at.toISOString(),
    durations: { queue: n % 120, total: n % 180 },
    outcome: 'abandoned_in_queue',
    vendorOutcome: 'waitingGiveUp',
    raw: {},
  };
}

class NoopCenter implements ContactCenter {
  readonly vendor = 'tencent-tccc' as const;
  readonly center: string;
  readonly capabilities = {
    startConference: supported,
    endConference: supported,
    getCall: supported,
    searchCalls: supported,
    getAgentState: supported,
    setAgentState: supported,
    listAbandonedCalls: supported,
  };
  /** Calls listAbandonedCalls hands out: a fixed set, or new ones each poll. */
  feed: (input: ListAbandonedInput) => Page<CallRecord> = () => ({ items: [] });
  constructor(center: string) {
    this.center = center;
  }
  state(agentId: string): AgentState {
    return { center: this.center, agentId, state: 'ready', vendorState: 'free', raw: {} };
  }
  async getAgentState(agentId: string) {
    return this.state(agentId);
  }
  async setAgentState(i: { agentId: string }) {
    return { status: 'done' as const, value: this.state(i.agentId) };
  }
  async listAbandonedCalls(input: ListAbandonedInput) {
    return this.feed(input);
  }
  startConference = () => Promise.reject(new Error('not in the bench'));
  endConference = () => Promise.reject(new Error('not in the bench'));
  getCall = () => Promise.reject(new Error('not in the bench'));
  searchCalls = () => Promise.reject(new Error('not in the bench'));
  pollOutcome = () => Promise.reject(new Error('not in the bench'));
  close = async () => {};
}

async function drain(queue: Queue, total: number): Promise<void> {
  for (;;) {
    const c = await queue.getJobCounts('completed', 'failed');
    if ((c.completed ?? 0) + (c.failed ?? 0) >= total) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function addAll(n: number, add: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < n; i += 200) await Promise.all(Array.from({ length: Math.min(200, n - i) }, (_, k) => add(i + k)));
}

// --- 1. operations ------------------------------------------------------------------
async function bareOps(): Promise<number> {
  const prefix = newPrefix('bare');
  const queue = new Queue('bare', { connection: bullConnection(REDIS_URL), prefix });
  const worker = new Worker('bare', async () => ({ ok: true }), { connection: bullConnection(REDIS_URL), prefix, concurrency: CONCURRENCY });
  await worker.waitUntilReady();
  const t0 = performance.now();
  await addAll(JOBS, (i) => queue.add('op', { i }, { removeOnComplete: { count: JOBS } }));
  await drain(queue, JOBS);
  const s = (performance.now() - t0) / 1000;
  await worker.close();
  await queue.close();
  return JOBS / s;
}

async function ccopsOps(): Promise<number> {
  const prefix = newPrefix('ops');
  const settings: OperationsSettings = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000, idempotencyWindowMs: 600_000 };
  const queue = new Queue(QUEUE.operations, { connection: bullConnection(REDIS_URL), prefix });
  const outcomes = new Queue(QUEUE.outcomes, { connection: bullConnection(REDIS_URL), prefix });
  const centers = new Centers([new NoopCenter('bench')]);
  const proc = operationsProcessor({
    centers,
    sink: nullReplySink,
    outcomes,
    settings,
    outcomeSettings: { maxWaitMs: 60_000, minPollMs: 500 },
    logger,
  });
  const worker = new Worker(QUEUE.operations, proc, {
    connection: bullConnection(REDIS_URL),
    prefix,
    concurrency: CONCURRENCY,
    settings: { backoffStrategy: vendorBackoff(settings) },
  });
  await worker.waitUntilReady();
  const t0 = performance.now();
  await addAll(JOBS, (i) =>
    submitOperation(queue, settings, {
      center: 'bench',
      operation: 'getAgentState',
      input: { agentId: `agent-${i}` },
      replyTarget: { kind: 'bench' },
      idempotencyKey: `k-${i}`,
    }),
  );
  await drain(queue, JOBS);
  const s = (performance.now() - t0) / 1000;
  await worker.close();
  await queue.close();
  await outcomes.close();
  void VENDOR_BACKOFF;
  return JOBS / s;
}

// --- 2. abandoned-call pipeline ------------------------------------------------------
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
}

async function pipeline(): Promise<{ perSecond: number; p50: number; p99: number }> {
  const prefix = newPrefix('poll');
  const redis = withScripts(connect(REDIS_URL));
  const notify = new Queue(QUEUE.notify, { connection: bullConnection(REDIS_URL), prefix });
  const center = new NoopCenter('bench');
  const now = new Date();
  const pages: CallRecord[][] = [];
  for (let i = 0; i < RECORDS / PAGE; i++) pages.push(Array.from({ length: PAGE }, () => abandonedCall('bench', now)));
  center.feed = (input) => {
    const i = input.cursor ? Number(input.cursor) : 0;
    return { items: pages[i]!, ...(i + 1 < pages.length ? { nextCursor: String(i + 1) } : {}) };
  };
  const poll = abandonedPoller({
    redis,
    keys: new Keys(prefix),
    centers: new Centers([center]),
    notify,
    settings: { intervalMs: 1000, overlapMs: 60_000, initialLookbackMs: 3_600_000, dedupTtlSec: 3600 },
    route: (c) => `#alerts-${c.skillGroup?.toLowerCase() ?? 'all'}`,
    logger,
    maxPages: 1000,
  });
  const t0 = performance.now();
  const result = await poll({ data: { center: 'bench' } } as Job);
  const s = (performance.now() - t0) / 1000;
  if (result.queued !== RECORDS) throw new Error(`expected ${RECORDS} notify jobs, got ${result.queued}`);
  // A second poll over the same window admits nothing (dedup), as in production.
  const again = await poll({ data: { center: 'bench' } } as Job);
  if (again.queued !== 0) throw new Error('dedup let calls through twice');
  const counts = await notify.getJobCounts('waiting');
  if (counts.waiting !== RECORDS) throw new Error(`expected ${RECORDS} notify jobs, found ${counts.waiting}`);
  await notify.close();
  redis.disconnect();
  return { perSecond: RECORDS / s, p50: percentile(result.enqueueMs, 50), p99: percentile(result.enqueueMs, 99) };
}

async function bareBulk(): Promise<{ perSecond: number; p50: number; p99: number }> {
  const prefix = newPrefix('bulk');
  const queue = new Queue('bulk', { connection: bullConnection(REDIS_URL), prefix });
  const lat: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < RECORDS; i += PAGE) {
    const t = performance.now();
    await queue.addBulk(Array.from({ length: PAGE }, (_, k) => ({ name: 'alert', data: { alertId: `a-${i + k}`, channel: '#x' }, opts: { jobId: `a-${i + k}` } })));
    lat.push(performance.now() - t);
  }
  const s = (performance.now() - t0) / 1000;
  await queue.close();
  return { perSecond: RECORDS / s, p50: percentile(lat, 50), p99: percentile(lat, 99) };
}

// --- 3. RSS of a running service under alert load ----------------------------------------
async function serviceRss(seconds: number): Promise<{ peakMb: number; posted: number; alerts: number }> {
  const prefix = newPrefix('svc');
  const center = new NoopCenter('bench');
  let last = Date.now();
  // Every poll (each second) brings the calls abandoned since the last one: 5,000 a second.
  center.feed = () => {
    const t = Date.now();
    const n = Math.round(((t - last) / 1000) * 5000);
    last = t;
    return { items: Array.from({ length: Math.min(n, 20_000) }, () => abandonedCall('bench', new Date(t))) };
  };
  let posted = 0;
  let alerts = 0;
  const slack: SlackPoster = {
    async postMessage(m) {
      posted++;
      alerts += Number((m.metadata?.event_payload as { count?: number } | undefined)?.count ?? 1);
      return { channel: m.channel, ts: `${Date.now() / 1000}` };
    },
    async update() {},
  };
  const config = parseConfig(
    {
      centers: { bench: { vendor: 'tencent-tccc', endpoint: 'http://127.0.0.1:9', sdkAppId: 1, secretId: 'x', secretKey: { env: 'BENCH_SECRET' } } },
      slack: { botToken: { env: 'BENCH_SECRET' }, signingSecret: { env: 'BENCH_SECRET' }, defaultChannel: '#bench' },
      alerts: { intervalSeconds: 1, initialLookbackSeconds: 1, digestMax: 5000 },
    },
    { env: { BENCH_SECRET: 'x' } },
  );
  const service = await startService({
    config,
    prefix,
    redis: REDIS_URL,
    createCenter: () => center,
    slack,
    logger,
    http: false,
    handleSignals: false,
    ...(process.env.BENCH_ROLES ? { roles: JSON.parse(process.env.BENCH_ROLES) as Record<string, boolean> } : {}),
  });
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
    if (process.env.BENCH_TRACE) console.error(JSON.stringify({ rssMb: Math.round(process.memoryUsage().rss / 2 ** 20), heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20), extMb: Math.round(process.memoryUsage().external / 2 ** 20), abMb: Math.round(process.memoryUsage().arrayBuffers / 2 ** 20), posted, alerts }));
  }, 50);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  clearInterval(timer);
  await service.close();
  return { peakMb: peak / 2 ** 20, posted, alerts };
}

// Row 3 runs in a child process of its own, so its RSS is the service's alone.
async function dropBenchKeys(): Promise<void> {
  const r = new Redis(REDIS_URL);
  for (const p of prefixes) {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${p}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.unlink(...keys);
    } while (cursor !== '0');
  }
  r.disconnect();
}

if (process.argv[2] === '--service-child') {
  const before = process.memoryUsage().rss;
  const r = await serviceRss(Number(process.argv[3] ?? 10));
  await dropBenchKeys();
  process.stdout.write(`${JSON.stringify({ ...r, beforeMb: before / 2 ** 20 })}\n`);
  process.exit(0);
}

async function serviceRssInChild(seconds: number, flags: string[] = []): Promise<{ peakMb: number; posted: number; alerts: number; beforeMb: number }> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [...flags, new URL(import.meta.url).pathname, '--service-child', String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  await new Promise((r) => child.once('exit', r));
  return JSON.parse(out.trim().split('\n').at(-1)!) as { peakMb: number; posted: number; alerts: number; beforeMb: number };
}

// --- run --------------------------------------------------------------------------------
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
try {
  await bareOps(); // warm-up (scripts loaded, JIT)
  const bare = await bareOps();
  const ours = await ccopsOps();
  const bulk = await bareBulk();
  const pipe = await pipeline();
  const rss = await serviceRssInChild(10);
  const capped = await serviceRssInChild(10, HEAP_FLAGS);
  const rows = [
    ['operation jobs/s (no-op center)', `${fmt(ours)}/s`, `bare BullMQ ${fmt(bare)}/s`, `ratio ${fmt(ours / bare, 2)}`, 'ratio >= 0.8'],
    ['abandoned pipeline records/s', `${fmt(pipe.perSecond)}/s`, `bare addBulk ${fmt(bulk.perSecond)}/s`, `ratio ${fmt(pipe.perSecond / bulk.perSecond, 2)}`, '>= 5,000/s'],
    ['poll result -> notify jobs p99', `${fmt(pipe.p99, 1)} ms (p50 ${fmt(pipe.p50, 1)})`, `bare addBulk p99 ${fmt(bulk.p99, 1)} ms`, `per ${PAGE}-record page`, '<= 200 ms'],
    ['service RSS, 5,000 alerts/s, 10 s', `${fmt(rss.peakMb)} MB peak`, `same process before start ${fmt(rss.beforeMb)} MB`, `${fmt(rss.alerts)} calls in ${fmt(rss.posted)} msgs`, '<= 200 MB'],
    [`  same, ${HEAP_FLAGS.join(' ')}`, `${fmt(capped.peakMb)} MB peak`, `same process before start ${fmt(capped.beforeMb)} MB`, `${fmt(capped.alerts)} calls in ${fmt(capped.posted)} msgs`, '<= 200 MB'],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length), ['measure', 'ccops', 'baseline (same run)', 'relative', 'goal'][i]!.length));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`bench/queues: ${JOBS} jobs, concurrency ${CONCURRENCY}, ${RECORDS} records in pages of ${PAGE}; Redis ${REDIS_URL}; node ${process.version}`);
  console.log(line(['measure', 'ccops', 'baseline (same run)', 'relative', 'goal']));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
} finally {
  await dropBenchKeys();
}
process.exit(0);
