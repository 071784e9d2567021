// The AICCS adapter against the AICCS simulator over real HTTP: every
// supported operation, the placement and time-unit rules, every documented
// error with its retry decision, and the honest "no conference" answer.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../shared/config.ts';
import type { CallRecord } from '../../shared/domain.ts';
import { TransportError, VendorError } from '../../shared/errors.ts';
import { type HttpRequest, UndiciTransport } from '../../shared/http.ts';
import { maskPhone } from '../../shared/mask.ts';
import { probeCenter } from '../../shared/health.ts';
import { runOperation } from '../../shared/operations.ts';
import { decideRetry, withRetry } from '../../shared/retry.ts';
import { AliyunAiccsCenter, type AliyunAiccsSettings } from '../../shared/vendors/aliyun-aiccs/adapter.ts';
import { createAliyunSigner } from '../../shared/vendors/aliyun/index.ts';
import { createContactCenter } from '../../shared/vendors/index.ts';
import { type AliyunAiccsSim, type AliyunAiccsSimOptions, startAliyunAiccsSim } from '../../sim/aliyun-aiccs/index.ts';
import notes from '../fixtures/aliyun-aiccs/notes-examples.json' with { type: 'json' };
import seed from '../fixtures/aliyun-aiccs/hotline-session-query.json' with { type: 'json' };

const transport = new UndiciTransport();
const sims: AliyunAiccsSim[] = [];

async function sim(opts: AliyunAiccsSimOptions = {}): Promise<AliyunAiccsSim> {
  const s = await startAliyunAiccsSim({ historyCalls: 150, abandonedShare: 0.3, ...opts });
  sims.push(s);
  return s;
}

