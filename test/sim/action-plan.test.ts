// What the simulators answer on demand (FaultPlan, CccErrorPlan, the TCCC and
// AICCS error plans all rest on ActionPlan): each planned answer serves
// `times` requests of its action (or of any), first planned first, then is gone.
import { describe, expect, it } from 'vitest';
import { ActionPlan, FaultPlan } from '../../sim/server.ts';

describe('ActionPlan', () => {
  it('serves an answer for its action only, `times` times, then nothing', () => {
    const plan = new ActionPlan<string>();
    plan.add('busy', { action: 'StartConference', times: 2 });
    expect(plan.take('EndConference')).toBeUndefined();
    expect(plan.take('StartConference')).toBe('busy');
    expect(plan.take('StartConference')).toBe('busy');
    expect(plan.take('StartConference')).toBeUndefined();
  });

  it('an answer without an action serves any; the first planned that fits goes first', () => {
    const plan = new ActionPlan<string>();
    plan.add('any');
    plan.add('start-only', { action: 'StartConference' });
    expect(plan.take('StartConference')).toBe('any');
    expect(plan.take('GetCall')).toBeUndefined();
    expect(plan.take('StartConference')).toBe('start-only');
  });

  it('clear() forgets everything; FaultPlan.inject plans a fault the same way', () => {
    const faults = new FaultPlan();
    faults.inject({ kind: 'throttle', retryAfterMs: 500 }, { times: 3 });
    expect(faults.take('X')).toEqual({ kind: 'throttle', retryAfterMs: 500 });
    faults.clear();
    expect(faults.take('X')).toBeUndefined();
  });
});
