// Pure parts of the Huawei AICC adapter: the doc examples parse, and the
// tables (status codes, retcodes, participants, break reasons) and outcome
// decisions say what they should. No I/O.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgentState, CallRecord, Conference } from '../../shared/domain.ts';
import { HuaweiEventEnvelope, INVITE_RESULT } from '../../shared/vendors/huawei-aicc/events.ts';
import {
  AGENT_STATUS,
  agentStateFromStatus,
  callRecordFromCallInfo,
  classifyParticipant,
  planBreak,
} from '../../shared/vendors/huawei-aicc/mapping.ts';
import { decideBreak, decideConference, decodeToken, encodeToken, tokenVersionFailure, type OutcomeToken } from '../../shared/vendors/huawei-aicc/outcomes.ts';
import { HuaweiAiccProfile } from '../../shared/vendors/huawei-aicc/profile.ts';
import { gatewayError, httpError, RETCODES, retcodeInfo } from '../../shared/vendors/huawei-aicc/retcodes.ts';
import { guidFromSetGuid } from '../../shared/vendors/huawei-aicc/session.ts';
import {
  AgentStatusResult,
  BatchAddParticipantBody,
  CallInfo,
  contentOf,
  eventOf,
  GatewayEnvelope,
  GatewayEvent,
  RequestAgentConfBody,
  SignInBody,
  SignInResult,
} from '../../shared/vendors/huawei-aicc/wire.ts';

const examples = JSON.parse(readFileSync(new URL('../fixtures/huawei-aicc/examples.json', import.meta.url), 'utf8'));

describe('doc examples parse', () => {
  it('requestagentconf request and response (seed page)', () => {
    expect(RequestAgentConfBody.parse(examples.requestagentconf.request).memberNum).toBe(4);
    expect(GatewayEnvelope.parse(examples.requestagentconf.response).retcode).toBe('0');
    const guid = /Guid: (\S+)/.exec(examples.requestagentconf.header)?.[1];
    expect(guid).toBe('xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.AgentGateway1');
  });

  it('sign-in request, response and Set-GUID', () => {
    expect(SignInBody.parse(examples.signIn.request).phonenum).toBe('40038');
    const env = GatewayEnvelope.parse(examples.signIn.response);
    expect(SignInResult.parse(env.result).workno).toBe('291');
    expect(guidFromSetGuid(examples.setGuid.header)).toBe(examples.setGuid.guid);
    expect(guidFromSetGuid(`${examples.setGuid.header}; Path=/; Secure`)).toBe(examples.setGuid.guid);
  });

  it('a failure envelope becomes a VendorError with a sentence', () => {
    const env = GatewayEnvelope.parse(examples.failure.response);
    const err = gatewayError(env.retcode, env.message);
    expect(err.code).toBe('ccops_vendor_error');
    expect(err.vendorCode).toBe('100-002');
    expect(err.message).toMatch(/already signed in/);
  });

  const events: Array<[string, unknown]> = examples.events.map((e: { source: string; event: unknown }) => [e.source, e.event]);
  it.each(events)('event %s', (_src, event) => {
    const parsed = GatewayEvent.parse(event);
    expect(parsed.eventType).toMatch(/^Agent/);
    const envelope = HuaweiEventEnvelope.parse({ id: 'p:1', center: 'hw', agentId: parsed.workNo, receivedAt: 1, event: parsed });
    expect(envelope.event.workNo).toBe(parsed.workNo);
  });

  it('typed contents of the documented events', () => {
    const byType = Object.fromEntries(
      examples.events.map((e: { event: unknown }) => [(e.event as { eventType: string }).eventType, GatewayEvent.parse(e.event)]),
    );
    expect(contentOf(byType.AgentConf_RequestSuccess, 'AgentConf_RequestSuccess')?.confId).toBe('1030400');
    expect(contentOf(byType.AgentConf_RequestFailed, 'AgentConf_RequestFailed')?.cause).toBe('21234');
    expect(contentOf(byType.AgentEvent_Customer_Alerting, 'AgentEvent_Customer_Alerting')?.callid).toBe('1456401416-3');
    expect(contentOf(byType.AgentState_SetNotReady_Success, 'AgentState_SetNotReady_Success')?.reason).toBe('200');
    expect(contentOf(byType.AgentOther_PhoneRelease, 'AgentOther_PhoneRelease')?.phoneState).toBe('3');
    expect(contentOf(byType.AgentEvent_Call_Release, 'AgentEvent_Call_Release')).toBe('1456401416-3');
    expect(byType.AgentState_Busy.content).toBeNull();
  });

  it('the poll response carries one event; an empty poll carries none', () => {
    expect(eventOf(GatewayEnvelope.parse(examples.pollResponse.response))?.eventType).toBe('AgentState_Busy');
    expect(eventOf(GatewayEnvelope.parse({ message: '', retcode: '0', event: null }))).toBeUndefined();
    expect(eventOf(GatewayEnvelope.parse({ message: '', retcode: '0' }))).toBeUndefined();
  });

  it('batchaddparticipant body', () => {
    const body = BatchAddParticipantBody.parse(examples.batchaddparticipant.request);
    expect(body.addresses.map((a) => a.addressType)).toEqual(['9', '6']);
  });

  it('callinfo maps into a CallRecord', () => {
    const env = GatewayEnvelope.parse(examples.callinfo.response);
    const record = callRecordFromCallInfo('hw', '291', CallInfo.parse(env.result), env.result as Record<string, unknown>);
    expect(CallRecord.parse(record)).toMatchObject({
      id: '1659513159000-546750',
      direction: 'inbound',
      caller: '13175112345',
      outcome: 'answered',
      answeredAt: '2022-08-03T07:52:45.000Z',
      durations: { queue: 6, talk: 60 },
    });
    expect(record.raw).toEqual(examples.callinfo.response.result);
  });
});

