// The Huawei agent session over time: long polls, Guid rotation, the 2-minute
// sign-out gap, slow subscribers, and outcomes answered in another process.
//
// HUAWEI_SOAK=1 runs the sign-out test at the gateway's real figures: a
// 2-minute gap, 10-second long polls, a 3-minute run.
import { afterEach, describe, expect, it } from 'vitest';
import type { Conference, Outcome } from '../../shared/domain.ts';
import { UndiciTransport } from '../../shared/http.ts';
import type { HuaweiEventEnvelope } from '../../shared/vendors/huawei-aicc/events.ts';
import { HuaweiAgentSession } from '../../shared/vendors/huawei-aicc/session.ts';
import { type Harness, settle, startHarness, until } from './harness.ts';

const SOAK = process.env.HUAWEI_SOAK === '1';
const GAP_MS = SOAK ? 120_000 : 1_500;
const RUN_MS = SOAK ? 180_000 : 4_000;
const HOLD_MS = SOAK ? 10_000 : 400;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const pollEntries = (x: Harness) => x.sim.log.entries({ action: 'getAgentEvent' });
const nonPoll = (x: Harness) =>
  x.sim.log
    .entries()
    .filter((e) => e.action !== 'getAgentEvent')
    .map((e) => e.action + (e.error ? `:${e.error}` : ''));

describe('long poll', () => {
  it('a conference requested while the poller is inside a 10 s long poll completes from that poll', async () => {
    const x = (h = await startHarness({ sim: { pollHoldMs: 10_000 } }));
    await x.adapter.signIn();
    await until(() => x.sim.model.agent('291')!.waiter !== undefined, 'the poller to be inside a long poll');
    const logged = x.sim.log.entries().length;
    const first = await x.adapter.startConference({ participants: ['13175112345'] });
    const out = await settle(first, (t) => x.adapter.pollOutcome(t));
    expect(out).toMatchObject({ status: 'done', value: { id: '1030400' } });
    // The poll that was waiting when the request went out answered with the first event, not after its hold.
    const answered = x.sim.log.entries().slice(logged).find((e) => e.action === 'getAgentEvent');
    expect(answered?.detail?.event).toBe('AgentState_Busy');
    expect(pollEntries(x).every((e) => e.detail?.event)).toBe(true); // no poll ran out its 10 s
  }, 30_000);
});

describe('Guid rotation', () => {
  it('rotation on every poll in the middle of a sequence breaks nothing and needs no new sign-in', async () => {
    // Polls held 50 ms and a new Guid on every answer: many rotations during each step.
    const x = (h = await startHarness({ sim: { guidRotateMs: 0, guidGraceMs: 5_000, pollHoldMs: 50 } }));
    await x.adapter.signIn('292');
    const conf = (await settle(await x.adapter.startConference({ participants: ['292', '13175112345'] }), (t) =>
      x.adapter.pollOutcome(t),
    )) as Outcome<Conference>;
    expect(conf.status).toBe('done');
    expect(await x.adapter.endConference({ conferenceId: '1030400' })).toMatchObject({ status: 'done' });
    const brk = await settle(await x.adapter.setAgentState({ agentId: '291', target: { kind: 'break', reason: 'lunch' } }), (t) =>
      x.adapter.pollOutcome(t),
    );
    expect(brk).toMatchObject({ status: 'done' });
    expect(await x.adapter.setAgentState({ agentId: '291', target: { kind: 'ready' } })).toMatchObject({ status: 'done' });
    const a = x.sim.model.agent('291')!;
    expect(a.guids.length).toBeGreaterThan(5);
    expect(a.signIns).toBe(1);
    expect(nonPoll(x).filter((s) => s.includes(':000-003') || s.startsWith('forceLogin'))).toEqual([]);
    // Operations really used rotated Guids, not the first one throughout.
    const used = new Set(x.sim.log.entries().filter((e) => e.action !== 'getAgentEvent' && e.detail?.guid).map((e) => e.detail!.guid));
    expect(used.size).toBeGreaterThan(1);
  }, 30_000);

  it('with old Guids dying at once (no grace), a sequence still completes', async () => {
    const x = (h = await startHarness({ sim: { guidRotateMs: 0, guidGraceMs: 0, pollHoldMs: 200 } }));
    await x.adapter.signIn();
    for (let i = 0; i < 5; i++) {
      const s = await x.adapter.getAgentState('291');
      expect(s.state).toBe('ready');
      const b = await x.adapter.setAgentState({ agentId: '291', target: { kind: 'break', reason: 'busy' } });
      expect(b).toMatchObject({ status: 'done', value: { state: 'not_ready' } });
      expect(await x.adapter.setAgentState({ agentId: '291', target: { kind: 'ready' } })).toMatchObject({ status: 'done' });
    }
    const conf = await settle(await x.adapter.startConference({ participants: ['13175112345'] }), (t) => x.adapter.pollOutcome(t));
    expect(conf.status).toBe('done');
    expect(x.sim.model.agent('291')!.guids.length).toBeGreaterThan(5);
  }, 30_000);
});

