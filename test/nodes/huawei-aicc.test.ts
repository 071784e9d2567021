// The Huawei AICC node against the agent-gateway simulator. The Guid comes
// from the credential's preAuthentication (a sign-in) and is kept in the
// credential between executions, as n8n does; the node's adapter uses it
// through HuaweiCredentialSessionTransport.
import { NodeOperationError } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HuaweiAiccApi } from '../../nodes/credentials/HuaweiAiccApi.credentials.ts';
import { HuaweiAicc } from '../../nodes/nodes/HuaweiAicc/HuaweiAicc.node.ts';
import { startHuaweiAiccSim, type HuaweiAiccSim } from '../../sim/huawei-aicc/index.ts';
import { resolveTestRequest } from './credential-test.ts';
import { Harness } from './harness.ts';

let sim: HuaweiAiccSim;
const stored = { huaweiAiccApi: { type: new HuaweiAiccApi(), data: {} as Record<string, unknown> } };

beforeAll(async () => {
  sim = await startHuaweiAiccSim({ pollHoldMs: 300, eventDelayMs: 20 });
  stored.huaweiAiccApi.data = { gatewayUrl: sim.url, agentId: '291', password: 'sim-password', phoneNumber: '40038', guid: '' };
});
afterAll(async () => {
  await sim?.close();
});

const node = new HuaweiAicc();
const run = (parameters: Record<string, unknown>, extra: { continueOnFail?: boolean } = {}) =>
  new Harness({ credentials: stored as never, parameters, ...extra });
const actions = () => sim.log.entries().map((e) => e.action);

describe('Huawei AICC action node', () => {
  it('offers conferences, call lookup and agent status, not call search', () => {
    const props = node.description.properties;
    const callOps = props.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'call');
    expect(callOps?.options?.map((o) => (o as { value: string }).value)).toEqual(['get']);
    expect(props.find((p) => p.name === 'resource')?.options?.map((o) => (o as { value: string }).value)).toEqual(['agent', 'call', 'conference']);
  });

  it('signs in once through the credential, keeps the Guid, and leaves the agent signed in', async () => {
    const h = run({ resource: 'agent', operation: 'getStatus', agentId: '291' });
    const [out] = await node.execute.call(h.execute());
    expect(out![0]!.json).toMatchObject({ agentId: '291', outcome: 'done' });
    expect(h.preAuthentications).toBe(1);
    expect(stored.huaweiAiccApi.data.guid).toEqual(expect.any(String));
    expect(actions()).not.toContain('logout');

    const again = run({ resource: 'agent', operation: 'getStatus', agentId: '291' });
    await node.execute.call(again.execute());
    expect(again.preAuthentications).toBe(0);
    expect(again.sent.every((r) => r.headers.guid === stored.huaweiAiccApi.data.guid)).toBe(true);
  });

  it('a Guid the gateway no longer accepts leads to one fresh sign-in, then the operation', async () => {
    stored.huaweiAiccApi.data.guid = 'expired-guid';
    const h = run({ resource: 'agent', operation: 'getStatus', agentId: '291' });
    const [out] = await node.execute.call(h.execute());
    expect(out![0]!.json).toMatchObject({ agentId: '291' });
    expect(h.preAuthentications).toBe(1);
    expect(stored.huaweiAiccApi.data.guid).not.toBe('expired-guid');
  });

  it('puts the agent on a break, waits for the gateway event, and reads it back', async () => {
    const set = run({ resource: 'agent', operation: 'setStatus', agentId: '291', status: 'break', reason: 'rest:1', skillGroups: '', options: { waitSeconds: 10 } });
    const [out] = await node.execute.call(set.execute());
    expect(out![0]!.json).toMatchObject({ agentId: '291', state: 'break', outcome: 'done' });
    const get = run({ resource: 'agent', operation: 'getStatus', agentId: '291' });
    const [back] = await node.execute.call(get.execute());
    expect(back![0]!.json).toMatchObject({ state: 'break' });
    await node.execute.call(run({ resource: 'agent', operation: 'setStatus', agentId: '291', status: 'ready', reason: '', skillGroups: '', options: { waitSeconds: 10 } }).execute());
  });

  it('starts a conference and waits for its outcome, then ends it', async () => {
    const start = run({ resource: 'conference', operation: 'start', participants: '13175112345', agentId: '', options: { waitSeconds: 15 } });
    const [out] = await node.execute.call(start.execute());
    expect(out![0]!.json).toMatchObject({ outcome: 'done', chair: '291', participants: [{ address: '1317511****', kind: 'phone' }] });
    const id = out![0]!.json.id as string;
    const end = run({ resource: 'conference', operation: 'end', conferenceId: id, agentId: '', options: {} });
    const [ended] = await node.execute.call(end.execute());
    expect(ended![0]!.json).toMatchObject({ id, outcome: 'done' });
    expect(actions()).toEqual(expect.arrayContaining(['requestAgentConf', 'batchAddParticipant', 'releaseAgentConf']));
  });

  it('acting as another agent is refused before any request (the credential signs in one agent)', async () => {
    const h = run({ resource: 'agent', operation: 'getStatus', agentId: '292' });
    const error = await node.execute.call(h.execute()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as Error).message).toMatch(/292/);
  });
});

describe('Huawei AICC credential', () => {
  it('signs in for its test; a wrong password fails the sign-in with the gateway retcode', async () => {
    const good = stored.huaweiAiccApi;
    const request = resolveTestRequest(good.type, good.data as never);
    const creds = { huaweiAiccApi: { type: good.type, data: { ...good.data, guid: '' } } };
    const body = JSON.parse((await new Harness({ credentials: creds as never, parameters: {} }).request('huaweiAiccApi', request)) as string);
    expect(body.retcode).toBe('0');
    const bad = { huaweiAiccApi: { type: good.type, data: { ...good.data, guid: '', password: 'wrong' } } };
    await expect(new Harness({ credentials: bad as never, parameters: {} }).request('huaweiAiccApi', request)).rejects.toThrow(/refused to sign in agent 291 \(retcode/);
  });
});
