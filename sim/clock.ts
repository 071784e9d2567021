// The simulated time of the CCC and TCCC simulators: it runs with real time
// from wherever a test puts it, so records and legs age as they would while
// a test can still jump hours ahead. (AICCS keeps its own clock: epoch
// milliseconds as numbers, and it can be frozen.)

/** A clock that runs with real time from wherever a test puts it. */
export class SimClock {
  #offsetMs = 0;
  nowMs(): number {
    return Date.now() + this.#offsetMs;
  }
  now(): Date {
    return new Date(this.nowMs());
  }
  /** Unix seconds, rounded down. */
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }
  set(at: Date): void {
    this.#offsetMs = at.getTime() - Date.now();
  }
  advance(ms: number): void {
    this.#offsetMs += ms;
  }
  /** Back to real time. */
  reset(): void {
    this.#offsetMs = 0;
  }
}
