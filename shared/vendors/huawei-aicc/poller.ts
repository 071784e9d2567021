// The event poller of one signed-in agent: long polls GET agentevent/{agentid}
// back to back and publishes each event to the hub. The poll is also the
// agent's heartbeat (2 minutes without one signs the agent out), so nothing
// here waits for subscribers: the hub queues deliveries on its own.
import type { HuaweiEventHub } from './events.ts';
import type { HuaweiAgentSession } from './session.ts';
import { eventOf } from './wire.ts';

export interface PollerOptions {
  session: HuaweiAgentSession;
  hub: HuaweiEventHub;
  /** Pause after a poll that returned no event (the gateway asks for 200-500 ms). @defaultValue 300 */
  idleRepollMs?: number;
  /** First pause after a failed poll; doubles up to maxErrorBackoffMs. @defaultValue 500 */
  errorBackoffMs?: number;
  /** Kept well under the 2-minute sign-out gap. @defaultValue 10000 */
  maxErrorBackoffMs?: number;
  onError?: (error: unknown) => void;
}

export class AgentEventPoller {
  readonly #opts: PollerOptions;
  #running = false;
  #abort: AbortController | undefined;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #polls = 0;

  constructor(opts: PollerOptions) {
    this.#opts = opts;
  }

  get running(): boolean {
    return this.#running;
  }
  /** Completed polls (tests and metrics). */
  get polls(): number {
    return this.#polls;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Stops polling and waits for the poll in flight to be cancelled. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#abort?.abort();
    this.#wake?.();
    await this.#loop;
  }

  async #run(): Promise<void> {
    const { session, hub } = this.#opts;
    const idle = this.#opts.idleRepollMs ?? 300;
    const firstBackoff = this.#opts.errorBackoffMs ?? 500;
    const maxBackoff = this.#opts.maxErrorBackoffMs ?? 10_000;
    let backoff = firstBackoff;
    while (this.#running && session.wanted) {
      let pause = idle;
      try {
        if (!session.signedIn) await session.signIn();
        this.#abort = new AbortController();
        const envelope = await session.pollEvents(this.#abort.signal);
        this.#polls++;
        if (envelope.retcode === '0') {
          backoff = firstBackoff;
          const event = eventOf(envelope);
          if (event) {
            hub.publish(session.agentId, event);
            pause = 0; // more may be queued: ask again at once
          }
        } else {
          pause = backoff; // pollEvents already re-signed in where that helps
          backoff = Math.min(maxBackoff, backoff * 2);
        }
      } catch (error) {
        if (!this.#running) break;
        this.#opts.onError?.(error);
        pause = backoff;
        backoff = Math.min(maxBackoff, backoff * 2);
      }
      if (pause > 0 && this.#running) await this.#sleep(pause);
    }
    this.#running = false;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => ((this.#wake = undefined), resolve()), ms);
      this.#wake = () => (clearTimeout(t), (this.#wake = undefined), resolve());
    });
  }
}
