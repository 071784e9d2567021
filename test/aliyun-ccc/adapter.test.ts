// The CCC adapter against the simulator over real HTTP: every operation, the
// state machine's refusals, conferences that answer / time out, call search
// and the abandoned listing, and bad input refused before any request.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AgentState, CallRecord, Conference, outcomeSchema } from '../../shared/domain.ts';
import type { Transport } from '../../shared/http.ts';
import type { ContactCenter } from '../../shared/port.ts';
import { type AliyunCccSim, startAliyunCccSim } from '../../sim/aliyun-ccc/index.ts';
import { cccCenter, thrown } from './helpers.ts';

let sim: AliyunCccSim;
let center: ContactCenter;
let transport: Transport;
const AGENT = 'agent@ccc-test';

beforeAll(async () => {
  sim = await startAliyunCccSim({ seed: 7, abandonedShare: 0.5, historyHours: 24, callEverySeconds: 120 });
  ({ center, transport } = cccCenter(sim));
});
afterAll(async () => {
  await transport.close();
  await sim.close();
});
beforeEach(() => {
  sim.log.clear();
  sim.faults.clear();
  sim.errors.clear();
  sim.model.behaviour.clear();
  for (const a of sim.model.agents.values()) a.jobId = undefined;
  sim.model.setAgentState(AGENT, 'READY');
});

const conferenceOutcome = outcomeSchema(Conference);

describe('capabilities', () => {
  it('CCC offers every operation', () => {
    expect(Object.values(center.capabilities).every((c) => c.supported)).toBe(true);
    expect(center.vendor).toBe('aliyun-ccc');
  });
});

describe('probe', () => {
  it('says the instance answers and how many agents it has, changing nothing', async () => {
    expect(await center.probe!()).toBe(`instance ccc-test answers (${sim.model.agents.size} agents)`);
    expect(sim.log.entries().map((e) => e.action)).toEqual(['ListRealtimeAgentStates']);
  });
});

describe('agent state', () => {
  it('reads an agent with ListRealtimeAgentStates (AgentIdList in the form body)', async () => {
    sim.model.setAgentState(AGENT, 'BREAK', 'lunch');
    const s = await center.getAgentState(AGENT);
    expect(AgentState.parse(s)).toEqual(s);
    expect(s).toMatchObject({ agentId: AGENT, state: 'break', reason: 'lunch', vendorState: 'Break' });
    expect(sim.log.entries()).toMatchObject([{ action: 'ListRealtimeAgentStates', status: 200, detail: { AgentIdList: AGENT } }]);
  });

  it('a bare login is this instance’s agent', async () => {
    expect((await center.getAgentState('zhao.lei')).agentId).toBe('zhao.lei@ccc-test');
  });

  it('an agent the instance does not have is a NotExists.UserId VendorError', async () => {
    expect(await thrown(() => center.getAgentState('nobody@ccc-test'))).toMatchObject({
      code: 'ccops_vendor_error',
      vendorCode: 'NotExists.UserId',
      retryable: false,
      message: expect.stringContaining('nobody@ccc-test'),
    });
  });

  it('break, ready, offline, online: each answers with the new state and the simulator agrees', async () => {
    const brk = await center.setAgentState({ agentId: AGENT, target: { kind: 'break', reason: 'lunch' } });
    expect(brk).toMatchObject({ status: 'done', value: { state: 'break', reason: 'lunch', vendorState: 'BREAK' } });
    expect(sim.model.agents.get(AGENT)).toMatchObject({ state: 'BREAK', breakCode: 'lunch' });

    expect(await center.setAgentState({ agentId: AGENT, target: { kind: 'ready' } })).toMatchObject({ status: 'done', value: { state: 'ready' } });
    // SignOutGroup answers Code "200" (as its doc sample does); HTTP 2xx is what counts.
    expect(await center.setAgentState({ agentId: AGENT, target: { kind: 'offline' } })).toMatchObject({
      status: 'done',
      value: { state: 'offline', skillGroups: [] },
    });
    const online = await center.setAgentState({ agentId: AGENT, target: { kind: 'online' } });
    expect(online).toMatchObject({
      status: 'done',
      value: { state: 'break', reason: 'Warm-up', skillGroups: ['skillgroup1@ccc-test', 'support@ccc-test'] },
    });
    expect(sim.log.entries().map((e) => e.action)).toEqual([
      'TakeBreak',
      'ReadyForService',
      'SignOutGroup',
      'ListRealtimeAgentStates', // online without groups: the agent's own groups
      'SignInGroup',
    ]);
    expect((await center.getAgentState(AGENT)).state).toBe('break');
  });

  it('online with named groups signs in to those only; a group the agent lacks is Permission.SkillGroup', async () => {
    sim.model.setAgentState(AGENT, 'OFFLINE');
    const r = await center.setAgentState({ agentId: AGENT, target: { kind: 'online', skillGroups: ['support@ccc-test'] } });
    expect(r).toMatchObject({ value: { skillGroups: ['support@ccc-test'] } });
    expect(await thrown(() => center.setAgentState({ agentId: AGENT, target: { kind: 'online', skillGroups: ['vip@ccc-test'] } }))).toMatchObject({
      vendorCode: 'Permission.SkillGroup',
      httpStatus: 403,
      retryable: false,
    });
  });

  it.each([
    ['ready', 'OFFLINE', 'InvalidOperation.UserState'],
    ['break', 'OFFLINE', 'InvalidOperation.UserState'],
    ['offline', 'OFFLINE', 'InvalidOperation.UserState'],
    ['ready', 'TALKING', 'InvalidOperation.UserState'],
    ['break', 'RINGING', 'InvalidOperation.UserState'],
    ['offline', 'TALKING', 'InvalidOperation.ChannelState'],
  ] as const)('%s while %s is refused with %s (400, not retryable)', async (kind, state, code) => {
    sim.model.setAgentState(AGENT, state);
    const e = await thrown(() => center.setAgentState({ agentId: AGENT, target: { kind } as never }));
    expect(e).toMatchObject({ code: 'ccops_vendor_error', vendorCode: code, httpStatus: 400, retryable: false, requestId: expect.any(String) });
    expect(e.message).toMatch(/state/);
    expect(sim.model.agents.get(AGENT)!.state).toBe(state);
  });
});