/** The adapter as the app builds it: config file JSON -> parseConfig -> createContactCenter. */
function centerFor(s: AliyunAiccsSim, overrides: Record<string, unknown> = {}, deps: { now?: () => Date } = {}): AliyunAiccsCenter {
  const config = parseConfig({ centers: { hz: { ...s.demo.profile, ...overrides } } }, { env: s.demo.env });
  return createContactCenter('hz', config.centers.hz!, { transport, ...deps }) as AliyunAiccsCenter;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

async function vendorError(p: Promise<unknown>): Promise<VendorError> {
  const e = await rejection(p);
  expect(e).toBeInstanceOf(VendorError);
  return e as VendorError;
}

async function allPages(fetch: (cursor?: string) => Promise<{ items: CallRecord[]; nextCursor?: string }>): Promise<CallRecord[]> {
  const items: CallRecord[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await fetch(cursor);
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

const ABANDONING_RESULTS = new Set(['touchInQueue', 'touchInLoss', 'touchRouteError', 'TouchRingCallLoss', 'userHangup']);

afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  await transport.close();
});

describe('agent state', () => {
  let s: AliyunAiccsSim;
  let center: AliyunAiccsCenter;
  beforeAll(async () => {
    s = await sim();
    center = centerFor(s);
  });

  it('reads GetHotlineAgentStatus (form body) and GetHotlineAgentDetail (GET, query)', async () => {
    expect(await center.getAgentState('li.na@example.com')).toMatchObject({ state: 'ready', vendorState: '空闲' });
    expect(await center.getAgentState('wang.wei@example.com')).toMatchObject({ state: 'offline', vendorState: '离线' });
    expect(await center.getAgentState('zhang.min@example.com')).toMatchObject({ state: 'break', reason: 'meal', vendorState: '小休-就餐' });
    const talking = await center.getAgentState('13800138000');
    expect(talking).toMatchObject({ state: 'talking', vendorState: '通话中', raw: { detail: { AgentStatusCode: 'AgentBusyForCall' } } });
    const status = s.log.entries({ action: 'GetHotlineAgentStatus' }).at(-1)!;
    expect(status.detail).toMatchObject({ placement: 'form', formNames: 'AccountName,InstanceId', queryNames: '' });
    const detail = s.log.entries({ action: 'GetHotlineAgentDetail' }).at(-1)!;
    expect(detail.detail).toMatchObject({ placement: 'query', formNames: '' });
  });

  it('signs in, takes typed breaks, comes back and signs out, each write with a fresh ClientToken', async () => {
    const agent = 'wang.wei@example.com';
    const set = async (target: Parameters<AliyunAiccsCenter['setAgentState']>[0]['target']) => {
      const r = await center.setAgentState({ agentId: agent, target });
      if (r.status !== 'done') throw new Error('AICCS writes are immediate');
      return r.value;
    };
    expect(await set({ kind: 'online' })).toMatchObject({ state: 'ready', vendorState: '空闲' });
    const expectations: Array<[string, string, string]> = [
      ['lunch', '小休-就餐', 'meal'],
      ['team meeting', '小休-会议', 'meeting'],
      ['coaching', '小休-辅导', 'coaching'],
      ['training', '小休-培训', 'training'],
      ['coffee', '小休-休息', 'rest'],
    ];
    for (const [reason, vendorState, normalized] of expectations) {
      expect(await set({ kind: 'break', reason })).toMatchObject({ state: 'break', vendorState, reason: normalized });
    }
    const types = s.log.entries({ action: 'SuspendHotlineService' }).map((e) => e.detail?.Type);
    expect(types).toEqual(['2', '3', '4', '5', '1']);
    expect(await set({ kind: 'ready' })).toMatchObject({ state: 'ready' });
    expect(await set({ kind: 'offline' })).toMatchObject({ state: 'offline', vendorState: '离线' });
    expect(s.model.agent(agent)!.state).toBe('离线');

    const writes = ['StartHotlineService', 'SuspendHotlineService', 'FinishHotlineService'].flatMap((a) => s.log.entries({ action: a }));
    expect(writes).toHaveLength(8);
    const tokens = writes.map((e) => e.detail?.ClientToken);
    expect(tokens.every((t) => typeof t === 'string' && t.length >= 16)).toBe(true);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const w of writes) expect(w.detail).toMatchObject({ placement: 'form', queryNames: '' });
  });

  it('refuses skill groups on sign-in before sending anything', async () => {
    const before = s.log.entries().length;
    const e = await rejection(center.setAgentState({ agentId: 'li.na@example.com', target: { kind: 'online', skillGroups: ['sales'] } }));
    expect(e).toMatchObject({ code: 'ccops_invalid_input' });
    expect((e as Error).message).toMatch(/skill groups assigned to them in the AICCS console/);
    expect(s.log.entries().length).toBe(before);
  });

  it('passes on a refused transition as a non-retryable error with the vendor message', async () => {
    const e = await vendorError(center.setAgentState({ agentId: '13800138000', target: { kind: 'break' } }));
    expect(e).toMatchObject({ vendorCode: 'InvalidAgentStatus', retryable: false, httpStatus: 400 });
    expect(e.message).toMatch(/in a call/);
    expect(s.model.agent('13800138000')!.state).toBe('通话中');
  });

  it('NoAgentFound names the agent (masked when it is a phone number) and is not retried', async () => {
    const e = await vendorError(center.getAgentState('nobody@example.com'));
    expect(e).toMatchObject({ vendorCode: 'NoAgentFound', httpStatus: 500, retryable: false });
    expect(e.message).toContain('"nobody@example.com"');
    expect(decideRetry(e, 1).retry).toBe(false);
    const phone = await vendorError(center.setAgentState({ agentId: '13999999999', target: { kind: 'ready' } }));
    expect(phone.message).toContain(`"${maskPhone('13999999999')}"`);
    expect(phone.message).not.toContain('13999999999');
  });

  it('a ClientToken seen before is a replay: answered again, applied once', async () => {
    const agent = 'li.na@example.com';
    const form = { AccountName: agent, ClientToken: 'same-token-1', InstanceId: s.model.instanceId };
    await center.client.rpc.call('FinishHotlineService', { form });
    expect(s.model.agent(agent)!.state).toBe('离线');
    await center.client.startService(agent);
    await center.client.rpc.call('FinishHotlineService', { form });
    expect(s.model.agent(agent)!.state).toBe('空闲');
  });
});

