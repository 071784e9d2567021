// n8n-nodes-tencent-tccc in a real n8n 2.41: credentials and workflows imported
// with the CLI, run with `n8n execute --id` against the TCCC simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTencentTcccSim, type TencentTcccSim } from '../../sim/tencent-tccc/index.ts';
import { chainWorkflow, itemsOf, N8nInstance } from './n8n.ts';

const SECRET_ID = 'AKIDccopsE2eTccc00000000000000000000';
const SECRET_KEY = 'ccopsE2eTcccSecretKey000000000000';
const PKG = 'n8n-nodes-tencent-tccc';
const CRED = { tencentTcccApi: { id: 'tcccCred1', name: 'TCCC sim' } };

let sim: TencentTcccSim;
let n8n: N8nInstance;

beforeAll(async () => {
  sim = await startTencentTcccSim({ secretId: SECRET_ID, secretKey: SECRET_KEY, historyHours: 3 });
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
});
