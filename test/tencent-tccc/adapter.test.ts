// The TCCC adapter against the TCCC simulator over real HTTP: every supported
// operation, every documented error with its retry decision, the re-sign
// path, per-item SetStaffStatus errors, window splitting, batching, and the
// honest "no conference" answer.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CenterProfile, parseConfig } from '../../shared/config.ts';
import { AgentState, CallRecord } from '../../shared/domain.ts';
import { type HttpRequest, UndiciTransport } from '../../shared/http.ts';
import { runOperation } from '../../shared/operations.ts';
import { withRetry } from '../../shared/retry.ts';
import { createContactCenter } from '../../shared/vendors/index.ts';
import { NO_CONFERENCE, TencentTcccAdapter, type TencentTcccAdapterOptions } from '../../shared/vendors/tencent-tccc/adapter.ts';
import { authorizeTcccRequest, tc3Sign } from '../../shared/vendors/tencent-tccc/client.ts';
import { signTc3 } from '../../shared/vendors/tencent-tccc/signer.ts';
import type { TencentTcccProfile } from '../../shared/vendors/tencent-tccc/profile.ts';
import type { Resolved } from '../../shared/config.ts';
import { startTencentTcccSim, type TencentTcccSim, type TencentTcccSimOptions } from '../../sim/tencent-tccc/index.ts';

const DAY = 86_400;
const transport = new UndiciTransport();
const sims: TencentTcccSim[] = [];

afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  await transport.close();
});

async function sim(opts: TencentTcccSimOptions = {}): Promise<TencentTcccSim> {
  const s = await startTencentTcccSim(opts);
  sims.push(s);
  return s;
}

type TcccProfile = Resolved<TencentTcccProfile>;

function profileOf(s: TencentTcccSim, change: Record<string, unknown> = {}, env: Record<string, string> = {}): TcccProfile {
  const config = parseConfig({ centers: { sz: { ...s.demo.profile, ...change } } }, { env: { ...s.demo.env, ...env } });
  return config.centers.sz as TcccProfile;
}

function adapter(s: TencentTcccSim, o: Partial<TencentTcccAdapterOptions> = {}): TencentTcccAdapter {
  return new TencentTcccAdapter({ center: 'sz', profile: profileOf(s), transport, retry: false, ...o });
}

const nowSec = () => Math.floor(Date.now() / 1000);
const iso = (sec: number) => new Date(sec * 1000).toISOString();

/** A minimal inbound record at `time`, ending as `endStatus`. */
function cdr(id: string, time: number, endStatus: number, extra: Record<string, unknown> = {}) {
  const names: Record<number, string> = { 1: 'ok', 102: 'ivrGiveUp', 103: 'waitingGiveUp', 104: 'ringingGiveUp', 105: 'noSeatOnline', 106: 'notWorkTime' };
  return {
    SessionId: id,
    Time: time,
    Direction: 0 as const,
    CallType: 2,
    EndStatus: endStatus,
    EndStatusString: names[endStatus] ?? 'ok',
    Caller: '008613012345678',
    Callee: '008640012345678',
    StartTimestamp: time,
    EndedTimestamp: time + 30,
    ...extra,
  };
}