describe('calls', () => {
  let s: AliyunAiccsSim;
  let center: AliyunAiccsCenter;
  let from: string;
  let to: string;
  beforeAll(async () => {
    s = await sim({ seed: 7 });
    center = centerFor(s);
    to = new Date(s.model.clock.now()).toISOString();
    from = new Date(s.model.clock.now() - 3 * 3_600_000).toISOString();
  });

  it('searchCalls pages through the window with QueryStartTime/QueryEndTime in milliseconds', async () => {
    const first = await center.searchCalls({ from, to, pageSize: 20 });
    expect(first.items).toHaveLength(20);
    expect(first.total).toBe(150);
    expect(first.nextCursor).toBe('page:2');
    const q = s.log.entries({ action: 'HotlineSessionQuery' }).at(-1)!.detail!;
    expect(q.QueryStartTime).toBe(String(Date.parse(from)));
    expect(q.QueryEndTime).toBe(String(Date.parse(to)));
    expect(q.QueryStartTime).toMatch(/^\d{13}$/);
    expect(q).toMatchObject({ placement: 'query', formNames: '' });

    const all = await allPages((cursor) => center.searchCalls({ from, to, pageSize: 40, ...(cursor ? { cursor } : {}) }));
    expect(all.map((r) => r.id).sort()).toEqual(s.model.calls.map((c) => c.acid).sort());
  });

  it('converts the instance-local times to ISO with +08:00 at the right instant', async () => {
    const page = await center.searchCalls({ from, to, pageSize: 50 });
    for (const r of page.items) {
      const call = s.model.calls.find((c) => c.acid === r.id)!;
      expect(r.startedAt).toMatch(/\+08:00$/);
      expect(Date.parse(r.startedAt!)).toBe(Math.floor(call.createdAt / 1000) * 1000);
      expect(Date.parse(r.releasedAt!)).toBe(Math.floor(call.hangUpAt / 1000) * 1000);
    }
  });

  it('filters by number and by agent (an account name resolved to its ServicerId)', async () => {
    const target = s.model.calls.find((c) => c.callType === 2)!;
    const byNumber = await center.searchCalls({ from, to, number: target.callingNumber });
    expect(byNumber.items.map((r) => r.id)).toContain(target.acid);
    expect(byNumber.items.every((r) => r.caller === target.callingNumber)).toBe(true);

    const byAgent = await allPages((cursor) =>
      center.searchCalls({ from, to, agentId: 'li.na@example.com', pageSize: 100, ...(cursor ? { cursor } : {}) }),
    );
    expect(byAgent.length).toBe(s.model.calls.filter((c) => c.servicerId === '555501').length);
    expect(byAgent.every((r) => r.agents.includes('555501'))).toBe(true);
    const q = s.log.entries({ action: 'HotlineSessionQuery' }).at(-1)!.detail!;
    expect(q.queryNames).toContain('ServicerIdList.1');
  });

  it('filters by outcome with the CallResultList categories, exact outcome checked locally', async () => {
    const found = await allPages((cursor) =>
      center.searchCalls({ from, to, outcomes: ['abandoned_in_queue'], pageSize: 100, ...(cursor ? { cursor } : {}) }),
    );
    const expected = s.model.calls.filter((c) => ['touchInQueue', 'touchInLoss', 'touchRouteError'].includes(c.callResult));
    expect(expected.length).toBeGreaterThan(0);
    expect(found.map((r) => r.id).sort()).toEqual(expected.map((c) => c.acid).sort());
    const q = s.log.entries({ action: 'HotlineSessionQuery' }).at(-1)!.detail!;
    expect(q.queryNames).toContain('CallResultList.1');
  });

  it('getCall finds a call by Acid, and by its global Id', async () => {
    const call = s.model.calls[10]!;
    expect(await center.getCall(call.acid)).toMatchObject({ id: call.acid, vendorOutcome: call.callResult });
    expect(await center.getCall(call.id)).toMatchObject({ id: call.acid });
    const e = await vendorError(center.getCall('0000000'));
    expect(e).toMatchObject({ vendorCode: 'ccops.CallNotFound', retryable: false });
  });

  it('listAbandonedCalls returns exactly the abandoned inbound calls of the window, oldest first, over pages', async () => {
    const small = centerFor(s);
    const found = await allPages((cursor) => small.listAbandonedCalls({ since: from, until: to, ...(cursor ? { cursor } : {}) }));
    const [fromMs, toMs] = [Date.parse(from), Date.parse(to)];
    const expected = s.model.calls.filter(
      (c) => c.callType !== 1 && ABANDONING_RESULTS.has(c.callResult) && c.hangUpAt >= fromMs && c.hangUpAt <= toMs,
    );
    expect(expected.length).toBeGreaterThan(20);
    expect(found.map((r) => r.id).sort()).toEqual(expected.map((c) => c.acid).sort());
    expect(found.every((r) => ['abandoned_in_queue', 'abandoned_ringing', 'abandoned_ivr'].includes(r.outcome))).toBe(true);
    const q = s.log.entries({ action: 'HotlineSessionQuery' }).at(-1)!.detail!;
    expect(q.queryNames).toContain('CallTypeList.2');
    expect(q.queryNames).not.toContain('CallResultList');
  });

  it('a burst of abandoned calls shows up in the next poll, oldest first', async () => {
    // Each came in minutes ago (IVR, queue) but ended in the last seconds: HotlineSessionQuery's
    // CreateTime window alone would miss them.
    const since = new Date(s.model.clock.now() - 30_000).toISOString();
    const burst = s.burst(6);
    expect(burst.filter((c) => c.createdAt < Date.parse(since)).length).toBeGreaterThan(2);
    const page = await center.listAbandonedCalls({ since, until: new Date(s.model.clock.now() + 1000).toISOString() });
    expect(page.items.map((r) => r.id).sort()).toEqual(burst.map((c) => c.acid).sort());
    const ends = page.items.map((r) => Date.parse(r.releasedAt!));
    expect([...ends].sort((a, b) => a - b)).toEqual(ends);
    const q = s.log.entries({ action: 'HotlineSessionQuery' }).at(-1)!.detail!;
    expect(Number(q.QueryStartTime)).toBe(Date.parse(since) - 30 * 60_000);
  });

  it('refuses a cursor it did not give', async () => {
    expect(await rejection(center.searchCalls({ from, to, cursor: 'page:x' }))).toMatchObject({ code: 'ccops_invalid_input' });
  });
});

