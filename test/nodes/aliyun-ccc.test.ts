// The CCC action and trigger nodes against the CCC simulator over real HTTP,
// every request signed (ACS3) by the credential's `authenticate`. The
// conference case drives the core's pollOutcome with n8n-workflow's sleep.
import { NodeApiError } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AliyunCccApi } from '../../nodes/credentials/AliyunCccApi.credentials.ts';
import { AliyunCcc } from '../../nodes/nodes/AliyunCcc/AliyunCcc.node.ts';
import { AliyunCccTrigger } from '../../nodes/nodes/AliyunCcc/AliyunCccTrigger.node.ts';
import { CCC_OPERATIONS } from '../../nodes/lib/vendors/aliyun-ccc.ts';
import { OPERATIONS } from '../../shared/port.ts';
import { startAliyunCccSim, type AliyunCccSim } from '../../sim/aliyun-ccc/index.ts';
import { resolveTestRequest } from './credential-test.ts';
import { Harness } from './harness.ts';

const KEY_ID = 'LTAI5tCcopsNodesTest01';
const KEY_SECRET = 'ccopsNodesTestCccSecret000000000';
const HOST = 'agent@ccc-test';
let sim: AliyunCccSim;

beforeAll(async () => {
  sim = await startAliyunCccSim({ accessKeyId: KEY_ID, accessKeySecret: KEY_SECRET, historyHours: 2, timings: { ringAfterMs: 200, answerAfterMs: 600 } });
});
afterAll(async () => {
  await sim?.close();
});

function credentials(overrides: Record<string, unknown> = {}) {
  return {
    aliyunCccApi: {
      type: new AliyunCccApi(),
      data: { accessKeyId: KEY_ID, accessKeySecret: KEY_SECRET, securityToken: '', region: 'cn-shanghai', endpoint: sim.url, instanceId: 'ccc-test', signatureVersion: 'v3', ...overrides },
    },
  };
}

const node = new AliyunCcc();

describe('Alibaba Cloud Contact Center action node', () => {
  it('offers every operation, conference included', () => {
    expect([...CCC_OPERATIONS].sort()).toEqual([...OPERATIONS].sort());
    const resource = node.description.properties.find((p) => p.name === 'resource');
    expect(resource?.options?.map((o) => (o as { value: string }).value)).toEqual(['agent', 'call', 'conference']);
  });

  it('starts a conference and, with "Wait for Outcome", returns once every participant answered', async () => {
    const h = new Harness({
      credentials: credentials(),
      parameters: { resource: 'conference', operation: 'start', participants: '13175112345, li.na', agentId: HOST, options: { waitSeconds: 20 } },
    });
    const [out] = await node.execute.call(h.execute());
    expect(out![0]!.json).toMatchObject({
      outcome: 'done',
      chair: HOST,
      participants: [
        { kind: 'phone', state: 'joined' },
        { kind: 'agent', address: sim.model.agents.get('li.na@ccc-test')!.extension, state: 'joined' },
      ],
    });
    expect(out![0]!.pairedItem).toEqual({ item: 0 });
    const actions = sim.log.entries().map((e) => e.action);
    expect(actions).toContain('StartConference');
    expect(actions.filter((a) => a === 'PollUserStatus').length).toBeGreaterThan(0);

    const end = new Harness({ credentials: credentials(), parameters: { resource: 'conference', operation: 'end', conferenceId: out![0]!.json.id, agentId: HOST, options: {} } });
    const [ended] = await node.execute.call(end.execute());
    expect(ended![0]!.json).toMatchObject({ id: out![0]!.json.id, outcome: 'done' });
  });

  it('without waiting, returns the pending conference with its progress', async () => {
    const h = new Harness({ credentials: credentials(), parameters: { resource: 'conference', operation: 'start', participants: '13175112346', agentId: 'zhao.lei@ccc-test', options: {} } });
    const [out] = await node.execute.call(h.execute());
    expect(out![0]!.json).toMatchObject({ outcome: 'pending', outcomeToken: expect.any(String), progress: expect.stringMatching(/^calling \d+\*{4}$/) });
  });

  it('a vendor refusal carries its code and request id (NodeApiError)', async () => {
    const h = new Harness({ credentials: credentials(), parameters: { resource: 'conference', operation: 'start', participants: '80019999', agentId: HOST, options: {} } });
    const error = (await node.execute.call(h.execute()).catch((e: unknown) => e)) as NodeApiError;
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.httpCode).toBe('404');
    expect(error.description).toMatch(/NotExists\.Number; request id \S+/);
  });
});

describe('Alibaba Cloud Contact Center API credential', () => {
  it('its test request passes with the right keys and fails with wrong ones', async () => {
    const good = credentials().aliyunCccApi;
    const request = resolveTestRequest(good.type, good.data);
    await expect(new Harness({ credentials: credentials(), parameters: {} }).request('aliyunCccApi', request)).resolves.toBeDefined();
    await expect(new Harness({ credentials: credentials({ accessKeySecret: 'wrong' }), parameters: {} }).request('aliyunCccApi', request)).rejects.toMatchObject({
      status: expect.any(Number),
    });
  });

  it('signs with RPC v2 (HMAC-SHA1) when chosen', async () => {
    const h = new Harness({ credentials: credentials({ signatureVersion: 'v2' }), parameters: { resource: 'agent', operation: 'getStatus', agentId: HOST } });
    const [out] = await node.execute.call(h.execute());
    expect(out![0]!.json).toMatchObject({ agentId: HOST });
    expect(h.sent.at(-1)?.url).toMatch(/[?&]Signature=/);
  });
});

describe('Alibaba Cloud Contact Center trigger', () => {
  it('activation emits nothing; each abandoned call then fires once', async () => {
    const trigger = new AliyunCccTrigger();
    const h = new Harness({ credentials: credentials(), parameters: { event: 'callAbandoned', options: {} } });
    expect(await trigger.poll.call(h.poll())).toBeNull();
    const burst = sim.burst(3);
    const out = await trigger.poll.call(h.poll());
    expect(out![0]!.map((i) => i.json.id).sort()).toEqual(burst.map((c) => c.ContactId).sort());
    expect(await trigger.poll.call(h.poll())).toBeNull();
  });
});