describe('agent status codes 0-9', () => {
  const expected: Record<string, string> = {
    '0': 'not_ready', '1': 'not_ready', '2': 'offline', '3': 'not_ready', '4': 'ready',
    '5': 'acw', '6': 'ready', '7': 'talking', '8': 'break', '9': 'talking',
  };
  it.each(Object.entries(expected))('%s -> %s', (code, state) => {
    expect(AGENT_STATUS[code]?.state).toBe(state);
    const s = AgentState.parse(agentStateFromStatus('hw', '291', code, {}));
    expect(s.state).toBe(state);
    expect(s.vendorState.startsWith(code)).toBe(true);
  });
  it('reads the status result in every layout the unconfirmed doc allows', () => {
    expect(AgentStatusResult.parse(4)).toBe('4');
    expect(AgentStatusResult.parse('8')).toBe('8');
    expect(AgentStatusResult.parse({ status: 7 })).toBe('7');
    expect(AgentStatusResult.safeParse({}).success).toBe(false);
  });
});

describe('retcodes', () => {
  it.each(['000-002', '000-003', '000-007', '100-002', '100-006', '100-007', '100-004', '100-010', '101-001', '101-002', '101-007'])(
    '%s has a sentence',
    (code) => {
      expect(RETCODES[code]?.sentence).toMatch(/\.$/);
      expect(RETCODES[code]?.sentence).toContain(code === '000-000' ? 'unknown' : code);
    },
  );
  it('re-authenticates on 000-003 and 100-006 only', () => {
    const reauth = Object.entries(RETCODES).filter(([, v]) => v.action === 'reauthenticate').map(([k]) => k);
    expect(reauth.sort()).toEqual(['000-003', '100-006']);
  });
  it('retries transient codes, not refusals', () => {
    expect(retcodeInfo('100-007').retryable).toBe(true);
    expect(retcodeInfo('000-007').retryable).toBe(true);
    expect(retcodeInfo('000-004').retryable).toBe(true);
    expect(retcodeInfo('000-002').retryable).toBe(false);
    expect(retcodeInfo('100-004').retryable).toBe(false);
    expect(retcodeInfo('999-999')).toMatchObject({ retryable: false, sentence: expect.stringContaining('999-999') });
  });
  it('masks phone numbers in the vendor message it keeps (n8n shows it to the workflow)', () => {
    const e = gatewayError('100-007', 'call to 13175112345 failed', 200, 'Inviting');
    expect(e.vendorMessage).toBe('call to 1317511**** failed');
    expect(httpError(502, '<p>upstream 13175112345</p>').vendorMessage).toBe('<p>upstream 1317511****</p>');
  });
});