describe('time zone of the instance', () => {
  it('reads times in the configured zone', async () => {
    const s = await sim({ timeZone: 'America/New_York', historyCalls: 10 });
    const center = centerFor(s, { timeZone: 'America/New_York' });
    const now = s.model.clock.now();
    const page = await center.searchCalls({ from: new Date(now - 3 * 3_600_000).toISOString(), to: new Date(now).toISOString() });
    expect(page.items.length).toBe(10);
    for (const r of page.items) {
      const call = s.model.calls.find((c) => c.acid === r.id)!;
      expect(r.startedAt).toMatch(/-0[45]:00$/);
      expect(Date.parse(r.startedAt!)).toBe(Math.floor(call.createdAt / 1000) * 1000);
    }
  });
});

describe('HotlineSessionQuery time unit: milliseconds, as the doc states', () => {
  it('the simulator refuses the doc example values (10-digit seconds) with a parameter error that is not retried', async () => {
    const s = await sim({ historyCalls: 0 });
    const center = centerFor(s);
    const { QueryStartTime, QueryEndTime } = seed.queryTimeExample;
    const e = await vendorError(center.client.sessionQuery({ fromMs: QueryStartTime, toMs: QueryEndTime }));
    expect(e).toMatchObject({ vendorCode: 'InvalidParameter', httpStatus: 400, retryable: false });
    expect(e.message).toMatch(/QueryStartTime/);
    expect(decideRetry(e, 1).retry).toBe(false);
    // the same instants in milliseconds are accepted
    const ok = await center.client.sessionQuery({ fromMs: QueryStartTime * 1000, toMs: QueryEndTime * 1000 });
    expect(ok.TotalCount).toBe(0);
  });
});

