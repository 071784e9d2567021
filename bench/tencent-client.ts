// TCCC client overhead: the adapter (zod input, TC3 signing per attempt,
// Transport, envelope + zod response parsing, mapping) against bare undici
// sending one pre-signed request to the same simulator route, in the same run.
// Also the cost of one TC3 signature alone.
//   node bench/tencent-client.ts [requests=2000] [concurrency=8]
import { Agent, request } from 'undici';
import { parseConfig } from '../shared/config.ts';
import { UndiciTransport } from '../shared/http.ts';
import { TencentTcccAdapter } from '../shared/vendors/tencent-tccc/adapter.ts';
import { tc3Sign } from '../shared/vendors/tencent-tccc/client.ts';
import { signTc3, TC3_CONTENT_TYPE } from '../shared/vendors/tencent-tccc/signer.ts';
import type { TencentTcccProfile } from '../shared/vendors/tencent-tccc/profile.ts';
import type { Resolved } from '../shared/config.ts';
import { startTencentTcccSim } from '../sim/tencent-tccc/index.ts';

const REQUESTS = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? 8);
const ROUNDS = 3;
const AGENT = 'agent@tccc-demo';

const sim = await startTencentTcccSim({ historyHours: 0 });
const config = parseConfig({ centers: { bench: sim.demo.profile } }, { env: sim.demo.env });
const profile = config.centers.bench as Resolved<TencentTcccProfile>;
const transport = new UndiciTransport({ connectionsPerOrigin: CONCURRENCY });
const adapter = new TencentTcccAdapter({ center: 'bench', profile, transport, retry: false });

// Bare undici: the same route and body, signed once up front (valid for 5 minutes).
const dispatcher = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000 });
const body = JSON.stringify({ SdkAppId: profile.sdkAppId, StaffList: [AGENT] });
function presigned(): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const sig = signTc3(
    { host: new URL(sim.url).host, service: 'ccc', action: 'DescribeStaffStatusMetrics', timestamp, contentType: TC3_CONTENT_TYPE, body },
    { secretId: profile.secretId, secretKey: profile.secretKey.reveal() },
  );
  return {
    'content-type': TC3_CONTENT_TYPE,
    'x-tc-action': 'DescribeStaffStatusMetrics',
    'x-tc-version': '2020-02-10',
    'x-tc-timestamp': String(timestamp),
    authorization: sig.authorization,
  };
}

async function bare(headers: Record<string, string>): Promise<void> {
  const res = await request(`${sim.url}/`, { method: 'POST', headers, body, dispatcher });
  const json = (await res.body.json()) as { Response: { Error?: unknown } };
  if (json.Response.Error) throw new Error(JSON.stringify(json.Response.Error));
}

async function viaAdapter(): Promise<void> {
  const state = await adapter.getAgentState(AGENT);
  if (state.agentId !== AGENT) throw new Error('wrong agent');
}

interface Run {
  ms: number;
  latencies: number[];
}

async function run(n: number, fn: () => Promise<void>): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < n) {
        const t = performance.now();
        await fn();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { ms: performance.now() - started, latencies };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

// Warm both paths (connections, JIT).
const headers = presigned();
await run(300, () => bare(headers));
await run(300, viaAdapter);

const results: Record<string, Run[]> = { 'bare undici (pre-signed)': [], 'TencentTcccAdapter.getAgentState': [] };
for (let r = 0; r < ROUNDS; r++) {
  const h = presigned();
  results['bare undici (pre-signed)']!.push(await run(REQUESTS, () => bare(h)));
  results['TencentTcccAdapter.getAgentState']!.push(await run(REQUESTS, viaAdapter));
}

// Signing alone: the client's step (derived key kept for its UTC day) and the
// pure signer deriving the key every time.
const SIGNS = 20_000;
const host = new URL(sim.url).host;
const step = tc3Sign({ secretId: profile.secretId, secretKey: 'bench-key' });
let sink = 0;
const usPer = (fn: (i: number) => void) => {
  const t0 = performance.now();
  for (let i = 0; i < SIGNS; i++) fn(i);
  return ((performance.now() - t0) * 1000) / SIGNS;
};
const signUs = usPer((i) => {
  sink += step({ action: 'DescribeStaffStatusMetrics', timestamp: 1_763_000_000 + i, host, contentType: TC3_CONTENT_TYPE, body }).Authorization!.length;
});
const deriveUs = usPer((i) => {
  sink += signTc3(
    { host, service: 'ccc', action: 'DescribeStaffStatusMetrics', timestamp: 1_763_000_000 + i, contentType: TC3_CONTENT_TYPE, body },
    { secretId: profile.secretId, secretKey: 'bench-key' },
  ).signature.length;
});

const rows = Object.entries(results).map(([name, runs]) => {
  const all = runs.flatMap((r) => r.latencies);
  const ms = runs.reduce((a, r) => a + r.ms, 0);
  return { name, rps: (runs.length * REQUESTS * 1000) / ms, p50: pct(all, 50), p99: pct(all, 99) };
});
const base = rows[0]!;
console.log(`TCCC route DescribeStaffStatusMetrics on the simulator; ${ROUNDS} rounds x ${REQUESTS} requests, concurrency ${CONCURRENCY}, Node ${process.version}`);
console.log('');
console.log('| client | req/s | p50 ms | p99 ms | throughput vs bare |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} | ${(r.rps / base.rps).toFixed(2)}x |`);
}
// Client and simulator share one event loop, which the run saturates: the
// throughput gap is the extra time each adapter request costs there.
const perRequestOverheadUs = (1 / rows[1]!.rps - 1 / base.rps) * 1e6;
console.log('');
console.log(`TC3 signing per request: ${signUs.toFixed(1)} µs with the day's key kept (the client), ${deriveUs.toFixed(1)} µs deriving it each time (${SIGNS} each; checksum ${sink % 10})`);
console.log(`Adapter cost per request over bare undici (event-loop time, from throughput): ${perRequestOverheadUs.toFixed(0)} µs, of which signing ~${signUs.toFixed(0)} µs`);

await transport.close();
await dispatcher.close();
await sim.close();