describe('configuration and capabilities', () => {
  let s: TencentTcccSim;
  beforeAll(async () => {
    s = await sim({ historyHours: 0 });
  });

  it('the demo profile parses and createContactCenter builds the TCCC adapter', async () => {
    const config = parseConfig({ centers: { sz: s.demo.profile } }, { env: s.demo.env });
    const profile: CenterProfile = config.centers.sz!;
    expect(profile.vendor).toBe('tencent-tccc');
    expect(JSON.stringify(profile)).not.toContain(s.demo.env.CCOPS_DEMO_TCCC_SECRET_KEY!);
    const center = createContactCenter('sz', profile, { transport });
    expect(center).toBeInstanceOf(TencentTcccAdapter);
    expect((await center.getAgentState('agent@tccc-demo')).state).toBe('ready');
  });

  it('a profile with a literal secret or without sdkAppId is refused with the field named', () => {
    expect(() => parseConfig({ centers: { sz: { ...s.demo.profile, secretKey: 'plain' } } }, { env: {} })).toThrow(/centers\.sz\.secretKey/);
    const { sdkAppId: _drop, ...noApp } = s.demo.profile;
    expect(() => parseConfig({ centers: { sz: noApp } }, { env: s.demo.env })).toThrow(/centers\.sz\.sdkAppId/);
  });

  it('says conference is unsupported, with what TCCC offers instead, and never crashes', async () => {
    const center = adapter(s);
    const before = s.log.entries().length;
    expect(center.capabilities.startConference).toEqual({ supported: false, reason: NO_CONFERENCE });
    expect(center.capabilities.endConference.supported).toBe(false);
    expect(NO_CONFERENCE).toMatch(/agent workbench \(Web SDK\)/);
    for (const [op, input] of [
      ['startConference', { participants: ['13175112345'] }],
      ['endConference', { conferenceId: 'x' }],
    ] as const) {
      const direct = await (op === 'startConference' ? center.startConference(input as never) : center.endConference(input as never)).catch(
        (e: unknown) => e,
      );
      expect(direct).toMatchObject({ code: 'ccops_unsupported_operation', vendor: 'tencent-tccc', operation: op, message: NO_CONFERENCE });
      await expect(runOperation(center, op, input)).rejects.toMatchObject({ code: 'ccops_unsupported_operation', message: NO_CONFERENCE });
    }
    expect(s.log.entries()).toHaveLength(before); // nothing was sent
  });

  it('sends one signed JSON POST per action with the TCCC common headers (region only when configured)', async () => {
    const sent: HttpRequest[] = [];
    const recording = { send: (req: HttpRequest) => (sent.push(req), transport.send(req)), close: async () => {} };
    const withRegion = new TencentTcccAdapter({ center: 'sz', profile: profileOf(s, { region: 'ap-guangzhou' }), transport: recording, retry: false });
    await withRegion.getAgentState('agent@tccc-demo');
    await adapter(s, { transport: recording }).getAgentState('agent@tccc-demo');
    const [a, b] = sent;
    expect(a).toMatchObject({ method: 'POST', url: `${s.url}/` });
    expect(a!.headers).toMatchObject({
      'Content-Type': 'application/json; charset=utf-8',
      'X-TC-Action': 'DescribeStaffStatusMetrics',
      'X-TC-Version': '2020-02-10',
      'X-TC-Timestamp': expect.stringMatching(/^\d{10}$/),
      'X-TC-Region': 'ap-guangzhou',
      Authorization: expect.stringMatching(/^TC3-HMAC-SHA256 Credential=\S+\/\d{4}-\d{2}-\d{2}\/ccc\/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$/),
    });
    expect(JSON.parse(a!.body!)).toEqual({ SdkAppId: s.model.sdkAppId, StaffList: ['agent@tccc-demo'] });
    expect(b!.headers).not.toHaveProperty('X-TC-Region');
    expect(b!.headers).not.toHaveProperty('X-TC-Token');
  });

  it('a slow answer past the transport timeout is a transport error, not a hang', async () => {
    const impatient = new UndiciTransport({ headersTimeoutMs: 100 });
    try {
      s.faults.inject({ kind: 'slow', ms: 2500 }, { action: 'DescribeStaffStatusMetrics' });
      await expect(adapter(s, { transport: impatient }).getAgentState('agent@tccc-demo')).rejects.toMatchObject({
        code: 'ccops_transport_error',
        transportCode: 'UND_ERR_HEADERS_TIMEOUT',
      });
    } finally {
      await impatient.close();
    }
  });

  it('has nothing to poll: every TCCC operation finishes at once', async () => {
    await expect(adapter(s).pollOutcome('tok')).rejects.toMatchObject({ code: 'ccops_invalid_input' });
  });
});