describe('parameter placement, as the API reads it', () => {
  let s: AliyunAiccsSim;
  let center: AliyunAiccsCenter;
  beforeAll(async () => {
    s = await sim({ historyCalls: 0 });
    center = centerFor(s);
  });

  it('HotlineSessionQuery parameters sent in a form body are not seen', async () => {
    const e = await vendorError(center.client.rpc.call('HotlineSessionQuery', { form: { InstanceId: s.model.instanceId } }));
    expect(e).toMatchObject({ vendorCode: 'MissingInstanceId', httpStatus: 400, retryable: false });
  });

  it('hotline agent parameters sent in the query are not seen', async () => {
    const query = { InstanceId: s.model.instanceId, AccountName: 'li.na@example.com' };
    const e = await vendorError(center.client.rpc.call('GetHotlineAgentStatus', { query }));
    expect(e).toMatchObject({ vendorCode: 'MissingInstanceId', retryable: false });
  });

  it('GetHotlineAgentDetail is a GET', async () => {
    const query = { InstanceId: s.model.instanceId, AccountName: 'li.na@example.com' };
    const e = await vendorError(center.client.rpc.call('GetHotlineAgentDetail', { query, method: 'POST' }));
    expect(e.vendorCode).toBe('UnsupportedHTTPMethod');
  });
});

describe('signatures and credentials', () => {
  it('works with RPC v2 signatures too', async () => {
    const s = await sim({ historyCalls: 5 });
    const center = centerFor(s, { signatureVersion: 'v2' });
    expect(await center.getAgentState('li.na@example.com')).toMatchObject({ state: 'ready' });
    await center.setAgentState({ agentId: 'li.na@example.com', target: { kind: 'break', reason: 'lunch' } });
    const now = s.model.clock.now();
    const page = await center.searchCalls({ from: new Date(now - 3 * 3_600_000).toISOString(), to: new Date(now).toISOString() });
    expect(page.items).toHaveLength(5);
    const versions = new Set(s.log.entries().map((e) => e.detail?.signatureVersion));
    expect([...versions]).toEqual(['v2']);
  });

  it('sends and requires the STS security token', async () => {
    const s = await sim({ historyCalls: 0, securityToken: 'sts-token-1' });
    expect(await centerFor(s).getAgentState('li.na@example.com')).toMatchObject({ state: 'ready' });
    const config = parseConfig(
      { centers: { hz: { ...s.demo.profile, securityToken: { env: 'WRONG_TOKEN' } } } },
      { env: { ...s.demo.env, WRONG_TOKEN: 'other' } },
    );
    const wrong = createContactCenter('hz', config.centers.hz!, { transport });
    const e = await vendorError(wrong.getAgentState('li.na@example.com'));
    expect(e).toMatchObject({ vendorCode: 'InvalidSecurityToken.Mismatch', retryable: false });
  });

  it('the form body is signed: a body changed after signing is refused; a replayed nonce is refused', async () => {
    const s = await sim({ historyCalls: 0 });
    const profile = parseConfig({ centers: { hz: s.demo.profile } }, { env: s.demo.env }).centers.hz as AliyunAiccsSettings & { vendor: string };
    const tampering = {
      send: (r: HttpRequest) => transport.send({ ...r, body: r.body?.replace('li.na', 'wang.wei') }),
      close: () => Promise.resolve(),
    };
    const tampered = new AliyunAiccsCenter({ center: 'hz', profile, transport: tampering });
    expect(await vendorError(tampered.client.agentStatus('li.na@example.com'))).toMatchObject({ vendorCode: 'SignatureDoesNotMatch', retryable: false });

    const sign = createAliyunSigner({
      credentials: { accessKeyId: profile.accessKeyId, accessKeySecret: profile.accessKeySecret },
      nonce: () => 'the-same-nonce',
    });
    const replaying = new AliyunAiccsCenter({ center: 'hz', profile, transport, sign });
    expect(await replaying.client.agentStatus('li.na@example.com')).toBe('空闲');
    expect(await vendorError(replaying.client.agentStatus('li.na@example.com'))).toMatchObject({ vendorCode: 'SignatureNonceUsed' });
  });

  const refusals: Array<[string, (s: AliyunAiccsSim) => AliyunAiccsCenter, string]> = [
    ['a wrong secret', (s) => {
      const config = parseConfig({ centers: { hz: s.demo.profile } }, { env: Object.fromEntries(Object.keys(s.demo.env).map((k) => [k, 'wrong'])) });
      return createContactCenter('hz', config.centers.hz!, { transport }) as AliyunAiccsCenter;
    }, 'SignatureDoesNotMatch'],
    ['an unknown AccessKey id', (s) => centerFor(s, { accessKeyId: 'LTAIunknown' }), 'InvalidAccessKeyId.NotFound'],
    ['a clock an hour off', (s) => centerFor(s, {}, { now: () => new Date(Date.now() - 3_600_000) }), 'IllegalTimestamp'],
    ['a wrong instance id', (s) => centerFor(s, { instanceId: 'ccc_xp_other' }), 'NoTenantFound'],
  ];
  it.each(refusals)('%s is refused with a sentence and not retried', async (_what, make, code) => {
    const s = await sim({ historyCalls: 0 });
    const e = await vendorError(make(s).getAgentState('li.na@example.com'));
    expect(e.vendorCode).toBe(code);
    expect(e.retryable).toBe(false);
    expect(e.message.length).toBeGreaterThan(30);
    expect(e.message).not.toContain(s.credentials.accessKeySecret);
    expect(decideRetry(e, 1).retry).toBe(false);
  });
});

