// Huawei AICC agent gateway: the adapter's getAgentState against a bare undici
// GET of the same simulator route (GET onlineagent/{id}/agentstatus with a
// Guid), measured in the same run. Prints a table; never part of the tests.
//
//   node bench/huawei-client.ts [requests=2000]
//
// The adapter serializes one agent's operations (the gateway refuses
// overlapping calls with 000-007), so the concurrent rows show that cost.
import { performance } from 'node:perf_hooks';
import { request, Agent } from 'undici';
import { parseConfig } from '../shared/config.ts';
import { UndiciTransport } from '../shared/http.ts';
import { createHuaweiAiccAdapter, type HuaweiAiccConfig } from '../shared/vendors/huawei-aicc/adapter.ts';
import { decideConference, encodeToken, type OutcomeToken } from '../shared/vendors/huawei-aicc/outcomes.ts';
import { startHuaweiAiccSim } from '../sim/huawei-aicc/index.ts';

const N = Number(process.argv[2] ?? 2000);

interface Row {
  name: string;
  n: number;
  ms: number[];
  wallMs: number;
}

async function measure(name: string, n: number, concurrency: number, op: () => Promise<unknown>): Promise<Row> {
  for (let i = 0; i < Math.min(100, n); i++) await op(); // warm-up
  const ms: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) {
        const t = performance.now();
        await op();
        ms.push(performance.now() - t);
      }
    }),
  );
  return { name, n, ms, wallMs: performance.now() - start };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

function table(rows: Row[], baselineOf: (r: Row) => Row | undefined): void {
  const head = ['case', 'n', 'mean ms', 'p50 ms', 'p95 ms', 'req/s', 'mean vs baseline'];
  const lines = rows.map((r) => {
    const s = [...r.ms].sort((a, b) => a - b);
    const mean = s.reduce((a, b) => a + b, 0) / s.length;
    const base = baselineOf(r);
    const baseMean = base ? base.ms.reduce((a, b) => a + b, 0) / base.ms.length : undefined;
    return [
      r.name,
      String(r.n),
      mean.toFixed(3),
      pct(s, 50).toFixed(3),
      pct(s, 95).toFixed(3),
      ((r.n / r.wallMs) * 1000).toFixed(0),
      base && base !== r ? `${(mean / baseMean!).toFixed(2)}x` : 'baseline',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(fmt(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}

const sim = await startHuaweiAiccSim();
const config = parseConfig({ centers: { hw: sim.demo.profile } }, { env: sim.demo.env });
const transport = new UndiciTransport();
const adapter = createHuaweiAiccAdapter('hw', config.centers.hw as HuaweiAiccConfig, { transport });
await adapter.signIn();

// The bare client signs in as another agent so both hold a valid Guid of their own.
const dispatcher = new Agent({ connections: 16 });
const signIn = await request(`${sim.url}/onlineagent/292`, {
  method: 'PUT',
  headers: { 'content-type': 'application/json; charset=UTF-8' },
  body: JSON.stringify({ password: 'sim-password', phonenum: '40039' }),
  dispatcher,
});
await signIn.body.text();
const bareGuid = String(signIn.headers['set-guid']).replace(/^JSESSIONID=/, '');
const bare = async () => {
  const res = await request(`${sim.url}/onlineagent/292/agentstatus`, {
    method: 'GET',
    headers: { 'content-type': 'application/json; charset=UTF-8', guid: bareGuid },
    dispatcher,
  });
  const body = (await res.body.json()) as { retcode: string };
  if (body.retcode !== '0') throw new Error(`bare: ${body.retcode}`);
};
const viaAdapter = () => adapter.getAgentState('291');

const rows: Row[] = [];
rows.push(await measure('bare undici, sequential', N, 1, bare));
rows.push(await measure('adapter getAgentState, sequential', N, 1, viaAdapter));
rows.push(await measure('bare undici, 8 concurrent', N, 8, bare));
rows.push(await measure('adapter getAgentState, 8 concurrent', N, 8, viaAdapter));

// pollOutcome's decision is pure: the cost of answering from 1000 kept events.
const token: OutcomeToken = { kind: 'conference', center: 'hw', agentId: '291', after: 0, deadline: Date.now() + 60_000, participants: [] };
const events = Array.from({ length: 1000 }, (_, i) => ({
  id: `b:${i}`,
  center: 'hw',
  agentId: '291',
  receivedAt: i,
  event: { eventType: 'AgentState_Ready', workNo: '291', content: null },
}));
const encoded = encodeToken(token);
const pure = await measure('decideConference over 1000 events (no I/O)', N, 1, async () => decideConference(token, encoded, events, Date.now()));

console.log(`\nHuawei AICC agent gateway, simulator on loopback, ${N} requests per row (Node ${process.version})\n`);
table(rows, (r) => rows.find((b) => b.name.startsWith('bare') && b.name.endsWith(r.name.split(', ')[1]!)));
console.log();
table([pure], () => undefined);
const polled = sim.log.entries({ action: 'getAgentEvent' }).length;
const open = sim.model.agent('291')!.waiter !== undefined;
console.log(`\nThe adapter's event poller ran beside the measured calls: ${polled} polls answered, a long poll ${open ? 'open' : 'not open'} at the end.`);

await adapter.close();
await transport.close();
await dispatcher.close();
await sim.close();
