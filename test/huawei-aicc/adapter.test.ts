// The Huawei AICC adapter against the simulated agent gateway over real HTTP:
// every supported operation, every documented error, the unsupported ones.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentState, Conference, Outcome } from '../../shared/domain.ts';
import { VendorError } from '../../shared/errors.ts';
import { RETCODES } from '../../shared/vendors/huawei-aicc/retcodes.ts';
import { type Harness, settle, startHarness, until } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const actions = () => h.sim.log.entries().map((e) => e.action + (e.error ? `:${e.error}` : ''));
const nonPoll = () => actions().filter((a) => !a.startsWith('getAgentEvent'));
const agent = (id = '291') => h.sim.model.agent(id)!;
const poll = (t: string) => h.adapter.pollOutcome(t);

async function rejection(p: Promise<unknown>): Promise<VendorError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(VendorError);
  return e as VendorError;
}

describe('sign-in and agent state', () => {
  it('reports an agent ccops is not signed in as offline, without signing in', async () => {
    const s = await h.adapter.getAgentState('291');
    expect(s).toMatchObject({ state: 'offline', vendorState: '2 (signed out)' });
    expect(actions()).toEqual([]);
  });

  it('online signs in, keeps the Guid and polls events', async () => {
    const out = await h.adapter.setAgentState({ agentId: '291', target: { kind: 'online' } });
    expect(out).toMatchObject({ status: 'done', value: { state: 'ready', vendorState: '4 (idle)' } });
    expect(agent().signedIn).toBe(true);
    await until(() => actions().includes('getAgentEvent'), 'the first poll');
    const polls = h.sim.log.entries({ action: 'getAgentEvent' });
    expect(polls[0]?.detail?.guid).toBe('1'); // the Guid from Set-GUID of the sign-in
    expect(await h.adapter.getAgentState('291')).toMatchObject({ state: 'ready' });
  });

  it('takes over a session that is already signed in with forcelogin (100-002)', async () => {
    h.sim.model.signIn(agent(), 4, false); // someone else holds the session
    await h.adapter.signIn();
    expect(nonPoll().slice(0, 2)).toEqual(['login:100-002', 'forceLogin']);
    expect(agent().signOuts).toEqual(['forced']);
    expect(await h.adapter.getAgentState('291')).toMatchObject({ state: 'ready' });
  });

  it('a wrong password (100-004) says what to check', async () => {
    const bad = await startHarness({ env: { HUAWEI_AICC_AGENT_PASSWORD: 'wrong' } });
    try {
      const e = await rejection(bad.adapter.signIn());
      expect(e.vendorCode).toBe('100-004');
      expect(e.retryable).toBe(false);
      expect(e.message).toMatch(/password in the profile/);
    } finally {
      await bad.close();
    }
  });

  it('ready from busy is sayfree; from rest it is cancelrest', async () => {
    await h.adapter.signIn();
    const busy = await h.adapter.setAgentState({ agentId: '291', target: { kind: 'break', reason: 'meeting' } });
    expect(busy).toMatchObject({ status: 'done', value: { state: 'not_ready', vendorState: '3 (busy)', reason: 'meeting' } });
    expect(agent().busyReason).toBe(201);
    const ready = await h.adapter.setAgentState({ agentId: '291', target: { kind: 'ready' } });
    expect(ready).toMatchObject({ status: 'done', value: { state: 'ready' } });
    expect(nonPoll()).toContain('sayFree');

    const rest = await h.adapter.setAgentState({ agentId: '291', target: { kind: 'break', reason: 'lunch' } });
    const settled = await settle(rest, poll);
    expect(settled).toMatchObject({ status: 'done', value: { state: 'break', reason: 'lunch' } });
    expect(agent()).toMatchObject({ status: 8, restCause: 1 });
    expect(await h.adapter.getAgentState('291')).toMatchObject({ state: 'break', vendorState: '8 (rest)' });

    const back = await h.adapter.setAgentState({ agentId: '291', target: { kind: 'ready' } });
    expect(back).toMatchObject({ status: 'done', value: { state: 'ready' } });
    expect(nonPoll().filter((a) => a === 'cancelRest')).toHaveLength(1);
  });

  it('a break is pending until AgentState_SetRest_Success (pre-rest during a call)', async () => {
    await h.adapter.signIn();
    const call = h.sim.model.placeCall(agent());
    const first = await h.adapter.setAgentState({ agentId: '291', target: { kind: 'break', reason: 'rest:9' } });
    expect(first.status).toBe('pending');
    expect(await h.adapter.getAgentState('291')).toMatchObject({ state: 'talking', vendorState: '9 (pre-rest)' });
    if (first.status !== 'pending') return;
    expect(await h.adapter.pollOutcome(first.token)).toMatchObject({ status: 'pending' });
    h.sim.model.endCall(agent());
    expect(await settle(first, poll)).toMatchObject({ status: 'done', value: { state: 'break' } });
    expect(call.endtime).toBeDefined();
  });

  it('offline signs out (logout) and stops polling; online signs in again', async () => {
    await h.adapter.signIn();
    const out = await h.adapter.setAgentState({ agentId: '291', target: { kind: 'offline' } });
    expect(out).toMatchObject({ status: 'done', value: { state: 'offline' } });
    expect(agent()).toMatchObject({ signedIn: false, signOuts: ['logout'] });
    const polls = h.sim.log.entries({ action: 'getAgentEvent' }).length;
    await new Promise((r) => setTimeout(r, 100));
    expect(h.sim.log.entries({ action: 'getAgentEvent' }).length).toBeLessThanOrEqual(polls + 1);
    expect(await h.adapter.getAgentState('291')).toMatchObject({ state: 'offline' });
    await h.adapter.setAgentState({ agentId: '291', target: { kind: 'online' } });
    expect(agent().signedIn).toBe(true);
  });

  it('an agent on a call cannot be signed out (100-010) and stays signed in and polled', async () => {
    await h.adapter.signIn();
    h.sim.model.placeCall(agent());
    const e = await rejection(h.adapter.setAgentState({ agentId: '291', target: { kind: 'offline' } }));
    expect(e.vendorCode).toBe('100-010');
    expect(e.message).toMatch(/after the call/);
    const before = h.sim.log.entries({ action: 'getAgentEvent' }).length;
    await until(() => h.sim.log.entries({ action: 'getAgentEvent' }).length > before + 1, 'polling to resume');
    expect(agent().signedIn).toBe(true);
  });

  it('a state the agent cannot leave that way (100-009) gives the sentence', async () => {
    await h.adapter.signIn();
    h.sim.model.placeCall(agent());
    const e = await rejection(h.adapter.setAgentState({ agentId: '291', target: { kind: 'ready' } }));
    expect(e.vendorCode).toBe('100-009');
    expect(e.message).toMatch(/^Setting the agent ready: .*would not change the agent's state/);
  });

  it('refuses an agent that is not configured, and an unknown break reason, before any request', async () => {
    await expect(h.adapter.getAgentState('555')).rejects.toMatchObject({ code: 'ccops_invalid_input', message: expect.stringContaining('291, 292') });
    await expect(h.adapter.setAgentState({ agentId: '291', target: { kind: 'break', reason: 'coffee' } })).rejects.toMatchObject({
      code: 'ccops_invalid_input',
    });
    expect(actions()).toEqual([]);
  });
});

describe('conferences', () => {
  it('requestagentconf is pending until AgentConf_RequestSuccess, then invites agents (9) and phones (6)', async () => {
    await h.adapter.signIn('292'); // so the invited agent sees its side
    const first = await h.adapter.startConference({ participants: ['292', '13175112345'] });
    expect(first).toMatchObject({ status: 'pending', pollAfterMs: 500 });
    if (first.status !== 'pending') throw new Error('expected pending');
    // The token is stored and shown (job data, --json, n8n): no full number in it.
    const tokenJson = Buffer.from(first.token.replace(/^hwaicc\d+\./, ''), 'base64url').toString('utf8');
    expect(tokenJson).not.toContain('75112345');
    expect(JSON.parse(tokenJson)).toMatchObject({ participants: [{ address: '292', kind: 'agent' }, { address: '1317511****', kind: 'phone' }] });
    const done = (await settle(first, poll)) as Outcome<Conference>;
    expect(done).toMatchObject({
      status: 'done',
      value: {
        id: '1030400',
        chair: '291',
        participants: [
          { address: '292', kind: 'agent', state: 'calling' },
          { address: '1317511****', kind: 'phone', state: 'calling' },
        ],
      },
    });
    expect(agent().conference?.participants).toEqual([
      { addressType: '9', address: '292' },
      { addressType: '6', address: '13175112345' },
    ]);
    expect(nonPoll().filter((a) => /Conf|Participant/.test(a))).toEqual(['requestAgentConf', 'batchAddParticipant']);
  });

  it('AgentConf_RequestFailed gives the cause', async () => {
    h.sim.model.failNextConference(21234);
    const out = await settle(await h.adapter.startConference({ participants: ['13175112345'] }), poll);
    expect(out).toMatchObject({ status: 'failed', code: 'AgentConf_RequestFailed:21234', reason: expect.stringContaining('cause 21234') });
    expect(nonPoll()).not.toContain('batchAddParticipant');
  });

  it('a refused invitation fails the outcome with the conference to end', async () => {
    h.sim.model.failNext('batchAddParticipant', '101-001');
    const out = await settle(await h.adapter.startConference({ participants: ['13175112345'] }), poll);
    expect(out).toMatchObject({ status: 'failed', code: '101-001', value: { id: '1030400' } });
    if (out.status === 'failed') expect(out.reason).toMatch(/conference end 1030400/);
  });

  it.each([
    ['000-002', false, /parameter or address/],
    ['100-007', true, /failed while carrying out/],
  ])('requestagentconf %s is a VendorError (retryable %s)', async (code, retryable, sentence) => {
    h.sim.model.failNext('requestAgentConf', code);
    const e = await rejection(h.adapter.startConference({ participants: ['13175112345'] }));
    expect(e).toMatchObject({ vendorCode: code, retryable });
    expect(e.message).toMatch(sentence);
    // the chair is free for the next attempt
    expect(await settle(await h.adapter.startConference({ participants: ['13175112345'] }), poll)).toMatchObject({ status: 'done' });
  });

  it('refuses a second conference for the same chair while one is being set up', async () => {
    await h.adapter.signIn();
    h.sim.model.opts.eventDelayMs = 200;
    await h.adapter.startConference({ participants: ['13175112345'] });
    await expect(h.adapter.startConference({ participants: ['13175112345'] })).rejects.toMatchObject({ code: 'ccops_invalid_input' });
  });

  it('the chair ends it with releaseagentconf; another agent leaves with requestleaveagentconf', async () => {
    await h.adapter.signIn('292');
    const done = await settle(await h.adapter.startConference({ participants: ['292'] }), poll);
    if (done.status !== 'done') throw new Error(`conference not set up: ${JSON.stringify(done)}`);
    await until(() => agent('292').conference !== undefined, 'agent 292 to join');
    const left = await h.adapter.endConference({ conferenceId: (done.value as Conference).id, agentId: '292' });
    expect(left).toMatchObject({ status: 'done', value: { chair: '291', raw: { action: 'left' } } });
    expect(agent('292').conference).toBeUndefined();
    const ended = await h.adapter.endConference({ conferenceId: (done.value as Conference).id });
    expect(ended).toMatchObject({ status: 'done', value: { id: '1030400', raw: { action: 'released' } } });
    expect(agent().conference).toBeUndefined();
    expect(nonPoll().filter((a) => /Conf$/.test(a))).toEqual(['requestAgentConf', 'requestLeaveAgentConf', 'releaseAgentConf']);
  });

  it('ending a conference the agent does not chair (101-002), or leaving one it is not in (101-007)', async () => {
    const e1 = await rejection(h.adapter.endConference({ conferenceId: '42' }));
    expect(e1).toMatchObject({ vendorCode: '101-002' });
    expect(e1.message).toMatch(/^Ending the conference: .*chair/);
    h.sim.model.failNext('requestLeaveAgentConf', '101-007');
    await h.adapter.signIn('292');
    // 292 is not the chair of a conference 291 started, so it leaves
    const conf = await settle(await h.adapter.startConference({ participants: ['13175112345'] }), poll);
    if (conf.status !== 'done') throw new Error('conference not set up');
    const e2 = await rejection(h.adapter.endConference({ conferenceId: (conf.value as Conference).id, agentId: '292' }));
    expect(e2.vendorCode).toBe('101-007');
  });

  it('refuses participants that are neither agents nor numbers', async () => {
    await expect(h.adapter.startConference({ participants: ['bob'] })).rejects.toMatchObject({ code: 'ccops_invalid_input' });
    await expect(h.adapter.startConference({ participants: [] })).rejects.toMatchObject({ code: 'ccops_invalid_input' });
  });
});

describe('calls', () => {
  it('getCall reads the agent\'s current call, then its last one by id', async () => {
    await h.adapter.signIn();
    const call = h.sim.model.placeCall(agent(), { caller: '13175112345' });
    const current = await h.adapter.getCall('current');
    expect(current).toMatchObject({ id: call.callid, direction: 'inbound', caller: '13175112345', outcome: 'answered', agents: ['291'] });
    h.sim.model.endCall(agent());
    const last = await h.adapter.getCall(call.callid);
    expect(last.releasedAt).toBeDefined();
    expect(last.raw).toMatchObject({ callid: call.callid, callfeature: 0 });
  });

  it('a call that is not the agent\'s current or last one says so', async () => {
    await h.adapter.signIn();
    const e = await rejection(h.adapter.getCall('1659513159000-1'));
    expect(e.vendorCode).toBe('call_not_found');
    expect(e.message).toMatch(/current or last call of agent 291/);
  });

  it('searchCalls and listAbandonedCalls are unsupported, with the sentence', async () => {
    expect(h.adapter.capabilities.searchCalls).toMatchObject({ supported: false, reason: expect.stringMatching(/no call search/) });
    expect(h.adapter.capabilities.listAbandonedCalls).toMatchObject({ supported: false, reason: expect.stringMatching(/lists no abandoned calls/) });
    await expect(h.adapter.searchCalls({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' })).rejects.toMatchObject({
      code: 'ccops_unsupported_operation',
      message: h.adapter.capabilities.searchCalls.supported ? '' : h.adapter.capabilities.searchCalls.reason,
    });
    await expect(h.adapter.listAbandonedCalls({ since: '2026-01-01T00:00:00Z' })).rejects.toMatchObject({
      code: 'ccops_unsupported_operation',
      operation: 'listAbandonedCalls',
    });
    expect(actions()).toEqual([]);
    expect(h.sim.burst(5)).toBe(0);
  });
});

describe('errors and re-authentication', () => {
  it('000-003 signs in again once and repeats the request', async () => {
    await h.adapter.signIn();
    h.sim.model.revokeGuid('291');
    const state = (await h.adapter.getAgentState('291')) as AgentState;
    expect(state.state).toBe('ready');
    const ops = nonPoll();
    expect(ops.slice(ops.indexOf('agentStatus:000-003'))).toEqual(['agentStatus:000-003', 'login:100-002', 'forceLogin', 'agentStatus']);
  });

  it.each(['000-003', '100-006'])('%s twice: one re-authentication, then the sentence', async (code) => {
    await h.adapter.signIn();
    h.sim.model.failNext('agentStatus', code);
    h.sim.model.failNext('agentStatus', code);
    const e = await rejection(h.adapter.getAgentState('291'));
    expect(e.vendorCode).toBe(code);
    expect(e.message).toMatch(/^Reading the agent status: /);
    expect(nonPoll().filter((a) => a.startsWith('login') || a === 'forceLogin')).toEqual(['login', 'login:100-002', 'forceLogin']);
  });

  it('a repeated call (000-007) and an internal failure (100-007) are retryable, a bad parameter (000-002) is not', async () => {
    await h.adapter.signIn();
    h.sim.faults.inject({ kind: 'throttle' }, { action: 'sayFree' });
    const e1 = await rejection(h.adapter.setAgentState({ agentId: '291', target: { kind: 'ready' } }));
    expect(e1).toMatchObject({ vendorCode: '000-007', retryable: true, retryAfterMs: 1000 });
    h.sim.faults.inject({ kind: 'internal' }, { action: 'agentStatus' });
    const e2 = await rejection(h.adapter.getAgentState('291'));
    expect(e2).toMatchObject({ vendorCode: '100-007', retryable: true, vendorMessage: 'Unknown ERROR._10001' });
    h.sim.model.failNext('sayBusy', '000-002');
    const e3 = await rejection(h.adapter.setAgentState({ agentId: '291', target: { kind: 'break', reason: 'busy' } }));
    expect(e3).toMatchObject({ vendorCode: '000-002', retryable: false });
  });

  it('an HTTP 503 page is a retryable VendorError; a dropped connection a TransportError', async () => {
    await h.adapter.signIn();
    h.sim.faults.inject({ kind: 'unavailable' }, { action: 'agentStatus' });
    const e = await rejection(h.adapter.getAgentState('291'));
    expect(e).toMatchObject({ vendorCode: 'HTTP 503', retryable: true });
    h.sim.faults.inject({ kind: 'drop' }, { action: 'agentStatus' });
    await expect(h.adapter.getAgentState('291')).rejects.toMatchObject({ code: 'ccops_transport_error' });
    expect(await h.adapter.getAgentState('291')).toMatchObject({ state: 'ready' });
  });

  const reported = Object.entries(RETCODES).filter(([, v]) => v.action === 'report');
  it.each(reported)('%s from the gateway becomes its sentence and retry decision', async (code, info) => {
    await h.adapter.signIn();
    h.sim.model.failNext('agentStatus', code);
    const e = await rejection(h.adapter.getAgentState('291'));
    expect(e).toMatchObject({ vendor: 'huawei-aicc', vendorCode: code, retryable: info.retryable, vendorMessage: 'simulated failure' });
    expect(e.message).toBe(`Reading the agent status: ${info.sentence}`);
    if (info.retryAfterMs) expect(e.retryAfterMs).toBe(info.retryAfterMs);
  });

  it.each(['100-001', '100-003', '100-004'])('sign-in refused with %s: the sentence, no forcelogin', async (code) => {
    h.sim.model.failNext('login', code);
    const e = await rejection(h.adapter.signIn());
    expect(e.vendorCode).toBe(code);
    expect(e.message).toBe(`Signing in agent 291: ${RETCODES[code]!.sentence}`);
    expect(nonPoll()).toEqual([`login:${code}`]);
    await h.adapter.signIn(); // nothing stuck: the next attempt signs in
    expect(h.sim.model.agent('291')!.signedIn).toBe(true);
  });

  it('sign-out answered 100-008 (already signed out) counts as signed out', async () => {
    await h.adapter.signIn();
    h.sim.model.failNext('logout', '100-008');
    await h.adapter.close();
    expect(nonPoll()).toContain('logout:100-008');
  });

  it('the wrong method for events is 000-001 in the simulator, as documented', async () => {
    const res = await fetch(`${h.sim.url}/agentevent/291`, { method: 'POST' });
    expect(await res.json()).toMatchObject({ retcode: '000-001' });
  });
});

describe('probe', () => {
  it('proves the gateway answers without signing in', async () => {
    expect(await h.adapter.probe()).toMatch(/agent gateway answers \(100-006 without a session\)/);
    expect(actions()).toEqual(['agentStatus:100-006']);
    expect(h.sim.model.agent('291')!.signIns).toBe(0);
  });
  it('a URL that is not the gateway says to check gatewayUrl', async () => {
    const wrong = await startHarness({ profile: { gatewayUrl: 'http://127.0.0.1:1/agentgateway/resource' } });
    try {
      await expect(wrong.adapter.probe()).rejects.toMatchObject({ code: 'ccops_transport_error' });
    } finally {
      await wrong.close();
    }
    const other = await startHarness({ profile: { gatewayUrl: h.sim.url.replace('/agentgateway/resource', '/elsewhere') } });
    try {
      const e = await rejection(other.adapter.probe());
      expect(e).toMatchObject({ vendorCode: 'HTTP 404', retryable: false });
      expect(e.message).toMatch(/Check gatewayUrl/);
    } finally {
      await other.close();
    }
  });
});

describe('close', () => {
  it('signs every agent out (what SIGTERM calls) and stops polling', async () => {
    await h.adapter.signIn();
    await h.adapter.signIn('292');
    await h.adapter.close();
    expect(agent()).toMatchObject({ signedIn: false, signOuts: ['logout'] });
    expect(agent('292')).toMatchObject({ signedIn: false, signOuts: ['logout'] });
    expect(h.sim.log.entries({ action: 'logout' })).toHaveLength(2);
    const polls = h.sim.log.entries({ action: 'getAgentEvent' }).length;
    await new Promise((r) => setTimeout(r, 100));
    expect(h.sim.log.entries({ action: 'getAgentEvent' }).length).toBe(polls);
    await expect(h.adapter.signIn()).rejects.toThrow(/closed/);
  });
});