describe('conferences', () => {
  it('ringing legs are pending; the poll says done once they answer', async () => {
    const started = await center.startConference({ agentId: AGENT, participants: ['13175112345', '8001'], tags: 'case-42' });
    expect(conferenceOutcome.parse(started)).toEqual(started);
    expect(started).toMatchObject({ status: 'pending', pollAfterMs: 2000, value: { chair: AGENT } });
    if (started.status !== 'pending') throw new Error('unreachable');
    expect(started.progress).toMatch(/^calling \d+\*{4}, calling 8001$/);
    const job = sim.model.jobs.get(started.value!.id)!;
    expect(job.legs.map((l) => l.destination)).toEqual(['13175112345', '8001']);
    expect(job.tags).toBe('case-42');
    expect(job.timeoutMs).toBe(30_000);

    // Polled by another adapter (another process: nothing shared but the token and the configuration).
    const { center: elsewhere, transport: elsewhereTransport } = cccCenter(sim);
    sim.clock.advance(1_500);
    const ringing = await elsewhere.pollOutcome(started.token);
    expect(ringing).toMatchObject({ status: 'pending', progress: 'ringing 1317511****, ringing 8001' });

    sim.clock.advance(2_000);
    const answered = await elsewhere.pollOutcome(started.token);
    await elsewhereTransport.close();
    expect(answered).toMatchObject({
      status: 'done',
      value: { participants: [{ kind: 'phone', state: 'joined' }, { kind: 'agent', address: '8001', state: 'joined' }] },
    });
    expect(sim.log.entries().map((e) => e.action)).toEqual(['StartConference', 'PollUserStatus', 'PollUserStatus']);
  });

  it('the pending token holds no full phone number, nor does the shown result', async () => {
    const numbers = ['13175112345', '+8613900003333'];
    const started = await center.startConference({ agentId: AGENT, participants: [...numbers, '8001'] });
    if (started.status !== 'pending') throw new Error(`expected pending, got ${started.status}`);
    const decoded = Buffer.from(started.token.replace(/^ccc\d+\./, ''), 'base64url').toString('utf8');
    const token = JSON.parse(decoded) as { participants: unknown[] };
    expect(token.participants).toEqual([
      { kind: 'phone', masked: '1317511****', hash: expect.stringMatching(/^[0-9a-f]{24}$/) },
      { kind: 'phone', masked: '+861390****', hash: expect.stringMatching(/^[0-9a-f]{24}$/) },
      { kind: 'agent', address: '8001' },
    ]);
    for (const text of [started.token, decoded]) expect(text).not.toMatch(/75112345|13900003333/);
    // No run of 8+ digits in what the token says about participants (the mask keeps at most 7).
    expect(JSON.stringify(token.participants)).not.toMatch(/\d{8,}/);
    expect(started.value!.participants.map((p) => p.address)).toEqual(['1317511****', '+861390****', '8001']);
    expect(started.progress).toBe('calling 1317511****, calling +861390****, calling 8001');
  });

  it('a token of another format version or another key is a failed outcome with a sentence', async () => {
    const old = 'ccc1.' + Buffer.from(JSON.stringify({ kind: 'conference', participants: [{ address: '13175112345', kind: 'phone' }] })).toString('base64url');
    expect(await center.pollOutcome(old)).toMatchObject({ status: 'failed', code: 'token_version', reason: expect.stringMatching(/older ccops.*start it again/) });
    expect(await center.pollOutcome('ccc3.e30')).toMatchObject({ status: 'failed', code: 'token_version', reason: expect.stringContaining('newer ccops') });

    const started = await center.startConference({ agentId: AGENT, participants: ['13175112345'] });
    if (started.status !== 'pending') throw new Error('expected pending');
    const secretEnv = Object.keys(sim.demo.env).filter((k) => /secret/i.test(k));
    expect(secretEnv.length).toBeGreaterThan(0);
    const { center: rotated, transport: t2 } = cccCenter(sim, { env: Object.fromEntries(secretEnv.map((k) => [k, 'a-rotated-secret'])) });
    expect(await rotated.pollOutcome(started.token)).toMatchObject({ status: 'failed', code: 'token_key', reason: expect.stringContaining('other credentials') });
    await t2.close();
    sim.log.clear();
  });

  it('agent ids as participants are dialled at their extensions', async () => {
    const r = await center.startConference({ agentId: AGENT, participants: ['li.na'] });
    expect(r.value!.participants).toEqual([{ address: '8001', kind: 'agent', state: 'calling' }]);
    expect(sim.log.entries().map((e) => e.action)).toEqual(['ListRealtimeAgentStates', 'StartConference']);
  });

  it('no answer by the deadline fails with "no answer after 30 s"', async () => {
    sim.model.behaviour.set('13900001111', 'no_answer');
    const started = await center.startConference({ agentId: AGENT, participants: ['13900001111'], timeoutSeconds: 30 });
    if (started.status !== 'pending') throw new Error(`expected pending, got ${started.status}`);
    sim.clock.advance(20_000);
    expect((await center.pollOutcome(started.token)).status).toBe('pending');
    sim.clock.advance(12_000);
    const o = await center.pollOutcome(started.token);
    expect(o).toMatchObject({ status: 'failed', code: 'no_answer', reason: 'No answer from 1390000**** after 30 s.' });
  });

  it('a busy participant fails the conference with the reason', async () => {
    sim.model.behaviour.set('13900002222', 'busy');
    const started = await center.startConference({ agentId: AGENT, participants: ['13900002222'] });
    if (started.status !== 'pending') throw new Error('expected pending');
    sim.clock.advance(1_500);
    expect(await center.pollOutcome(started.token)).toMatchObject({ status: 'failed', code: 'call_failed', reason: expect.stringContaining('486') });
  });

  it('endConference ends it: legs released, host in after-call work, a record exists', async () => {
    const started = await center.startConference({ agentId: AGENT, participants: ['13175112345'] });
    sim.clock.advance(3_500);
    const ended = await center.endConference({ conferenceId: started.value!.id, agentId: AGENT });
    expect(conferenceOutcome.parse(ended)).toEqual(ended);
    expect(ended).toMatchObject({ status: 'done', value: { id: started.value!.id, participants: [{ state: 'left' }] } });
    expect((await center.getAgentState(AGENT)).state).toBe('acw');
    if (started.status === 'pending') {
      expect(await center.pollOutcome(started.token)).toMatchObject({ status: 'failed', code: 'ended' });
    }
    const record = await center.getCall(started.value!.id);
    expect(record).toMatchObject({ id: started.value!.id, direction: 'other', outcome: 'answered', agents: [AGENT] });
  });

  it('vendor refusals: unknown extension (NotExists.Number), offline host, unknown agent participant, ending a call one is not in', async () => {
    expect(await thrown(() => center.startConference({ agentId: AGENT, participants: ['8099'] }))).toMatchObject({
      vendorCode: 'NotExists.Number',
      httpStatus: 404,
    });
    expect(await thrown(() => center.startConference({ agentId: AGENT, participants: ['nobody'] }))).toMatchObject({
      vendorCode: 'NotExists.UserId',
    });
    expect(await thrown(() => center.endConference({ conferenceId: 'job-1', agentId: AGENT }))).toMatchObject({
      vendorCode: 'InvalidOperation.ChannelState',
    });
    sim.model.setAgentState(AGENT, 'OFFLINE');
    expect(await thrown(() => center.startConference({ agentId: AGENT, participants: ['13175112345'] }))).toMatchObject({
      vendorCode: 'InvalidOperation.UserState',
    });
  });

  it('a token from elsewhere is InvalidInput', async () => {
    expect(await thrown(() => center.pollOutcome('garbage'))).toMatchObject({ code: 'ccops_invalid_input' });
    expect(sim.log.entries()).toEqual([]);
  });
});

