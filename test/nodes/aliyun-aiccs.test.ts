// The AICCS action and trigger nodes run against the AICCS simulator over
// real HTTP. Every request is signed by the credential's `authenticate`
// (the simulator checks ACS3 signatures, clock skew and nonces), so a pass
// proves parameters -> core call -> signed request -> normalized items.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AliyunAiccsApi } from '../../nodes/credentials/AliyunAiccsApi.credentials.ts';
import { AliyunAiccs } from '../../nodes/nodes/AliyunAiccs/AliyunAiccs.node.ts';
import { AliyunAiccsTrigger } from '../../nodes/nodes/AliyunAiccs/AliyunAiccsTrigger.node.ts';
import { startAliyunAiccsSim, type AliyunAiccsSim } from '../../sim/aliyun-aiccs/index.ts';
import { Harness } from './harness.ts';
import { resolveTestRequest } from './credential-test.ts';

let sim: AliyunAiccsSim;

beforeAll(async () => {
  sim = await startAliyunAiccsSim({ historyCalls: 40, historyHours: 2 });
});
afterAll(async () => {
  await sim?.close();
});

function credentials(overrides: Record<string, unknown> = {}) {
  return {
    aliyunAiccsApi: {
      type: new AliyunAiccsApi(),
      data: {
        accessKeyId: sim.credentials.accessKeyId,
        accessKeySecret: sim.credentials.accessKeySecret,
        securityToken: '',
        region: '',
        endpoint: sim.url,
        instanceId: sim.model.instanceId,
        signatureVersion: 'v3',
        timeZone: 'Asia/Shanghai',
        ...overrides,
      },
    },
  };
}

const node = new AliyunAiccs();

describe('Alibaba Cloud AICCS action node', () => {
  it('offers only what AICCS has: no Conference resource', () => {
    const resource = node.description.properties.find((p) => p.name === 'resource');
    expect(resource?.options?.map((o) => (o as { value: string }).value)).toEqual(['agent', 'call']);
    expect(node.description.usableAsTool).toBe(true);
  });

  it('searches calls: one paired item per normalized call record, request signed and accepted', async () => {
    const h = new Harness({
      credentials: credentials(),
      parameters: { resource: 'call', operation: 'search', from: new Date(Date.now() - 3 * 3_600_000).toISOString(), to: '', returnAll: false, limit: 7, filters: {} },
    });
    const [out] = await node.execute.call(h.execute());
    expect(out).toHaveLength(7);
    for (const item of out!) {
      expect(item.pairedItem).toEqual({ item: 0 });
      expect(item.json).toMatchObject({ center: 'CC', direction: expect.any(String), outcome: expect.any(String), vendorOutcome: expect.any(String) });
      // n8n expressions cannot read `caller`/`callee`: the aliases carry them.
      expect(item.json.callerNumber).toBe(item.json.caller);
    }
    const queries = sim.log.entries({ action: 'HotlineSessionQuery' });
    expect(queries.at(-1)?.status).toBe(200);
    // Signed by the credential: ACS3 authorization carrying the AccessKey id.
    expect(h.sent.at(-1)?.headers.authorization).toMatch(new RegExp(`^ACS3-HMAC-SHA256 Credential=${sim.credentials.accessKeyId},`));
  });

  it('puts an agent on a break and reads it back', async () => {
    const agent = 'li.na@example.com';
    const set = new Harness({
      credentials: credentials(),
      parameters: { resource: 'agent', operation: 'setStatus', agentId: agent, status: 'break', reason: '', skillGroups: '', options: {} },
    });
    const [setOut] = await node.execute.call(set.execute());
    expect(setOut![0]!.json).toMatchObject({ agentId: agent, state: 'break', outcome: 'done' });

    const get = new Harness({ credentials: credentials(), parameters: { resource: 'agent', operation: 'getStatus', agentId: agent } });
    const [getOut] = await node.execute.call(get.execute());
    expect(getOut![0]!.json).toMatchObject({ agentId: agent, state: 'break' });
    expect(getOut![0]!.pairedItem).toEqual({ item: 0 });
  });

  it('runs one operation per input item, each output paired with its input', async () => {
    const agents = ['li.na@example.com', 'zhang.min@example.com'];
    const h = new Harness({
      credentials: credentials(),
      items: agents.map((a) => ({ json: { agent: a } })),
      parameters: (i) => ({ resource: 'agent', operation: 'getStatus', agentId: agents[i] }),
    });
    const [out] = await node.execute.call(h.execute());
    expect(out!.map((o) => [o.json.agentId, o.pairedItem])).toEqual([
      [agents[0], { item: 0 }],
      [agents[1], { item: 1 }],
    ]);
  });

  it('refuses a conference with the adapter sentence as a NodeOperationError', async () => {
    const h = new Harness({
      credentials: credentials(),
      parameters: { resource: 'conference', operation: 'start', participants: '1001', agentId: '', options: {} },
    });
    const error = await node.execute.call(h.execute()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as Error).message).toMatch(/AICCS has no API to start a conference/);
    expect(h.sent).toHaveLength(0);
  });

  it('turns a refused signature into a NodeApiError with the vendor code and request id', async () => {
    const h = new Harness({
      credentials: credentials({ accessKeySecret: 'not-the-secret' }),
      parameters: { resource: 'agent', operation: 'getStatus', agentId: 'li.na@example.com' },
    });
    const error = (await node.execute.call(h.execute()).catch((e: unknown) => e)) as NodeApiError;
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.description).toMatch(/SignatureDoesNotMatch/);
    expect(error.description).toMatch(/request id [0-9A-F-]{36}/);
    expect(error.httpCode).toBe('400');
  });

  it('with Continue On Fail, outputs the error (code, request id) as the item and goes on', async () => {
    const h = new Harness({
      credentials: credentials(),
      continueOnFail: true,
      items: [{ json: {} }, { json: {} }],
      parameters: (i) => ({ resource: 'agent', operation: 'getStatus', agentId: i === 0 ? 'nobody@example.com' : 'li.na@example.com' }),
    });
    const [out] = await node.execute.call(h.execute());
    expect(out).toHaveLength(2);
    expect(out![0]!.json).toMatchObject({ code: 'ccops_vendor_error', vendor: 'aliyun-aiccs', vendorCode: 'NoAgentFound', requestId: expect.any(String) });
    expect(out![0]!.pairedItem).toEqual({ item: 0 });
    expect(out![1]!.pairedItem).toEqual({ item: 1 });
  });

  it('refuses bad input before sending anything (NodeOperationError naming the field)', async () => {
    const h = new Harness({
      credentials: credentials(),
      parameters: { resource: 'call', operation: 'search', from: 'yesterday-ish', to: '', returnAll: true, filters: {} },
    });
    const error = await node.execute.call(h.execute()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as Error).message).toMatch(/from/);
    expect(h.sent).toHaveLength(0);
  });
});