describe('participants and break reasons', () => {
  it('agent ids are addressType 9, phone numbers 6', () => {
    expect(classifyParticipant('292')).toEqual({ address: '292', kind: 'agent', addressType: '9' });
    expect(classifyParticipant('agent:49997')).toMatchObject({ kind: 'agent', addressType: '9' });
    expect(classifyParticipant('13175112345')).toEqual({ address: '13175112345', kind: 'phone', addressType: '6' });
    expect(classifyParticipant('+86 131-7511-2345')).toMatchObject({ address: '008613175112345', addressType: '6' });
    expect(classifyParticipant('tel:70092')).toMatchObject({ kind: 'phone', address: '70092' });
    expect(() => classifyParticipant('bob')).toThrow(/neither an agent id/);
    expect(() => classifyParticipant('099')).toThrow(/neither an agent id/);
    expect(() => classifyParticipant('13175112345x')).toThrow(/^"1317511\*\*\*\*x" is neither/);
  });
  it('break reasons become rest causes or busy reasons', () => {
    const named = { lunch: { restCause: 1 }, meeting: { busyReason: 201 } };
    expect(planBreak(undefined, named)).toEqual({ kind: 'rest', restCause: 0 });
    expect(planBreak('Lunch', named)).toEqual({ kind: 'rest', restCause: 1 });
    expect(planBreak('meeting', named)).toEqual({ kind: 'busy', busyReason: 201 });
    expect(planBreak('busy', named)).toEqual({ kind: 'busy' });
    expect(planBreak('busy:230', named)).toEqual({ kind: 'busy', busyReason: 230 });
    expect(planBreak('rest:7', named)).toEqual({ kind: 'rest', restCause: 7 });
    expect(planBreak('12', named)).toEqual({ kind: 'rest', restCause: 12 });
    expect(() => planBreak('coffee', named)).toThrow(/one of lunch, meeting, rest:<0-255>/);
    expect(() => planBreak('busy:100', named)).toThrow(/Unknown break reason/);
  });
});