describe('calls', () => {
  let s: TencentTcccSim;
  beforeAll(async () => {
    s = await sim({ historyHours: 6, callEverySeconds: 60, abandonedShare: 0.3 });
  });
  afterEach(() => s.log.clear());

  it('pages through a search with PageNumber from 0 and at most 100 a page, each record once', async () => {
    const center = adapter(s);
    const start = nowSec() - 6 * 3600 - 60;
    const end = nowSec();
    const from = iso(start);
    const to = iso(end);
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    let total: number | undefined;
    do {
      const page = await center.searchCalls({ from, to, pageSize: 100, ...(cursor ? { cursor } : {}) });
      total ??= page.total;
      for (const c of page.items) {
        CallRecord.parse(c);
        expect(seen.has(c.id)).toBe(false);
        seen.add(c.id);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(total).toBe(s.model.cdrsBetween(start, end).length);
    expect(total).toBeGreaterThan(300);
    expect(seen.size).toBe(total);
    const requests = s.log.entries({ action: 'DescribeTelCdr' });
    expect(requests.map((r) => Number(r.detail!.page))).toEqual(requests.map((_, i) => i));
    expect(requests.every((r) => Number(r.detail!.size) <= 100)).toBe(true);
  });

  it('filters by outcome and number', async () => {
    const center = adapter(s);
    const from = iso(nowSec() - 6 * 3600 - 60);
    const to = iso(nowSec());
    const abandoned = await center.searchCalls({ from, to, outcomes: ['abandoned_in_queue'], pageSize: 100 });
    const expected = s.model.cdrsBetween(0, nowSec() + 1).filter((c) => c.EndStatus === 103 && c.Direction === 0);
    expect(abandoned.items.map((c) => c.id).sort()).toEqual(expected.map((c) => c.SessionId).sort());
    const one = expected[0]!;
    const byNumber = await center.searchCalls({ from, to, number: String(one.Caller) });
    expect(byNumber.items.map((c) => c.id)).toContain(one.SessionId);
    expect(byNumber.items.every((c) => c.caller === one.Caller || c.callee === one.Caller)).toBe(true);
    // As people type it: without the 0086 prefix TCCC stores.
    const typed = String(one.Caller).replace(/^0086/, '');
    expect((await center.searchCalls({ from, to, number: typed })).items.map((c) => c.id)).toEqual(byNumber.items.map((c) => c.id));
    expect((await center.searchCalls({ from, to, number: `+86 ${typed}` })).items.map((c) => c.id)).toEqual(byNumber.items.map((c) => c.id));
  });

  it('splits a window longer than 90 days into ones TCCC accepts, and finds calls in each', async () => {
    const s2 = await sim({ historyHours: 0 });
    const now = nowSec();
    for (const [id, daysAgo] of [['old', 160], ['mid', 100], ['edge', 89.5], ['new', 1]] as const) {
      s2.model.addCdr(cdr(id, Math.floor(now - daysAgo * DAY), 1));
    }
    const page = await adapter(s2).searchCalls({ from: iso(now - 170 * DAY), to: iso(now), pageSize: 50 });
    expect(page.items.map((c) => c.id).sort()).toEqual(['edge', 'mid', 'new', 'old']);
    const windows = s2.log.entries({ action: 'DescribeTelCdr' }).map((e) => ({ start: Number(e.detail!.start), end: Number(e.detail!.end) }));
    expect(windows).toHaveLength(2);
    expect(windows[0]!.start).toBe(now - 170 * DAY);
    expect(windows[1]!.start).toBe(windows[0]!.end + 1);
    expect(windows[1]!.end).toBe(now);
    for (const w of windows) expect(w.end - w.start).toBeLessThan(90 * DAY);
    expect(s2.log.entries({ error: 'InvalidParameterValue' })).toHaveLength(0);
  });

  it('refuses, before asking, a search older than the 180 days TCCC keeps', async () => {
    await expect(adapter(s).searchCalls({ from: iso(nowSec() - 200 * DAY), to: iso(nowSec()) })).rejects.toMatchObject({
      code: 'ccops_invalid_input',
      message: expect.stringMatching(/180 days/),
    });
    expect(s.log.entries()).toHaveLength(0);
  });

  it('gets one call by session id with DescribeSessionDetail, also one 100 days old', async () => {
    const center = adapter(s);
    const known = s.model.cdrsBetween(0, nowSec() + 1).find((c) => c.EndStatus === 1 && c.Direction === 0)!;
    const call = CallRecord.parse(await center.getCall(known.SessionId));
    expect(call).toMatchObject({ id: known.SessionId, outcome: 'answered', direction: 'inbound' });
    expect(call.agents.length).toBeGreaterThan(0);
    expect(call.answeredAt).toBe(iso(known.AcceptTimestamp as number));

    s.model.addCdr(cdr('aged', nowSec() - 100 * DAY, 104, { RingTimestamp: nowSec() - 100 * DAY + 20 }));
    s.log.clear();
    expect(await center.getCall('aged')).toMatchObject({ id: 'aged', outcome: 'abandoned_ringing' });
    const asked = s.log.entries({ action: 'DescribeSessionDetail' });
    expect(asked.map((e) => e.error)).toEqual(['InvalidParameterValue.RecordNotExist', undefined]);
  });

  it('says so when no call has that session id', async () => {
    const err = await adapter(s).getCall('no-such-session').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ccops_vendor_error', vendorCode: 'InvalidParameterValue.RecordNotExist', retryable: false });
    expect((err as Error).message).toBe('TCCC has no call with session id no-such-session in the last 180 days (it keeps records that long).');
  });
});

describe('abandoned calls', () => {
  it('lists only inbound 102/103/104, oldest first although TCCC lists newest first', async () => {
    const s = await sim({ historyHours: 12, callEverySeconds: 90, abandonedShare: 0.25, outboundShare: 0.2 });
    const since = nowSec() - 12 * 3600 - 60;
    const ids: string[] = [];
    const items = [];
    let cursor: string | undefined;
    do {
      const page = await adapter(s).listAbandonedCalls({ since: iso(since), ...(cursor ? { cursor } : {}) });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && items.length < 1000);
    ids.push(...items.map((c) => c.id));
    const expected = s.model
      .cdrsBetween(since, nowSec())
      .filter((c) => c.Direction === 0 && [102, 103, 104].includes(c.EndStatus))
      .sort((a, b) => a.Time - b.Time);
    expect(expected.length).toBeGreaterThan(5);
    expect(ids).toEqual(expected.map((c) => c.SessionId));
    const outcomes = new Set(items.map((c) => c.outcome));
    expect([...outcomes].every((o) => o.startsWith('abandoned_'))).toBe(true);
    expect(s.model.cdrsBetween(since, nowSec()).some((c) => c.EndStatus === 105)).toBe(true); // missed ones exist and are left out
    // The simulator really lists newest first, so the order above is the adapter's.
    const raw = s.model.cdrsBetween(since, nowSec());
    expect(raw[0]!.Time).toBeGreaterThanOrEqual(raw.at(-1)!.Time);
  });

  it('pages a burst of more than 100 without loss or repeats, and reads across day windows', async () => {
    const s = await sim({ historyHours: 0 });
    const now = nowSec();
    s.model.addCdr(cdr('two-days-ago', now - 2 * DAY, 102));
    const burst = s.burst(130);
    const seen: string[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const page = await adapter(s).listAbandonedCalls({ since: iso(now - 3 * DAY), ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(100);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      calls++;
    } while (cursor && calls < 10);
    expect(seen[0]).toBe('two-days-ago');
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(1).sort()).toEqual(burst.map((c) => c.SessionId).sort());
    const times = seen.map((id) => s.model.findCdr(id)!.Time);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});

describe('agents', () => {
  let s: TencentTcccSim;
  beforeAll(async () => {
    s = await sim({ historyHours: 0 });
  });
  afterEach(() => s.log.clear());

  it('reads each TCCC status as a normalized state, the vendor value kept', async () => {
    const center = adapter(s);
    const cases: Array<[string, string, string, string | undefined]> = [
      ['li.na@tccc-demo', 'free', 'ready', undefined],
      ['wang.fang@tccc-demo', 'busy', 'talking', undefined],
      ['zhang.wei@tccc-demo', 'rest', 'break', 'lunch'],
      ['liu.yang@tccc-demo', 'notReady', 'not_ready', 'training'],
      ['chen.jing@tccc-demo', 'afterCallWork', 'acw', undefined],
      ['zhao.lei@tccc-demo', 'offline', 'offline', undefined],
    ];
    for (const [agent, vendorState, state, reason] of cases) {
      const got = AgentState.parse(await center.getAgentState(agent));
      expect(got).toMatchObject({ agentId: agent, vendorState, state });
      expect(got.reason).toBe(reason);
      expect(got.since).toBeDefined();
    }
    expect((await center.listAgentStates()).length).toBe(s.model.staff.size);
  });

  it('names an unknown agent instead of guessing', async () => {
    await expect(adapter(s).getAgentState('nobody@tccc-demo')).rejects.toMatchObject({
      vendorCode: 'ccops.AgentNotFound',
      message: expect.stringMatching(/no such agent/),
    });
  });

  it('sets ready and break (with reason) through SetStaffStatus', async () => {
    const center = adapter(s);
    s.model.forceStatus('sun.li@tccc-demo', 'free');
    const br = await center.setAgentState({ agentId: 'sun.li@tccc-demo', target: { kind: 'break', reason: 'coffee' } });
    expect(br).toMatchObject({ status: 'done', value: { state: 'break', reason: 'coffee', vendorState: 'rest' } });
    expect(s.model.staff.get('sun.li@tccc-demo')).toMatchObject({ status: 'rest', reason: 'coffee' });
    const ready = await center.setAgentState({ agentId: 'sun.li@tccc-demo', target: { kind: 'ready' } });
    expect(ready).toMatchObject({ status: 'done', value: { state: 'ready', vendorState: 'free' } });
    expect(s.log.entries({ action: 'SetStaffStatus' }).map((e) => e.detail!.staff)).toEqual(['sun.li@tccc-demo', 'sun.li@tccc-demo']);
  });

  it('takes an agent offline with ForceMemberOffline and back with RestoreMemberOnline', async () => {
    const center = adapter(s);
    const off = await center.setAgentState({ agentId: 'li.na@tccc-demo', target: { kind: 'offline' } });
    expect(off).toMatchObject({ status: 'done', value: { state: 'offline' } });
    const on = await center.setAgentState({ agentId: 'li.na@tccc-demo', target: { kind: 'online' } });
    expect(on).toMatchObject({ status: 'done', value: { state: 'ready', vendorState: 'free' } });
    expect(s.log.entries().map((e) => e.action)).toEqual([
      'ForceMemberOffline',
      'DescribeStaffStatusMetrics',
      'RestoreMemberOnline',
      'DescribeStaffStatusMetrics',
    ]);
    await expect(
      center.setAgentState({ agentId: 'li.na@tccc-demo', target: { kind: 'online', skillGroups: ['Sales'] } }),
    ).rejects.toMatchObject({ code: 'ccops_invalid_input' });
    await expect(center.setAgentState({ agentId: 'nobody@tccc-demo', target: { kind: 'offline' } })).rejects.toMatchObject({
      vendorCode: 'InvalidParameterValue.AccountNotExist',
      retryable: false,
    });
  });

  it('surfaces a per-item ErrorCode although the SetStaffStatus call succeeded', async () => {
    const center = adapter(s);
    s.model.forceStatus('zhao.lei@tccc-demo', 'offline');
    const err = await center.setAgentState({ agentId: 'zhao.lei@tccc-demo', target: { kind: 'ready' } }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'ccops_vendor_error',
      vendorCode: 'FailedOperation.CurStateNotAllowModify',
      vendorMessage: 'staff is offline',
      retryable: false,
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect((err as Error).message).toMatch(/Bring the agent online first/);
    // The call itself carried no Response.Error.
    expect(s.log.entries({ action: 'SetStaffStatus' })).toEqual([expect.objectContaining({ status: 200 })]);
    expect(s.log.entries({ action: 'SetStaffStatus' })[0]!.error).toBeUndefined();

    s.model.forceStatus('wang.fang@tccc-demo', 'busy');
    await expect(center.setAgentState({ agentId: 'wang.fang@tccc-demo', target: { kind: 'break' } })).rejects.toMatchObject({
      vendorCode: 'FailedOperation.SeatStatusBusy',
      message: expect.stringMatching(/busy on a call/),
    });
  });

  it('sends more than 10 changes in calls of 10 and reports each agent on its own', async () => {
    const many = await sim({
      historyHours: 0,
      staff: Array.from({ length: 23 }, (_, i) => ({ email: `a${String(i).padStart(2, '0')}@tccc-demo`, status: i === 14 ? ('offline' as const) : ('free' as const) })),
    });
    const changes = Array.from({ length: 23 }, (_, i) => ({ agentId: `a${String(i).padStart(2, '0')}@tccc-demo`, status: 'rest' as const, reason: 'meeting' }));
    changes[5] = { agentId: 'ghost@tccc-demo', status: 'rest', reason: 'meeting' };
    const results = await adapter(many).setStaffStatuses(changes);
    expect(many.log.entries({ action: 'SetStaffStatus' }).map((e) => Number(e.detail!.count))).toEqual([10, 10, 3]);
    expect(results.map((r) => r.agentId)).toEqual(changes.map((c) => c.agentId));
    const failed = results.filter((r) => !r.ok).map((r) => [r.agentId, !r.ok && r.error.vendorCode]);
    expect(failed).toEqual([
      ['ghost@tccc-demo', 'InvalidParameterValue.AccountNotExist'],
      ['a14@tccc-demo', 'FailedOperation.CurStateNotAllowModify'],
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(21);
    expect(many.model.staff.get('a22@tccc-demo')).toMatchObject({ status: 'rest', reason: 'meeting' });
  });

  it('a refused batch marks its agents and the next batch still runs', async () => {
    const center = adapter(s);
    s.errors.failNext('FailedOperation.PermissionDenied', { action: 'SetStaffStatus' });
    const agents = [...s.model.staff.keys()].filter((e) => s.model.staff.get(e)!.status !== 'offline' && s.model.staff.get(e)!.status !== 'busy');
    const changes = [...agents, ...agents].slice(0, 12).map((agentId) => ({ agentId, status: 'notReady' as const }));
    const results = await center.setStaffStatuses(changes);
    expect(results.slice(0, 10).every((r) => !r.ok && r.error.vendorCode === 'FailedOperation.PermissionDenied')).toBe(true);
    expect(results.slice(10).every((r) => r.ok)).toBe(true);
  });
});

describe('errors and retries', () => {
  let s: TencentTcccSim;
  beforeAll(async () => {
    s = await sim({ historyHours: 1 });
  });
  afterEach(() => {
    s.log.clear();
    s.faults.clear();
    s.model.clock.reset();
  });

  // Every documented code reaches the user as a VendorError with a sentence and the documented retry decision.
  const table: Array<[code: string, retryableRead: boolean, retryableWrite: boolean, sentence: RegExp]> = [
    ['RequestLimitExceeded', true, true, /throttling/],
    ['RequestLimitExceeded.UinLimitExceeded', true, true, /throttling/],
    ['RequestLimitExceeded.IPLimitExceeded', true, true, /throttling/],
    ['RequestLimitExceeded.GlobalRegionUinLimitExceeded', true, true, /throttling/],
    ['InternalError', true, false, /internal error/],
    ['InternalError.DBError', true, false, /internal error/],
    ['ServiceUnavailable', true, false, /temporarily unavailable/],
    ['ResourceUnavailable', true, false, /temporarily unavailable/],
    ['AuthFailure.SecretIdNotFound', false, false, /does not know the SecretId/],
    ['AuthFailure.SignatureFailure', false, false, /rejected the request signature/],
    ['AuthFailure.TokenFailure', false, false, /token/],
    ['AuthFailure.InvalidSecretId', false, false, /not a valid Tencent Cloud key id/],
    ['AuthFailure.InvalidAuthorization', false, false, /Authorization header/],
    ['AuthFailure.MFAFailure', false, false, /multi-factor/],
    ['AuthFailure.UnauthorizedOperation', false, false, /not allowed to call/],
    ['UnauthorizedOperation', false, false, /not allowed to call/],
    ['InvalidParameter', false, false, /refused a parameter/],
    ['InvalidParameterValue', false, false, /refused a parameter/],
    ['InvalidParameterValue.InstanceNotExist', false, false, /SdkAppId/],
    ['InvalidParameterValue.AccountNotExist', false, false, /No such agent/],
    ['MissingParameter', false, false, /lacks a required parameter/],
    ['UnknownParameter', false, false, /does not know a parameter/],
    ['ResourceNotFound', false, false, /found nothing/],
    ['FailedOperation', false, false, /could not carry out/],
    ['FailedOperation.CurStateNotAllowModify', false, false, /current state does not allow/],
    ['FailedOperation.SeatStatusBusy', false, false, /busy on a call/],
    ['LimitExceeded.OutOfCountLimit', false, false, /quota/],
    ['ResourceInsufficient', false, false, /lacks the resources/],
    ['ResourceInUse', false, false, /in use/],
    ['IpNotInWhitelist', false, false, /whitelist/],
    ['IpInBlacklist', false, false, /blocks this server/],
    ['InvalidAction', false, false, /does not offer the action/],
    ['ActionOffline', false, false, /offline/],
    ['NoSuchVersion', false, false, /API version/],
    ['UnsupportedRegion', false, false, /region/],
    ['UnsupportedOperation', false, false, /does not support/],
    ['RequestSizeLimitExceeded', false, false, /too large/],
    ['InvalidRequest', false, false, /could not read/],
  ];

  it.each(table)('%s: a sentence; retryable read %s, write %s', async (code, read, write, sentence) => {
    const center = adapter(s);
    s.errors.failNext(code, { action: 'DescribeStaffStatusMetrics', message: 'vendor words' });
    const r = await center.getAgentState('agent@tccc-demo').catch((e: unknown) => e);
    expect(r).toMatchObject({ code: 'ccops_vendor_error', vendorCode: code, retryable: read, vendorMessage: 'vendor words' });
    expect((r as { requestId: string }).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect((r as Error).message).toMatch(sentence);
    s.errors.failNext(code, { action: 'SetStaffStatus' });
    const w = await center.setAgentState({ agentId: 'agent@tccc-demo', target: { kind: 'ready' } }).catch((e: unknown) => e);
    expect(w).toMatchObject({ vendorCode: code, retryable: write });
  });

  const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 };
  // Callers (the CLI, the operations queue) retry single requests from VendorError.retryable.
  const asCallersDo = <T>(fn: () => Promise<T>, write = false) => withRetry(fn, fast, { write });

  it('a caller retrying on the decision gets past throttling (exact code and sub-codes), also for a write', async () => {
    const center = adapter(s);
    s.faults.inject({ kind: 'throttle' }, { action: 'DescribeStaffStatusMetrics' });
    expect((await asCallersDo(() => center.getAgentState('agent@tccc-demo'))).agentId).toBe('agent@tccc-demo');
    s.errors.failNext('RequestLimitExceeded.UinLimitExceeded', { action: 'SetStaffStatus' });
    expect(await asCallersDo(() => center.setAgentState({ agentId: 'agent@tccc-demo', target: { kind: 'ready' } }), true)).toMatchObject({
      status: 'done',
    });
    expect(s.log.entries().map((e) => [e.action, e.error])).toEqual([
      ['DescribeStaffStatusMetrics', 'RequestLimitExceeded'],
      ['DescribeStaffStatusMetrics', undefined],
      ['SetStaffStatus', 'RequestLimitExceeded.UinLimitExceeded'],
      ['SetStaffStatus', undefined],
    ]);
  });

  it('the adapter itself retries a listing page (read) after an internal error, but a write is never repeated', async () => {
    const center = adapter(s, { retry: fast });
    s.faults.inject({ kind: 'internal' }, { action: 'DescribeTelCdr' });
    await center.searchCalls({ from: iso(nowSec() - 600), to: iso(nowSec()) });
    expect(s.log.entries({ action: 'DescribeTelCdr' }).map((e) => e.error)).toEqual(['InternalError', undefined]);
    s.faults.inject({ kind: 'internal' }, { action: 'SetStaffStatus' });
    await expect(asCallersDo(() => center.setAgentState({ agentId: 'agent@tccc-demo', target: { kind: 'ready' } }), true)).rejects.toMatchObject({
      vendorCode: 'InternalError',
      retryable: false,
      message: expect.stringMatching(/may or may not have been applied/),
    });
    expect(s.log.entries({ action: 'SetStaffStatus' })).toHaveLength(1);
  });

  it('a throttled page in the middle of a listing is retried without re-reading earlier pages', async () => {
    const center = adapter(s, { retry: fast });
    const from = iso(nowSec() - 3600 - 600);
    const to = iso(nowSec());
    const all = await center.searchCalls({ from, to, pageSize: 100 });
    s.log.clear();
    // Page size 5 over ~60 calls: throttle the 2nd request only.
    let first = true;
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await center.searchCalls({ from, to, pageSize: 5, ...(cursor ? { cursor } : {}) });
      if (first) {
        s.faults.inject({ kind: 'throttle' }, { action: 'DescribeTelCdr' });
        first = false;
      }
      ids.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual(all.items.map((c) => c.id));
    const pages = s.log.entries({ action: 'DescribeTelCdr' }).map((e) => [e.detail!.page, e.error]);
    expect(pages.slice(0, 3)).toEqual([['0', undefined], ['1', 'RequestLimitExceeded'], ['1', undefined]]);
  });

  it('re-signs once with a fresh timestamp when the signature expired', async () => {
    let calls = 0;
    // The first signing happens with a clock 10 minutes behind (a request delayed before sending).
    const now = () => new Date(Date.now() - (calls++ === 0 ? 600_000 : 0));
    const center = adapter(s, { now });
    const state = await center.getAgentState('agent@tccc-demo');
    expect(state.agentId).toBe('agent@tccc-demo');
    expect(s.log.entries().map((e) => e.error)).toEqual(['AuthFailure.SignatureExpire', undefined]);
  });

  it('gives up after one re-sign when the clock stays wrong, telling the user to sync it', async () => {
    s.model.clock.advance(10 * 60_000);
    const center = adapter(s, { retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 } });
    const err = await center.getAgentState('agent@tccc-demo').catch((e: unknown) => e);
    expect(err).toMatchObject({ vendorCode: 'AuthFailure.SignatureExpire', retryable: false });
    expect((err as Error).message).toMatch(/Synchronise the clock/);
    expect(s.log.entries().map((e) => e.error)).toEqual(['AuthFailure.SignatureExpire', 'AuthFailure.SignatureExpire']);
  });

  it('real credential failures: wrong key, unknown SecretId, wrong SdkAppId', async () => {
    const wrongKey = adapter(s, { profile: profileOf(s, {}, { CCOPS_DEMO_TCCC_SECRET_KEY: 'not-the-key' }) });
    await expect(wrongKey.getAgentState('agent@tccc-demo')).rejects.toMatchObject({ vendorCode: 'AuthFailure.SignatureFailure', retryable: false });
    const unknownId = adapter(s, { profile: profileOf(s, { secretId: 'AKIDunknown' }) });
    await expect(unknownId.getAgentState('agent@tccc-demo')).rejects.toMatchObject({ vendorCode: 'AuthFailure.SecretIdNotFound' });
    const otherApp = adapter(s, { profile: profileOf(s, { sdkAppId: 1400999999 }) });
    await expect(otherApp.getAgentState('agent@tccc-demo')).rejects.toMatchObject({
      vendorCode: 'InvalidParameterValue.InstanceNotExist',
      message: expect.stringMatching(/Check sdkAppId/),
    });
  });

  it('sends X-TC-Token for temporary credentials, and the simulator requires it', async () => {
    const t = await sim({ historyHours: 0, token: 'sts-token-1' });
    expect(t.demo.profile).toHaveProperty('token', { env: 'CCOPS_DEMO_TCCC_SECRET_KEY_TOKEN' });
    expect((await adapter(t).getAgentState('agent@tccc-demo')).state).toBe('ready');
    const { token: _t, ...noToken } = t.demo.profile;
    const config = parseConfig({ centers: { sz: noToken } }, { env: t.demo.env });
    const without = new TencentTcccAdapter({ center: 'sz', profile: config.centers.sz as TcccProfile, transport, retry: false });
    await expect(without.getAgentState('agent@tccc-demo')).rejects.toMatchObject({ vendorCode: 'AuthFailure.TokenFailure' });
  });

  it('accepts an injected signing step (as the n8n credential signs), e.g. the SDK style content-type;host', async () => {
    const profile = profileOf(s);
    const center = adapter(s, {
      sign: (req) => ({
        Authorization: signTc3(
          { ...req, service: 'ccc', signedHeaders: ['content-type', 'host'] },
          { secretId: profile.secretId, secretKey: profile.secretKey.reveal() },
        ).authorization,
      }),
    });
    expect((await center.getAgentState('agent@tccc-demo')).agentId).toBe('agent@tccc-demo');
    const unsigned = adapter(s, { sign: () => ({}) });
    await expect(unsigned.getAgentState('agent@tccc-demo')).rejects.toMatchObject({ vendorCode: 'AuthFailure.InvalidAuthorization' });
    // Signing in the transport layer, the way an n8n credential's authenticate step does.
    const signingTransport = {
      send: (req: HttpRequest) =>
        transport.send({ ...req, headers: { ...req.headers, ...authorizeTcccRequest(req, tc3Sign({ secretId: profile.secretId, secretKey: profile.secretKey })) } }),
      close: async () => {},
    };
    const viaTransport = new TencentTcccAdapter({ center: 'sz', profile, transport: signingTransport, retry: false, sign: () => ({}) });
    expect((await viaTransport.getAgentState('agent@tccc-demo')).agentId).toBe('agent@tccc-demo');
    // The default signer is the same TC3 with x-tc-action signed too.
    expect(tc3Sign({ secretId: 'AKID', secretKey: 'k' })({ action: 'A', timestamp: 1551113065, host: 'h', contentType: 'c', body: '' }).Authorization).toMatch(
      /SignedHeaders=content-type;host;x-tc-action/,
    );
  });

  it('a dropped connection is a transport error; a read is retried past it', async () => {
    s.faults.inject({ kind: 'drop' }, { action: 'DescribeStaffStatusMetrics' });
    await expect(adapter(s).getAgentState('agent@tccc-demo')).rejects.toMatchObject({ code: 'ccops_transport_error' });
    s.faults.inject({ kind: 'drop' }, { action: 'DescribeStaffStatusMetrics' });
    expect((await asCallersDo(() => adapter(s).getAgentState('agent@tccc-demo'))).agentId).toBe('agent@tccc-demo');
  });

  it('listings ride out the 20-a-second limit with the default retry policy', async () => {
    const limited = await sim({ historyHours: 1, rateLimitPerSecond: 3 });
    const center = new TencentTcccAdapter({ center: 'sz', profile: profileOf(limited), transport });
    const since = iso(nowSec() - 3600);
    const pages = await Promise.all(Array.from({ length: 6 }, () => center.listAbandonedCalls({ since })));
    expect(new Set(pages.map((p) => p.items.length)).size).toBe(1);
    expect(limited.log.entries({ error: 'RequestLimitExceeded' }).length).toBeGreaterThan(0);
  });
});