describe('Alibaba Cloud AICCS API credential', () => {
  it('its test request passes with the right keys and fails with wrong ones', async () => {
    const good = credentials().aliyunAiccsApi;
    const h = new Harness({ credentials: credentials(), parameters: {} });
    const request = resolveTestRequest(good.type, good.data);
    await expect(h.request('aliyunAiccsApi', request)).resolves.toBeDefined();
    const bad = new Harness({ credentials: credentials({ accessKeySecret: 'wrong' }), parameters: {} });
    await expect(bad.request('aliyunAiccsApi', request)).rejects.toMatchObject({ status: 400 });
  });
});

describe('Alibaba Cloud AICCS trigger', () => {
  const trigger = new AliyunAiccsTrigger();

  it('first poll sets the cursor, then each abandoned call fires exactly once', async () => {
    const h = new Harness({ credentials: credentials(), parameters: { event: 'callAbandoned', options: {} }, nodeName: 'Abandoned' });
    // Activation: the history (which has abandoned calls) is not replayed.
    expect(await trigger.poll.call(h.poll())).toBeNull();
    expect(h.staticData.cursor).toEqual(expect.any(String));

    const burst = sim.burst(3);
    const first = await trigger.poll.call(h.poll());
    const ids = first![0]!.map((i) => i.json.id);
    expect(ids.sort()).toEqual(burst.map((c) => c.acid).sort());
    for (const item of first![0]!) expect(item.json.outcome).toMatch(/^abandoned_/);

    // Same window again (overlap): nothing new.
    expect(await trigger.poll.call(h.poll())).toBeNull();

    const more = sim.burst(2);
    const second = await trigger.poll.call(h.poll());
    expect(second![0]!.map((i) => i.json.id).sort()).toEqual(more.map((c) => c.acid).sort());
    expect(JSON.parse(JSON.stringify(h.staticData))).toEqual(h.staticData);
  });

  it('manual mode returns the latest few abandoned calls without touching the cursor', async () => {
    const h = new Harness({ credentials: credentials(), parameters: { event: 'callAbandoned', options: {} }, mode: 'manual' });
    const out = await trigger.poll.call(h.poll());
    expect(out![0]!.length).toBeGreaterThan(0);
    expect(out![0]!.length).toBeLessThanOrEqual(3);
    expect(h.staticData).toEqual({});
  });
});