describe('staying signed in', () => {
  it(
    `stays signed in across ${RUN_MS / 1000} s with a ${GAP_MS / 1000} s sign-out gap, even with a stuck subscriber`,
    async () => {
      const x = (h = await startHarness({
        sim: { signOutAfterMs: GAP_MS, pollHoldMs: HOLD_MS, guidRotateMs: SOAK ? 60_000 : 500, trafficIntervalMs: 300, trafficTalkMs: 200 },
      }));
      const fast: HuaweiEventEnvelope[] = [];
      let slowStarted = 0;
      x.adapter.onEvent((e) => void fast.push(e));
      // A subscriber that never finishes its first delivery.
      x.adapter.onEvent(() => {
        slowStarted++;
        return new Promise<void>(() => {});
      });
      await x.adapter.signIn();
      x.sim.traffic.start();
      await new Promise((r) => setTimeout(r, RUN_MS));
      x.sim.traffic.stop();
      const a = x.sim.model.agent('291')!;
      expect(a.signedIn).toBe(true);
      expect(a.signOuts).toEqual([]);
      expect(a.signIns).toBe(1);
      expect(fast.length).toBeGreaterThan(3);
      expect(slowStarted).toBe(1);
      // The poller never left a gap anywhere near the sign-out limit.
      const times = pollEntries(x).map((e) => Date.parse(e.at));
      const widest = Math.max(...times.slice(1).map((t, i) => t - times[i]!));
      expect(widest).toBeLessThan(GAP_MS);
    },
    RUN_MS + 30_000,
  );

  it('an agent left unpolled is signed out by the simulator, and the poller signs it in again', async () => {
    const x = (h = await startHarness({ sim: { signOutAfterMs: 300, pollHoldMs: 100 } }));
    await x.adapter.signIn();
    x.sim.faults.inject({ kind: 'slow', ms: 700 }, { action: 'getAgentEvent' }); // one poll held past the gap
    await until(() => x.sim.model.agent('291')!.signOuts.includes('unpolled'), 'the unpolled sign-out');
    await until(() => x.sim.model.agent('291')!.signedIn, 'the poller to sign in again');
    expect(nonPoll(x).filter((s) => s.startsWith('login'))).toEqual(['login', 'login']);
  });
});

describe('outcomes in another process', () => {
  it('pollOutcome answers from events fed in (a Redis bridge), without signing in', async () => {
    const x = (h = await startHarness());
    const worker = x.another();
    // The bridge: forward what the owner's poller received, as JSON, to the other process.
    x.adapter.onEvent((e, origin) => {
      if (origin === 'local') worker.feedEvent(JSON.parse(JSON.stringify(e)));
    });
    const fedBack: string[] = [];
    worker.onEvent((e, origin) => void fedBack.push(`${origin}:${e.event.eventType}`));
    const first = await x.adapter.startConference({ participants: ['13175112345'] });
    if (first.status !== 'pending') throw new Error('expected pending');
    const out = await settle(first, (t) => worker.pollOutcome(t));
    expect(out).toMatchObject({ status: 'done', value: { id: '1030400', chair: '291' } });
    expect(worker.signedInAgents).toEqual([]);
    expect(nonPoll(x).filter((s) => s.startsWith('login'))).toEqual(['login']);
    expect(fedBack.every((s) => s.startsWith('fed:'))).toBe(true);
    // A duplicate delivery from the stream is ignored.
    const again = x.adapter.events.eventsFor('291')[0]!;
    expect(worker.feedEvent(again)).toBe(false);
    // A damaged token is refused with a sentence.
    await expect(worker.pollOutcome('hwaicc2.e30')).rejects.toMatchObject({ code: 'ccops_invalid_input' });
    // One of another format version is a failed outcome that says so.
    expect(await worker.pollOutcome('hwaicc1.e30')).toMatchObject({ status: 'failed', code: 'token_version' });
  });
});

describe('handing an agent over to another process', () => {
  it('releaseAgent stops polling and forgets the session without signing out; the old session never signs in again', async () => {
    const x = (h = await startHarness({ sim: { pollHoldMs: 200 } }));
    await x.adapter.signIn('291');
    await until(() => pollEntries(x).length >= 1, 'the first poll');
    // This one lets go (the bridge lost the lease) and another process takes the agent over (forcelogin).
    await x.adapter.releaseAgent('291');
    expect(x.adapter.signedInAgents).toEqual([]);
    expect(x.sim.model.agent('291')!.signedIn).toBe(true); // not signed out
    const other = x.another();
    await other.signIn('291');
    const mark = x.sim.log.entries().length;
    const pollsOfOther = () => x.sim.log.entries().slice(mark).filter((e) => e.action === 'getAgentEvent' && !e.error).length;
    await until(() => pollsOfOther() >= 3, 'the new holder to poll');
    const after = x.sim.log.entries().slice(mark);
    // The old poller is gone (its Guid is dead: a poll of it would fail) and nothing signs in or out.
    expect(after.map((e) => e.action + (e.error ? `:${e.error}` : '')).filter((a) => a !== 'getAgentEvent')).toEqual([]);
    expect(x.sim.model.agent('291')!.signedIn).toBe(true);
    // Closing the old adapter does not sign the new holder out.
    await x.adapter.close();
    expect(x.sim.log.entries({ action: 'logout' })).toEqual([]);
    expect((await other.getAgentState('291')).raw).not.toMatchObject({ signedIn: false });
  });

  it('a released session refuses to sign in again, even for an operation already queued', async () => {
    const x = (h = await startHarness());
    const creds = { agentId: '291', password: x.profile.password, phoneNumber: x.profile.phoneNumber };
    const transport = new UndiciTransport();
    const old = new HuaweiAgentSession({ transport, gatewayUrl: x.profile.gatewayUrl, agent: creds });
    await old.signIn();
    await x.another().signIn('291'); // forcelogin: the old Guid is dead
    const mark = x.sim.log.entries().length;
    const op = old.call({ method: 'GET', path: 'onlineagent/291/agentstatus', name: 'agentStatus' });
    old.release();
    await expect(op).rejects.toMatchObject({ vendorCode: 'agent_handed_over', retryable: true });
    await expect(old.signIn()).rejects.toMatchObject({ vendorCode: 'agent_handed_over' });
    expect(x.sim.log.entries().slice(mark).map((e) => e.action)).toEqual([]);
    expect(old.signedIn).toBe(false);
    await transport.close();
  });
});
