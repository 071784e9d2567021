// The simulator's generated traffic: the same seed gives the same calls, the
// abandoned share follows the option, records are self-consistent, and legs
// follow the configured timings on the movable clock.
import { describe, expect, it } from 'vitest';
import { CccModel, SimClock } from '../../sim/aliyun-ccc/model.ts';
import { CccTraffic } from '../../sim/aliyun-ccc/traffic.ts';

const ABANDONED = new Set(['AbandonedInQueue', 'AbandonedInRing', 'AbandonedInIVR', 'QueuingTimeout', 'QueuingOverflow']);

function generate(seed: number, abandonedShare: number, at: Date) {
  const clock = new SimClock();
  clock.set(at);
  const model = new CccModel('ccc-test', clock);
  model.addAgent({ userId: 'agent@ccc-test', extension: '8000', state: 'READY' });
  new CccTraffic(model, { seed, abandonedShare }).seedHistory(7 * 24 * 3600, 120);
  return model.calls;
}

describe('simulated traffic', () => {
  const at = new Date('2026-11-23T08:00:00Z');

  it('is deterministic for a seed and differs between seeds', () => {
    // Times relative to the first call: the clock runs with real time, so two runs start a millisecond or so apart.
    const strip = (cs: ReturnType<typeof generate>) =>
      cs.map((c) => {
        const t0 = cs[0]!.StartTime;
        return { ...c, StartTime: c.StartTime - t0, ReleaseTime: c.ReleaseTime - t0, ...(c.EstablishedTime ? { EstablishedTime: c.EstablishedTime - t0 } : {}) };
      });
    expect(strip(generate(7, 0.2, at))).toEqual(strip(generate(7, 0.2, at)));
    expect(strip(generate(8, 0.2, at))).not.toEqual(strip(generate(7, 0.2, at)));
  });

  it.each([0, 0.15, 0.5])('abandons about %s of inbound calls', (share) => {
    const inbound = generate(3, share, at).filter((c) => c.ContactType === 'INBOUND');
    const abandoned = inbound.filter((c) => ABANDONED.has(c.ContactDisposition)).length / inbound.length;
    expect(inbound.length).toBeGreaterThan(2_000);
    expect(Math.abs(abandoned - share)).toBeLessThan(0.03);
  });

  it('writes consistent records: ordered, ended, answered ones established, abandoned ones not', () => {
    const calls = generate(5, 0.3, at);
    const now = at.getTime();
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.StartTime).toBeGreaterThanOrEqual(calls[i - 1]!.StartTime);
    for (const c of calls) {
      expect(c.ReleaseTime).toBeLessThanOrEqual(now);
      expect(c.ReleaseTime - c.StartTime).toBe(c.CallDuration * 1000);
      if (c.ContactDisposition === 'Success') expect(c.EstablishedTime).toBeGreaterThan(c.StartTime);
      if (ABANDONED.has(c.ContactDisposition)) {
        expect(c.EstablishedTime).toBeUndefined();
        expect(c.ReleaseInitiator).toBe('customer');
      }
    }
  });
});

describe('conference legs on the clock', () => {
  it('CREATED -> RINGING -> ANSWERED, or RELEASED 480 after the timeout', () => {
    const model = new CccModel('ccc-test', new SimClock(), { ringAfterMs: 1_000, answerAfterMs: 3_000 });
    model.addAgent({ userId: 'agent@ccc-test', extension: '8000', state: 'READY' });
    model.behaviour.set('13900000000', 'no_answer');
    const job = model.startConference('agent@ccc-test', ['13175112345', '13900000000'], 10);
    const [answers, silent] = job.legs;
    const t0 = job.createdAt;
    expect(model.legState(job, answers!, t0).state).toBe('CREATED');
    expect(model.legState(job, answers!, t0 + 1_500).state).toBe('RINGING');
    expect(model.legState(job, answers!, t0 + 3_000).state).toBe('ANSWERED');
    expect(model.legState(job, silent!, t0 + 9_999).state).toBe('RINGING');
    expect(model.legState(job, silent!, t0 + 10_000)).toEqual({ state: 'RELEASED', since: t0 + 10_000, reason: '480 - Temporarily Unavailable' });
  });
});