describe('bad input is refused before any request', () => {
  it.each([
    ['no participants', () => center.startConference({ agentId: AGENT, participants: [] }), /participant/],
    ['a malformed phone number', () => center.startConference({ agentId: AGENT, participants: ['1317-abc'] }), /Invalid participant/],
    ['a too short number', () => center.startConference({ agentId: AGENT, participants: ['12'] }), /Invalid participant/],
    ['an unknown agent (another instance)', () => center.startConference({ agentId: 'bob@other-instance', participants: ['13175112345'] }), /Unknown agent/],
    ['an unknown participant agent', () => center.startConference({ participants: ['bob@other-instance'] }), /Unknown agent/],
    ['Tags over 128 bytes', () => center.startConference({ agentId: AGENT, participants: ['13175112345'], tags: '标'.repeat(43) }), /128 bytes/],
    ['a timeout out of range', () => center.startConference({ agentId: AGENT, participants: ['13175112345'], timeoutSeconds: 0 }), /timeoutSeconds/],
    ['an empty conference id', () => center.endConference({ conferenceId: '' }), /conferenceId/],
    ['an unknown agent for state', () => center.getAgentState('x@elsewhere'), /Unknown agent/],
    ['a bad state target', () => center.setAgentState({ agentId: AGENT, target: { kind: 'sleep' } } as never), /target/],
    ['an empty call id', () => center.getCall(' '), /call id/],
    ['a window that ends before it starts', () => center.searchCalls({ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }), /before its end/],
    ['a bad cursor', () => center.searchCalls({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', cursor: 'abc' }), /cursor/],
    ['a bad since', () => center.listAbandonedCalls({ since: 'yesterday' }), /since/],
  ] as const)('%s', async (_, call, message) => {
    const e = await thrown(call);
    expect(e).toMatchObject({ code: 'ccops_invalid_input' });
    expect(String(e.message)).toMatch(message);
    expect(sim.log.entries()).toEqual([]);
  });
});

describe('calls', () => {
  const window = () => ({ from: new Date(sim.clock.nowMs() - 24 * 3600e3).toISOString(), to: sim.clock.now().toISOString() });

  it('getCall maps GetCallDetailRecord; an unknown id is NotExists.ContactId', async () => {
    const known = sim.model.calls.find((c) => c.ContactDisposition === 'Success' && c.ContactType === 'INBOUND')!;
    const r = await center.getCall(known.ContactId);
    expect(CallRecord.parse(r)).toEqual(r);
    expect(r).toMatchObject({
      id: known.ContactId,
      direction: 'inbound',
      outcome: 'answered',
      caller: known.CallingNumber,
      answeredAt: new Date(known.EstablishedTime!).toISOString(),
      durations: { total: known.CallDuration, talk: known.TalkTime },
      queuedAt: expect.any(String),
    });
    expect(await thrown(() => center.getCall('job-0'))).toMatchObject({ vendorCode: 'NotExists.ContactId', retryable: false });
  });

  it('searchCalls pages through the window newest first, every record once', async () => {
    const w = window();
    const inWindow = sim.model.calls.filter((c) => c.StartTime >= Date.parse(w.from) && c.StartTime <= Date.parse(w.to));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await center.searchCalls({ ...w, pageSize: 100, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((c) => c.id));
      expect(page.total).toBe(inWindow.length);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toEqual(inWindow.map((c) => c.ContactId).reverse());
  });

  it('searchCalls filters by number, agent and outcome (as a ContactDispositionList)', async () => {
    const w = window();
    const target = sim.model.calls.find((c) => c.ContactType === 'INBOUND')!;
    const byNumber = await center.searchCalls({ ...w, number: target.CallingNumber });
    expect(byNumber.items.map((c) => c.id)).toContain(target.ContactId);
    expect(byNumber.items.every((c) => c.caller === target.CallingNumber || c.callee === target.CallingNumber)).toBe(true);

    const byAgent = await center.searchCalls({ ...w, agentId: 'zhao.lei', pageSize: 100 });
    expect(byAgent.items.length).toBeGreaterThan(0);
    expect(byAgent.items.every((c) => c.agents.includes('zhao.lei@ccc-test'))).toBe(true);

    const queue = await center.searchCalls({ ...w, outcomes: ['abandoned_in_queue'], pageSize: 100 });
    expect(queue.items.length).toBeGreaterThan(0);
    expect(new Set(queue.items.map((c) => c.outcome))).toEqual(new Set(['abandoned_in_queue']));
    expect(queue.total).toBe(
      sim.model.calls.filter(
        (c) => c.StartTime >= Date.parse(w.from) && ['AbandonedInQueue', 'QueuingTimeout', 'QueuingOverflow', 'QueuingFailed'].includes(c.ContactDisposition),
      ).length,
    );
  });

  it('outcome "failed" (anything unknown) cannot be a disposition list, so it is filtered after reading', async () => {
    const w = window();
    const odd = { ...sim.model.calls.at(-1)!, ContactId: 'job-odd-1', ContactDisposition: 'SomethingNew', StartTime: sim.clock.nowMs() - 60_000 };
    sim.model.addCall(odd);
    const page = await center.searchCalls({ ...w, outcomes: ['failed'], pageSize: 100 });
    expect(page.items.map((c) => c.id)).toContain('job-odd-1');
    expect(page.items.every((c) => c.outcome === 'failed' && c.vendorOutcome !== 'Success')).toBe(true);
  });

  it('listAbandonedCalls: a burst comes back oldest first, inbound and abandoned only', async () => {
    const since = new Date(sim.clock.nowMs() - 2 * 60_000).toISOString();
    const burst = sim.burst(5);
    const page = await center.listAbandonedCalls({ since });
    const ids = page.items.map((c) => c.id);
    for (const b of burst) expect(ids).toContain(b.ContactId);
    expect(page.items.every((c) => c.direction === 'inbound' && c.outcome.startsWith('abandoned'))).toBe(true);
    const starts = page.items.map((c) => Date.parse(c.startedAt!));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('listAbandonedCalls pages over a day of traffic with a fixed window end', async () => {
    const since = new Date(sim.clock.nowMs() - 24 * 3600e3).toISOString();
    const abandoned = new Set(['AbandonedInQueue', 'AbandonedInRing', 'AbandonedInIVR', 'QueuingTimeout', 'QueuingOverflow']);
    const expected = sim.model.calls.filter((c) => c.ContactType === 'INBOUND' && abandoned.has(c.ContactDisposition) && c.StartTime >= Date.parse(since));
    expect(expected.length).toBeGreaterThan(100); // so paging is exercised
    const seen: string[] = [];
    let cursor: string | undefined;
    let first = true;
    while (first || cursor) {
      first = false;
      const page = await center.listAbandonedCalls({ since, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((c) => c.id));
      // Calls that start after the first page's moment do not shift later pages.
      sim.clock.advance(10 * 60_000);
      sim.burst(1);
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(expected.map((c) => c.ContactId));
  });
});
