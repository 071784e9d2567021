// n8n-nodes-huawei-aicc in a real n8n 2.41: the credential's preAuthentication
// signs the agent in once, n8n stores the Guid (hidden expirable field), and
// later executions reuse it; a break is set, confirmed by the gateway's event
// (Wait for Outcome) and read back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHuaweiAiccSim, type HuaweiAiccSim } from '../../sim/huawei-aicc/index.ts';
import { chainWorkflow, itemsOf, N8nInstance } from './n8n.ts';

const PKG = 'n8n-nodes-huawei-aicc';
const CRED = { huaweiAiccApi: { id: 'hwCred1', name: 'Huawei sim' } };

let sim: HuaweiAiccSim;
let n8n: N8nInstance;

beforeAll(async () => {
  sim = await startHuaweiAiccSim({ pollHoldMs: 500, eventDelayMs: 50 });
  n8n = await N8nInstance.create([PKG]);
  await n8n.importCredentials([
    { id: 'hwCred1', name: 'Huawei sim', type: 'huaweiAiccApi', data: { gatewayUrl: sim.url, agentId: '291', password: 'sim-password', phoneNumber: '40038' } },
  ]);
});

afterAll(async () => {
  n8n?.dispose();
  await sim?.close();
});

const signIns = () => sim.log.entries().filter((e) => e.action === 'login' || e.action === 'forceLogin').length;

describe('Huawei AICC node in n8n', () => {
  it('sets a break confirmed by the gateway event and reads it back; signs in once, reuses the Guid next time', async () => {
    await n8n.importWorkflow(
      chainWorkflow('hwBreak', [
        {
          name: 'Set Break',
          type: `${PKG}.huaweiAicc`,
          parameters: { resource: 'agent', operation: 'setStatus', agentId: '291', status: 'break', reason: 'rest:1', options: { waitSeconds: 15 } },
          credentials: CRED,
        },
        {
          name: 'Read Back',
          type: `${PKG}.huaweiAicc`,
          parameters: { resource: 'agent', operation: 'getStatus', agentId: '291' },
          credentials: CRED,
        },
      ]),
    );
    const run = await n8n.execute('hwBreak');
    expect(run.code, run.output).toBe(0);
    expect(itemsOf(run.result!, 'Set Break')).toEqual([expect.objectContaining({ agentId: '291', state: 'break', outcome: 'done' })]);
    expect(itemsOf(run.result!, 'Read Back')).toEqual([expect.objectContaining({ agentId: '291', state: 'break' })]);
    expect(signIns()).toBe(1);
    expect(sim.log.entries().map((e) => e.action)).not.toContain('logout');

    await n8n.importWorkflow(
      chainWorkflow('hwStatus', [
        { name: 'Status', type: `${PKG}.huaweiAicc`, parameters: { resource: 'agent', operation: 'getStatus', agentId: '291' }, credentials: CRED },
      ]),
    );
    const again = await n8n.execute('hwStatus');
    expect(again.code, again.output).toBe(0);
    expect(itemsOf(again.result!, 'Status')).toEqual([expect.objectContaining({ state: 'break' })]);
    // The Guid came from the credential n8n stored after the first sign-in.
    expect(signIns()).toBe(1);
  });
});
