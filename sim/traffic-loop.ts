// Live traffic for a simulator: one tick (a new call, a status change) every
// interval of real time, between start() and stop(). The vendor decides what
// a tick does; this only keeps the timer.

export interface TrafficLoop {
  /** Starts ticking; does nothing when already started. */
  start(): void;
  /** Stops ticking; safe to call when stopped. */
  stop(): void;
}

export function trafficLoop(tick: () => void, intervalMs: number): TrafficLoop {
  let timer: NodeJS.Timeout | undefined;
  return {
    start() {
      if (timer) return;
      timer = setInterval(tick, intervalMs);
      // The simulator's server keeps the process alive while it runs; traffic alone should not.
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