describe('documented errors -> VendorError and retry decision', () => {
  let s: AliyunAiccsSim;
  let center: AliyunAiccsCenter;
  beforeAll(async () => {
    s = await sim({ historyCalls: 0 });
    center = centerFor(s);
  });
  afterEach(() => s.faults.clear());

  const retryableByCode: Record<string, boolean> = {
    NoAgentFound: false,
    NoTenantFound: false,
    SystemError: true,
    Throttling: true,
    'Throttling.User': true,
    'Throttling.Api': true,
    SignatureDoesNotMatch: false,
    IncompleteSignature: false,
    IllegalTimestamp: false,
    'InvalidAccessKeyId.NotFound': false,
    'Forbidden.RAM': false,
    InternalError: true,
    ServiceUnavailable: true,
  };

  it('knows every code in the notes', () => {
    const codes = [...notes.documentedErrors.codes, ...Object.keys(notes.gatewayErrors.codes)];
    expect(Object.keys(retryableByCode).sort()).toEqual(codes.sort());
  });

  it.each(Object.entries(retryableByCode))('%s -> retryable %s, with a sentence and the request id', async (code, retryable) => {
    s.failNext(code, { action: 'GetHotlineAgentStatus' });
    const e = await vendorError(center.getAgentState('li.na@example.com'));
    expect(e.vendorCode).toBe(code);
    expect(e.retryable).toBe(retryable);
    expect(e.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(e.message).not.toBe(e.vendorMessage);
    expect(e.message).toMatch(/\.$/);
    expect(decideRetry(e, 1).retry).toBe(retryable);
    expect(decideRetry(e, 1, undefined, { write: true }).retry).toBe(retryable);
  });

  it('throttling carries x-acs-retry-after (ms), and the retry waits at least that long', async () => {
    s.failNext('Throttling.User', { action: 'HotlineSessionQuery', retryAfterMs: 1500 });
    const e = await vendorError(center.client.sessionQuery({}));
    expect(e.retryAfterMs).toBe(1500);
    expect(decideRetry(e, 1, undefined, { random: () => 0 })).toEqual({ retry: true, delayMs: 1500 });
  });

  it('FaultPlan faults: throttle, internal (SystemError), unavailable, dropped connection', async () => {
    s.faults.inject({ kind: 'throttle', retryAfterMs: 200 });
    expect(await vendorError(center.client.agentStatus('li.na@example.com'))).toMatchObject({
      vendorCode: 'Throttling.User',
      retryable: true,
      retryAfterMs: 200,
    });
    s.faults.inject({ kind: 'internal' });
    expect(await vendorError(center.client.agentStatus('li.na@example.com'))).toMatchObject({ vendorCode: 'SystemError', retryable: true });
    s.faults.inject({ kind: 'unavailable' });
    expect(await vendorError(center.client.agentStatus('li.na@example.com'))).toMatchObject({ vendorCode: 'ServiceUnavailable', httpStatus: 503 });
    s.faults.inject({ kind: 'drop' });
    const dropped = await rejection(center.client.agentStatus('li.na@example.com'));
    expect(dropped).toBeInstanceOf(TransportError);
    expect(decideRetry(dropped, 1, undefined, { write: true }).retry).toBe(false);
  });

  it('a retried read signs each attempt anew and succeeds after throttling', async () => {
    s.faults.inject({ kind: 'throttle' }, { action: 'GetHotlineAgentStatus', times: 2 });
    const state = await withRetry(() => center.getAgentState('li.na@example.com'), { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 });
    expect(state.state).toBe('ready');
    expect(s.log.entries({ action: 'GetHotlineAgentStatus', error: 'Throttling.User' }).length).toBeGreaterThanOrEqual(2);
  });
});

describe('health probe', () => {
  it('answers for a right configuration and fails for a wrong instance or secret', async () => {
    const s = await sim({ historyCalls: 0 });
    expect(await probeCenter(centerFor(s))).toMatchObject({ ok: true, vendor: 'aliyun-aiccs' });
    const wrongInstance = await probeCenter(centerFor(s, { instanceId: 'ccc_xp_other' }));
    expect(wrongInstance.ok).toBe(false);
    expect(wrongInstance.detail).toContain('ccc_xp_other');
    const config = parseConfig({ centers: { hz: s.demo.profile } }, { env: Object.fromEntries(Object.keys(s.demo.env).map((k) => [k, 'wrong'])) });
    const wrongSecret = await probeCenter(createContactCenter('hz', config.centers.hz!, { transport }));
    expect(wrongSecret).toMatchObject({ ok: false });
    expect(wrongSecret.detail).toMatch(/SignatureDoesNotMatch/);
  });
});

describe('conference: not offered by AICCS', () => {
  it('Capabilities say so and the user gets the sentence, never a crash', async () => {
    const s = await sim({ historyCalls: 0 });
    const center = centerFor(s);
    expect(center.capabilities.startConference.supported).toBe(false);
    expect(center.capabilities.endConference.supported).toBe(false);
    const start = await rejection(center.startConference({ participants: ['13175112345'] }));
    expect(start).toMatchObject({ code: 'ccops_unsupported_operation', operation: 'startConference', vendor: 'aliyun-aiccs' });
    expect((start as Error).message).toMatch(/no API to start a conference.*workbench.*JoinThirdCall/s);
    const viaRouter = await rejection(runOperation(center, 'startConference', { participants: ['13175112345'] }));
    expect((viaRouter as Error).message).toBe((start as Error).message);
    const end = await rejection(runOperation(center, 'endConference', { conferenceId: 'x' }));
    expect(end).toMatchObject({ code: 'ccops_unsupported_operation' });
    expect(s.log.entries()).toHaveLength(0);
  });
});

describe('simulator traffic', () => {
  it('is seeded: the same seed gives the same calls', async () => {
    const a = await sim({ seed: 42, historyCalls: 30 });
    const b = await sim({ seed: 42, historyCalls: 30 });
    expect(a.model.calls.map((c) => [c.acid, c.callResult, c.callingNumber])).toEqual(
      b.model.calls.map((c) => [c.acid, c.callResult, c.callingNumber]),
    );
  });

  it('abandons about the configured share of inbound calls', async () => {
    const s = await sim({ seed: 3, historyCalls: 2000, abandonedShare: 0.4 });
    const inbound = s.model.calls.filter((c) => c.callType !== 1);
    const abandoned = inbound.filter((c) => ABANDONING_RESULTS.has(c.callResult));
    expect(abandoned.length / inbound.length).toBeGreaterThan(0.35);
    expect(abandoned.length / inbound.length).toBeLessThan(0.45);
  });

  it('adds calls while running and stops when told', async () => {
    const s = await sim({ historyCalls: 0, trafficIntervalMs: 5 });
    s.traffic.start();
    while (s.model.calls.length < 3) await new Promise((r) => setTimeout(r, 5));
    s.traffic.stop();
    const n = s.model.calls.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(s.model.calls.length).toBe(n);
  });

  it('moves its clock: calls that end later are not listed yet', async () => {
    const s = await sim({ historyCalls: 0 });
    s.model.clock.freeze();
    const now = s.model.clock.now();
    s.model.addCall(s.traffic.generator.callEndingAt(now + 60_000, { abandoned: 'touchInQueue' }));
    const center = centerFor(s);
    const window = { since: new Date(now - 3_600_000).toISOString(), until: new Date(now + 3_600_000).toISOString() };
    expect((await center.listAbandonedCalls(window)).items).toHaveLength(0);
    s.model.clock.advance(61_000);
    expect((await center.listAbandonedCalls(window)).items).toHaveLength(1);
  });
});
