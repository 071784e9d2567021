// A simulator's live traffic: one tick per interval between start() and
// stop(); a second start() does not double the rate; stop() is safe twice.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { trafficLoop } from '../../sim/traffic-loop.ts';

describe('trafficLoop', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ticks once per interval while started, once however often start() is called', () => {
    let ticks = 0;
    const loop = trafficLoop(() => ticks++, 100);
    vi.advanceTimersByTime(500);
    expect(ticks).toBe(0);
    loop.start();
    loop.start();
    vi.advanceTimersByTime(1_000);
    expect(ticks).toBe(10);
    loop.stop();
    loop.stop();
    vi.advanceTimersByTime(1_000);
    expect(ticks).toBe(10);
    loop.start();
    vi.advanceTimersByTime(300);
    expect(ticks).toBe(13);
    loop.stop();
  });
});
