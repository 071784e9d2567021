// The simulator on its own, with bare HTTP: it must be as strict as the
// gateway for the adapter tests to mean anything.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HuaweiAiccSim, startHuaweiAiccSim } from '../../sim/huawei-aicc/index.ts';

let sim: HuaweiAiccSim;
beforeEach(async () => {
  sim = await startHuaweiAiccSim({ pollHoldMs: 150, guidRotateMs: 0, guidGraceMs: 0, signOutAfterMs: 200 });
});
afterEach(async () => {
  await sim.close();
});

async function call(method: string, path: string, guid?: string, body?: unknown) {
  const res = await fetch(`${sim.url}/${path}`, {
    method,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...(guid ? { guid } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as { retcode: string; message: string; result?: unknown; event?: unknown };
  return { json, setGuid: res.headers.get('set-guid') ?? undefined };
}
const guidOf = (setGuid: string | undefined) => setGuid!.replace(/^JSESSIONID=/, '');
const body = { password: 'sim-password', phonenum: '40038', status: '4', releasephone: 'true', agenttype: '4' };

describe('huawei-aicc simulator', () => {
  it('signs in with Set-GUID, refuses a second sign-in (100-002) and takes forcelogin', async () => {
    const first = await call('PUT', 'onlineagent/291', undefined, body);
    expect(first.json).toMatchObject({ retcode: '0', result: { workno: '291', mediatype: 'TTF' } });
    expect(first.setGuid).toMatch(/^JSESSIONID=[0-9a-f-]+\.AgentGateway0$/);
    expect((await call('PUT', 'onlineagent/291', undefined, body)).json.retcode).toBe('100-002');
    const forced = await call('PUT', 'onlineagent/291/forcelogin', undefined, body);
    expect(forced.json.retcode).toBe('0');
    // the first Guid is dead now
    expect((await call('GET', 'onlineagent/291/agentstatus', guidOf(first.setGuid))).json.retcode).toBe('000-003');
    expect((await call('GET', 'onlineagent/291/agentstatus', guidOf(forced.setGuid))).json).toMatchObject({ retcode: '0', result: 4 });
    expect((await call('PUT', 'onlineagent/292', undefined, { ...body, password: 'nope' })).json.retcode).toBe('100-004');
    expect((await call('PUT', 'onlineagent/292', undefined, { password: '' })).json.retcode).toBe('100-001');
  });

  it('authenticates every call: no Guid or a wrong one is 000-003, not signed in is 100-006', async () => {
    expect((await call('GET', 'onlineagent/291/agentstatus')).json.retcode).toBe('100-006');
    await call('PUT', 'onlineagent/291', undefined, body);
    expect((await call('GET', 'onlineagent/291/agentstatus')).json.retcode).toBe('000-003');
    expect((await call('GET', 'onlineagent/291/agentstatus', 'made-up')).json.retcode).toBe('000-003');
  });

  it('holds an empty poll, rotates the Guid on it, and kills the old one when there is no grace', async () => {
    const s = await call('PUT', 'onlineagent/291', undefined, body);
    const g1 = guidOf(s.setGuid);
    const poll = await call('GET', 'agentevent/291', g1);
    expect(poll.json).toEqual({ message: '', retcode: '0', event: null });
    const g2 = guidOf(poll.setGuid);
    expect(g2).not.toBe(g1);
    expect((await call('POST', 'onlineagent/291/saybusy?reason=201', g1)).json.retcode).toBe('000-003');
    expect((await call('POST', 'onlineagent/291/saybusy?reason=201', g2)).json.retcode).toBe('0');
    const next = await call('GET', 'agentevent/291', g2);
    expect(next.json.event).toEqual({ eventType: 'AgentState_SetNotReady_Success', workNo: '291', content: { reason: '201' }, eventGenTime: expect.any(Number) });
  });

  it('answers a waiting poll as soon as an event is queued', async () => {
    const s = await call('PUT', 'onlineagent/291', undefined, body);
    sim.model.opts.pollHoldMs = 60_000;
    const waiting = call('GET', 'agentevent/291', guidOf(s.setGuid));
    await new Promise((r) => setTimeout(r, 50));
    sim.model.placeCall(sim.model.agent('291')!);
    expect((await waiting).json.event).toMatchObject({ eventType: 'AgentEvent_Customer_Alerting' });
  });

  it('signs out an agent left unpolled', async () => {
    await call('PUT', 'onlineagent/291', undefined, body);
    await new Promise((r) => setTimeout(r, 700));
    expect(sim.model.agent('291')).toMatchObject({ signedIn: false, status: 2, signOuts: ['unpolled'] });
  });

  it('the demo profile parses and names its secret by reference', () => {
    expect(sim.demo.profile).toMatchObject({ vendor: 'huawei-aicc', password: { env: 'HUAWEI_AICC_AGENT_PASSWORD' } });
    expect(sim.demo.env.HUAWEI_AICC_AGENT_PASSWORD).toBe('sim-password');
    expect(sim.burst(10)).toBe(0);
  });
});
