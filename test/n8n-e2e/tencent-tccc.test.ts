// n8n-nodes-tencent-tccc in a real n8n 2.41: credentials and workflows imported
// with the CLI, run with `n8n execute --id` against the TCCC simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTencentTcccSim, type TencentTcccSim } from '../../sim/tencent-tccc/index.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chainWorkflow, itemsOf, N8nInstance, repo } from './n8n.ts';
import { type Sink, startSink, waitFor } from './sink.ts';

const SECRET_ID = 'AKIDccopsE2eTccc00000000000000000000';
const SECRET_KEY = 'ccopsE2eTcccSecretKey000000000000';
const PKG = 'n8n-nodes-tencent-tccc';
const CRED = { tencentTcccApi: { id: 'tcccCred1', name: 'TCCC sim' } };

let sim: TencentTcccSim;
let n8n: N8nInstance;
let sink: Sink;

beforeAll(async () => {
  sim = await startTencentTcccSim({ secretId: SECRET_ID, secretKey: SECRET_KEY, historyHours: 3 });
  sink = await startSink();
  n8n = await N8nInstance.create([PKG]);
  await n8n.importCredentials([
    {
      id: 'tcccCred1',
      name: 'TCCC sim',
      type: 'tencentTcccApi',
      data: { secretId: SECRET_ID, secretKey: SECRET_KEY, token: '', sdkAppId: 1_400_000_001, endpoint: sim.url, region: '' },
    },
  ]);
});

afterAll(async () => {
  await n8n?.stop();
  n8n?.dispose();
  await sim?.close();
  await sink?.close();
});

describe('Tencent TCCC nodes in n8n', () => {
  it('sets an agent on a break and reads it back', async () => {
    await n8n.importWorkflow(
      chainWorkflow('tcccBreak', [
        {
          name: 'Set Break',
          type: `${PKG}.tencentTccc`,
          parameters: { resource: 'agent', operation: 'setStatus', agentId: 'sun.li@tccc-demo', status: 'break', reason: 'lunch' },
          credentials: CRED,
        },
        {
          name: 'Read Back',
          type: `${PKG}.tencentTccc`,
          parameters: { resource: 'agent', operation: 'getStatus', agentId: '={{ $json.agentId }}' },
          credentials: CRED,
        },
      ]),
    );
    const before = sim.log.entries().length;
    const run = await n8n.execute('tcccBreak');
    expect(run.code, run.output).toBe(0);
    expect(itemsOf(run.result!, 'Set Break')[0]).toMatchObject({ agentId: 'sun.li@tccc-demo', state: 'break' });
    expect(itemsOf(run.result!, 'Read Back')).toEqual([expect.objectContaining({ agentId: 'sun.li@tccc-demo', state: 'break', vendorState: expect.any(String) })]);
    const served = sim.log.entries().slice(before);
    expect(served.map((e) => [e.action, e.status])).toEqual(
      expect.arrayContaining([
        ['SetStaffStatus', 200],
        ['DescribeStaffStatusMetrics', 200],
      ]),
    );
    expect(served.every((e) => !e.error)).toBe(true);
  });

  it('searches calls: one output item per call record', async () => {
    await n8n.importWorkflow(
      chainWorkflow('tcccSearch', [
        {
          name: 'Search',
          type: `${PKG}.tencentTccc`,
          parameters: {
            resource: 'call',
            operation: 'search',
            from: '={{ $now.minus({ hours: 2 }).toISO() }}',
            returnAll: false,
            limit: 5,
            filters: { outcomes: ['abandoned_in_queue', 'abandoned_ringing', 'abandoned_ivr'] },
          },
          credentials: CRED,
        },
      ]),
    );
    const run = await n8n.execute('tcccSearch');
    expect(run.code, run.output).toBe(0);
    const items = itemsOf(run.result!, 'Search');
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(5);
    for (const call of items) expect(call).toMatchObject({ id: expect.any(String), outcome: expect.stringMatching(/^abandoned_/), vendorOutcome: expect.any(String) });
    expect(sim.log.entries({ action: 'DescribeTelCdr' }).at(-1)?.status).toBe(200);
  });

  it('the sample "abandoned call -> Slack" workflow, published, fires exactly once per abandoned call', async () => {
    type Node = { name: string; type: string; typeVersion: number; parameters: Record<string, unknown>; credentials?: unknown };
    const wf = JSON.parse(readFileSync(join(repo, 'nodes/examples/abandoned-call-to-slack.json'), 'utf8')) as { nodes: Node[] } & Record<string, unknown>;
    // The sample uses the CCC trigger; the TCCC trigger emits the same normalized items. The sink stands in for Slack.
    for (const n of wf.nodes) {
      if (n.type === 'n8n-nodes-aliyun-ccc.aliyunCccTrigger') Object.assign(n, { type: `${PKG}.tencentTcccTrigger`, credentials: CRED });
      if (n.type === 'n8n-nodes-base.slack') {
        const text = n.parameters.text;
        Object.assign(n, {
          type: 'n8n-nodes-base.httpRequest',
          typeVersion: 4.2,
          credentials: undefined,
          parameters: { method: 'POST', url: sink.url, sendBody: true, contentType: 'raw', rawContentType: 'text/plain', body: text, options: {} },
        });
      }
    }
    await n8n.importWorkflow({ ...wf, id: 'tcccTrig', name: 'tcccTrig', active: false });
    const published = await n8n.run(['publish:workflow', '--id=tcccTrig']);
    expect(published.code, published.stdout + published.stderr).toBe(0);

    const listings = () => sim.log.entries({ action: 'DescribeTelCdr' }).length;
    const before = listings();
    await n8n.start();
    // Activation poll: reads the overlap window, emits nothing (history is not replayed).
    await waitFor('the activation poll', () => listings() > before, 60_000);
    const burst = sim.burst(3).map((c) => c.SessionId);
    await waitFor('the three abandoned calls at the sink', () => sink.received.length >= 3, 150_000).catch((e: Error) => {
      throw new Error(`${e.message}\nsim: ${JSON.stringify(sim.log.entries().slice(-8))}\nsink: ${JSON.stringify(sink.received)}\nn8n:\n${n8n.serverLog.slice(-6000)}`);
    });
    // One more poll over the same window must not post them again.
    const afterFirst = listings();
    await waitFor('the next poll', () => listings() > afterFirst, 90_000);
    await new Promise((r) => setTimeout(r, 3_000));
    const texts = sink.received.map((r) => String(r.unparsed));
    expect(texts.map((t) => /Call (\S+) at/.exec(t)?.[1]).sort()).toEqual([...burst].sort());
    // The message masks the caller like the vendors do (7 digits then ****).
    for (const t of texts) expect(t).toMatch(/^:telephone_receiver: Abandoned call \((in queue|ringing|ivr)\) from \d{7}\*{4}/);
    expect(sim.log.entries({ action: 'DescribeTelCdr' }).every((e) => e.status === 200)).toBe(true);
  });
});
