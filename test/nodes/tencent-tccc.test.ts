// The TCCC action and trigger nodes against the TCCC simulator over real
// HTTP, signed with TC3 by the credential's `authenticate`.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TencentTcccApi } from '../../nodes/credentials/TencentTcccApi.credentials.ts';
import { TencentTccc } from '../../nodes/nodes/TencentTccc/TencentTccc.node.ts';
import { TencentTcccTrigger } from '../../nodes/nodes/TencentTccc/TencentTcccTrigger.node.ts';
import { TCCC_OPERATIONS } from '../../nodes/lib/vendors/tencent-tccc.ts';
import { TencentTcccAdapter } from '../../shared/vendors/tencent-tccc/adapter.ts';
import { UndiciTransport } from '../../shared/http.ts';
import { Secret } from '../../shared/secret.ts';
import { OPERATIONS } from '../../shared/port.ts';
import { startTencentTcccSim, type TencentTcccSim } from '../../sim/tencent-tccc/index.ts';
import { resolveTestRequest } from './credential-test.ts';
import { Harness } from './harness.ts';

const SECRET_ID = 'AKIDccopsNodesTest000000000000000000';
const SECRET_KEY = 'ccopsNodesTestSecretKey0000000000';
let sim: TencentTcccSim;

beforeAll(async () => {
  sim = await startTencentTcccSim({ secretId: SECRET_ID, secretKey: SECRET_KEY, historyHours: 2 });
});
afterAll(async () => {
  await sim?.close();
});

function credentials(overrides: Record<string, unknown> = {}) {
  return {
    tencentTcccApi: {
      type: new TencentTcccApi(),
      data: { secretId: SECRET_ID, secretKey: SECRET_KEY, token: '', sdkAppId: 1_400_000_001, endpoint: sim.url, region: '', ...overrides },
    },
  };
}

const node = new TencentTccc();

describe('Tencent Cloud Contact Center action node', () => {
  it("offers exactly the adapter's supported operations", () => {
    const adapter = new TencentTcccAdapter({
      center: 'x',
      profile: { vendor: 'tencent-tccc', endpoint: sim.url, sdkAppId: 1, secretId: 'x', secretKey: new Secret('x') },
      transport: new UndiciTransport(),
    });
    expect([...TCCC_OPERATIONS].sort()).toEqual(OPERATIONS.filter((op) => adapter.capabilities[op].supported).sort());
    const resource = node.description.properties.find((p) => p.name === 'resource');
    expect(resource?.options?.map((o) => (o as { value: string }).value)).toEqual(['agent', 'call']);
  });

  it('puts an agent on a break and reads it back', async () => {
    const agent = 'li.na@tccc-demo';
    const set = new Harness({
      credentials: credentials(),
      parameters: { resource: 'agent', operation: 'setStatus', agentId: agent, status: 'break', reason: 'lunch', skillGroups: '', options: {} },
    });
    const [setOut] = await node.execute.call(set.execute());
    expect(setOut![0]!.json).toMatchObject({ agentId: agent, state: 'break' });
    const get = new Harness({ credentials: credentials(), parameters: { resource: 'agent', operation: 'getStatus', agentId: agent } });
    const [getOut] = await node.execute.call(get.execute());
    expect(getOut![0]!.json).toMatchObject({ agentId: agent, state: 'break', outcome: 'done' });
    expect(set.sent.at(-1)?.headers.Authorization ?? set.sent.at(-1)?.headers.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDccopsNodesTest/);
    expect(sim.log.entries({ action: 'SetStaffStatus' }).at(-1)?.status).toBe(200);
  });

  it('searches calls with paging up to the limit', async () => {
    const h = new Harness({
      credentials: credentials(),
      parameters: { resource: 'call', operation: 'search', from: new Date(Date.now() - 2 * 3_600_000).toISOString(), to: '', returnAll: false, limit: 3, filters: { outcomes: ['answered'] } },
    });
    const [out] = await node.execute.call(h.execute());
    expect(out!.length).toBeGreaterThan(0);
    expect(out!.length).toBeLessThanOrEqual(3);
    for (const item of out!) expect(item.json).toMatchObject({ outcome: 'answered' });
  });

  it('says why there is no conference (NodeOperationError with the adapter sentence)', async () => {
    const h = new Harness({ credentials: credentials(), parameters: { resource: 'conference', operation: 'end', conferenceId: 'x', agentId: '', options: {} } });
    const error = await node.execute.call(h.execute()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as Error).message).toMatch(/cannot start or end a conference/);
  });

  it('a wrong SecretKey is a NodeApiError carrying AuthFailure.SignatureFailure and the request id', async () => {
    const h = new Harness({ credentials: credentials({ secretKey: 'wrong' }), parameters: { resource: 'agent', operation: 'getStatus', agentId: 'li.na@tccc-demo' } });
    const error = (await node.execute.call(h.execute()).catch((e: unknown) => e)) as NodeApiError;
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.description).toMatch(/AuthFailure\.SignatureFailure; request id \S+/);
  });
});

describe('Tencent Cloud Contact Center API credential', () => {
  it('its test request succeeds with the right keys; wrong keys hit a test rule', async () => {
    const good = credentials().tencentTcccApi;
    const request = resolveTestRequest(good.type, good.data);
    const ok = (await new Harness({ credentials: credentials(), parameters: {} }).request('tencentTcccApi', request)) as string;
    expect(JSON.parse(ok).Response.Error).toBeUndefined();
    const bad = (await new Harness({ credentials: credentials({ secretKey: 'wrong' }), parameters: {} }).request('tencentTcccApi', request)) as string;
    const code = JSON.parse(bad).Response.Error.Code;
    expect(good.type.test!.rules!.map((r) => (r.properties as { value: string }).value)).toContain(code);
  });
});

describe('Tencent Cloud Contact Center trigger', () => {
  const trigger = new TencentTcccTrigger();

  it('activation emits nothing; each abandoned call then fires once', async () => {
    const h = new Harness({ credentials: credentials(), parameters: { event: 'callAbandoned', options: {} } });
    expect(await trigger.poll.call(h.poll())).toBeNull();
    const burst = sim.burst(4);
    const out = await trigger.poll.call(h.poll());
    expect(out![0]!.map((i) => i.json.id).sort()).toEqual(burst.map((c) => c.SessionId).sort());
    expect(await trigger.poll.call(h.poll())).toBeNull();
  });
});