describe('outcome tokens and decisions', () => {
  const conf: Extract<OutcomeToken, { kind: 'conference' }> = {
    kind: 'conference',
    center: 'hw',
    agentId: '291',
    after: 1000,
    deadline: 31_000,
    participants: [{ address: '292', kind: 'agent' }],
  };
  const env = (receivedAt: number, eventType: string, content: unknown, agentId = '291') =>
    HuaweiEventEnvelope.parse({ id: `x:${receivedAt}`, center: 'hw', agentId, receivedAt, event: { eventType, workNo: agentId, content } });

  it('round-trips and refuses foreign or damaged tokens', () => {
    const text = encodeToken(conf);
    expect(decodeToken(text, 'hw')).toEqual(conf);
    expect(() => decodeToken(text, 'other')).toThrow(/belongs to center "hw"/);
    expect(text.startsWith('hwaicc2.')).toBe(true);
    expect(decodeToken(` ${text}\n`, 'hw')).toEqual(conf);
    expect(() => decodeToken('hwaicc2.@@@', 'hw')).toThrow(/not a Huawei AICC outcome token/);
    expect(() => decodeToken('hwaicc1.e30', 'hw')).toThrow(/unsupported format version/);
    expect(tokenVersionFailure(text)).toBeUndefined();
    expect(tokenVersionFailure('abc')).toBeUndefined();
    expect(tokenVersionFailure('hwaicc1.e30')).toMatchObject({ status: 'failed', code: 'token_version', reason: expect.stringContaining('older ccops') });
    expect(() => decodeToken('abc', 'hw')).toThrow(/unknown format/);
  });

  it('conference: pending, then done after success and invitation', () => {
    const t = encodeToken(conf);
    expect(decideConference(conf, t, [], 2000)).toMatchObject({ status: 'pending', token: t, pollAfterMs: 500 });
    const success = env(2000, 'AgentConf_RequestSuccess', { confId: 1030400 });
    const mid = decideConference(conf, t, [success], 2500);
    expect(mid).toMatchObject({ status: 'pending', progress: expect.stringContaining('1030400') });
    const invited = env(2100, INVITE_RESULT, { confId: '1030400', ok: true, retcode: '0', message: '' });
    const done = decideConference(conf, t, [success, invited], 2500);
    expect(done.status).toBe('done');
    if (done.status === 'done') expect(Conference.parse(done.value).participants).toEqual([{ address: '292', kind: 'agent', state: 'calling' }]);
  });

  it('conference: failure cause, stale events ignored, deadline', () => {
    const t = encodeToken(conf);
    const stale = env(500, 'AgentConf_RequestSuccess', { confId: 1 });
    expect(decideConference(conf, t, [stale], 2000).status).toBe('pending');
    const failed = decideConference(conf, t, [env(1500, 'AgentConf_RequestFailed', { cause: 21234 })], 2000);
    expect(failed).toMatchObject({ status: 'failed', code: 'AgentConf_RequestFailed:21234', reason: expect.stringContaining('cause 21234') });
    expect(decideConference(conf, t, [], 31_001)).toMatchObject({ status: 'failed', code: 'timeout' });
    const otherAgent = env(1500, 'AgentConf_RequestSuccess', { confId: 2 }, '292');
    expect(decideConference(conf, t, [otherAgent], 2000).status).toBe('pending');
    const inviteFailed = env(1600, INVITE_RESULT, { confId: '7', ok: false, retcode: '101-001', message: 'refused.' });
    expect(decideConference(conf, t, [env(1500, 'AgentConf_RequestSuccess', { confId: 7 }), inviteFailed], 2000)).toMatchObject({
      status: 'failed',
      code: '101-001',
      reason: expect.stringContaining('conference end 7'),
    });
  });

  it('break: done on AgentState_SetRest_Success, failed at the deadline', () => {
    const b: Extract<OutcomeToken, { kind: 'break' }> = { kind: 'break', center: 'hw', agentId: '291', after: 1000, deadline: 5000, reason: 'lunch' };
    const t = encodeToken(b);
    expect(decideBreak(b, t, [], 2000)).toMatchObject({ status: 'pending', token: t });
    const done = decideBreak(b, t, [env(1200, 'AgentState_SetRest_Success', null)], 2000);
    expect(done).toMatchObject({ status: 'done', value: { state: 'break', reason: 'lunch' } });
    expect(decideBreak(b, t, [], 5001)).toMatchObject({ status: 'failed', code: 'timeout' });
  });
});

describe('profile', () => {
  it('accepts a minimal profile and refuses an inline password', () => {
    const p = HuaweiAiccProfile.parse({
      vendor: 'huawei-aicc',
      gatewayUrl: 'https://10.1.1.1:8043/agentgateway/resource',
      agentId: '291',
      password: { env: 'HW_PASSWORD' },
      phoneNumber: '40038',
    });
    expect(p).toMatchObject({ agents: [], conferenceMinutes: 60, breakSeconds: 3600, breakReasons: {} });
    expect(HuaweiAiccProfile.safeParse({ ...p, password: 'secret' }).success).toBe(false);
    expect(HuaweiAiccProfile.safeParse({ ...p, agentId: '12' }).success).toBe(false);
  });
});
