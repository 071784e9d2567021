// AICCS client overhead: the client / adapter (zod input, V3 signing per
// attempt, Transport, envelope + zod response parsing, mapping) against bare
// undici sending the same simulator route, in the same run. The simulator
// refuses a replayed nonce like the gateway, so the bare path signs every
// request too (with the same pure signer); the difference is what the client
// layers cost. Also the cost of one V3 and one v2 signature alone.
//   node bench/aliyun-aiccs-client.ts [requests=1000] [concurrency=8]
// (bench/vendor-client.ts does not exist yet; this is the AICCS row for it.)
import { Agent, request } from 'undici';
import { parseConfig } from '../shared/config.ts';
import { UndiciTransport } from '../shared/http.ts';
import { Secret } from '../shared/secret.ts';
import { randomNonce, signAcs3Request, signRpcV2Request } from '../shared/vendors/aliyun/index.ts';
import { getHotlineAgentStatus, hotlineSessionQuery } from '../shared/vendors/aliyun-aiccs/actions.ts';
import { AliyunAiccsCenter } from '../shared/vendors/aliyun-aiccs/adapter.ts';
import { createContactCenter } from '../shared/vendors/index.ts';
import { startAliyunAiccsSim } from '../sim/aliyun-aiccs/index.ts';

const REQUESTS = Number(process.argv[2] ?? 1000);
const CONCURRENCY = Number(process.argv[3] ?? 8);
const ROUNDS = 3;
const AGENT = 'li.na@example.com';

const sim = await startAliyunAiccsSim({ historyCalls: 200 });
const config = parseConfig({ centers: { bench: sim.demo.profile } }, { env: sim.demo.env });
const transport = new UndiciTransport({ connectionsPerOrigin: CONCURRENCY });
const center = createContactCenter('bench', config.centers.bench!, { transport }) as AliyunAiccsCenter;
const creds = { accessKeyId: sim.credentials.accessKeyId, accessKeySecret: new Secret(sim.credentials.accessKeySecret) };
const now = sim.model.clock.now();
const window = { from: new Date(now - 3 * 3_600_000).toISOString(), to: new Date(now).toISOString() };

const dispatcher = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000 });
const statusReq = (() => {
  const { action, ...p } = getHotlineAgentStatus(sim.model.instanceId, AGENT);
  return center.client.rpc.buildRequest(action, p);
})();
const queryReq = (() => {
  const { action, ...p } = hotlineSessionQuery(sim.model.instanceId, {
    fromMs: Date.parse(window.from),
    toMs: Date.parse(window.to),
    pageNo: 1,
    pageSize: 20,
  });
  return center.client.rpc.buildRequest(action, p);
})();

async function bare(req: typeof statusReq): Promise<void> {
  const { request: signed } = signAcs3Request(req, creds, { now: new Date(), nonce: randomNonce() });
  const res = await request(signed.url, { method: signed.method, headers: signed.headers, body: signed.body, dispatcher });
  const json = (await res.body.json()) as { Success?: boolean };
  if (!json.Success) throw new Error(JSON.stringify(json));
}

const paths: Array<[string, () => Promise<void>]> = [
  ['bare undici + V3 sign: GetHotlineAgentStatus', () => bare(statusReq)],
  ['AliyunAiccsClient.agentStatus', async () => {
    if ((await center.client.agentStatus(AGENT)) !== '空闲') throw new Error('wrong state');
  }],
  ['bare undici + V3 sign: HotlineSessionQuery (20 rows)', () => bare(queryReq)],
  ['AliyunAiccsCenter.searchCalls (20 rows mapped)', async () => {
    if ((await center.searchCalls({ ...window, pageSize: 20 })).items.length !== 20) throw new Error('short page');
  }],
];

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

for (const [, fn] of paths) await run(200, fn); // warm connections and JIT
const results = new Map<string, Run[]>(paths.map(([name]) => [name, []]));
for (let r = 0; r < ROUNDS; r++) for (const [name, fn] of paths) results.get(name)!.push(await run(REQUESTS, fn));

const SIGNS = 20_000;
let sink = 0;
const usPer = (fn: (i: number) => void) => {
  const t0 = performance.now();
  for (let i = 0; i < SIGNS; i++) fn(i);
  return ((performance.now() - t0) * 1000) / SIGNS;
};
const v3Us = usPer((i) => {
  sink += signAcs3Request(statusReq, creds, { now: new Date(1_763_000_000_000 + i), nonce: `n${i}` }).signature.signature.length;
});
const v2Us = usPer((i) => {
  sink += signRpcV2Request(statusReq, creds, { now: new Date(1_763_000_000_000 + i), nonce: `n${i}` }).signature.signature.length;
});

const rows = [...results].map(([name, runs]) => {
  const all = runs.flatMap((r) => r.latencies);
  const ms = runs.reduce((a, r) => a + r.ms, 0);
  return { name, rps: (runs.length * REQUESTS * 1000) / ms, p50: pct(all, 50), p99: pct(all, 99) };
});
console.log(`AICCS on the simulator; ${ROUNDS} rounds x ${REQUESTS} requests per path, concurrency ${CONCURRENCY}, Node ${process.version}`);
console.log('');
console.log('| client | req/s | p50 ms | p99 ms | throughput vs its bare row |');
console.log('|---|---:|---:|---:|---:|');
rows.forEach((r, i) => {
  const base = rows[i - (i % 2)]!;
  console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} | ${(r.rps / base.rps).toFixed(2)}x |`);
});
const overhead = (i: number) => (1 / rows[i]!.rps - 1 / rows[i - 1]!.rps) * 1e6;
console.log('');
console.log(`Signing per request: V3 ACS3-HMAC-SHA256 ${v3Us.toFixed(1)} µs, RPC v2 HMAC-SHA1 ${v2Us.toFixed(1)} µs (${SIGNS} each; checksum ${sink % 10})`);
console.log(`Client layers over bare signed undici (event-loop time, from throughput): agentStatus ${overhead(1).toFixed(0)} µs, searchCalls ${overhead(3).toFixed(0)} µs`);

await transport.close();
await dispatcher.close();
await sim.close();
