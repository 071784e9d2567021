// n8n-nodes-aliyun-aiccs in a real n8n 2.41: the package loads, its credential
// signs (ACS3) inside n8n, and a search feeds a per-item agent lookup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAliyunAiccsSim, type AliyunAiccsSim } from '../../sim/aliyun-aiccs/index.ts';
import { chainWorkflow, itemsOf, N8nInstance } from './n8n.ts';

const PKG = 'n8n-nodes-aliyun-aiccs';
const CRED = { aliyunAiccsApi: { id: 'aiccsCred1', name: 'AICCS sim' } };

let sim: AliyunAiccsSim;
let n8n: N8nInstance;

beforeAll(async () => {
  sim = await startAliyunAiccsSim({ historyCalls: 30, historyHours: 1 });
  n8n = await N8nInstance.create([PKG]);
  await n8n.importCredentials([
    {
      id: 'aiccsCred1',
      name: 'AICCS sim',
      type: 'aliyunAiccsApi',
      data: {
        accessKeyId: sim.credentials.accessKeyId,
        accessKeySecret: sim.credentials.accessKeySecret,
        securityToken: '',
        region: '',
        endpoint: sim.url,
        instanceId: sim.model.instanceId,
        signatureVersion: 'v3',
        timeZone: 'Asia/Shanghai',
      },
    },
  ]);
});

afterAll(async () => {
  n8n?.dispose();
  await sim?.close();
});

describe('Alibaba AICCS nodes in n8n', () => {
  it('searches answered calls, then reads the status of each answering agent (one item per input item)', async () => {
    await n8n.importWorkflow(
      chainWorkflow('aiccsSearch', [
        {
          name: 'Answered Calls',
          type: `${PKG}.aliyunAiccs`,
          parameters: { resource: 'call', operation: 'search', from: '={{ $now.minus({ hours: 2 }).toISO() }}', returnAll: false, limit: 3, filters: { outcomes: ['answered'] } },
          credentials: CRED,
        },
        {
          name: 'Agent Status',
          type: `${PKG}.aliyunAiccs`,
          parameters: { resource: 'agent', operation: 'getStatus', agentId: "={{ $json.agents[0] ?? 'li.na@example.com' }}" },
          credentials: CRED,
          // Call records name the agent by ServicerId; an unknown one is an error item, not a failed run.
          onError: 'continueRegularOutput',
        },
      ]),
    );
    const run = await n8n.execute('aiccsSearch');
    expect(run.code, run.output).toBe(0);
    const calls = itemsOf(run.result!, 'Answered Calls');
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) expect(c).toMatchObject({ outcome: 'answered', vendorOutcome: expect.any(String) });
    const statuses = itemsOf(run.result!, 'Agent Status');
    expect(statuses).toHaveLength(calls.length);
    for (const s of statuses) expect(s.agentId ?? s.vendorCode).toEqual(expect.any(String));
    const served = sim.log.entries();
    expect(served.filter((e) => e.action === 'HotlineSessionQuery').every((e) => e.status === 200)).toBe(true);
    expect(served.some((e) => e.error === 'SignatureDoesNotMatch')).toBe(false);
  });
});
