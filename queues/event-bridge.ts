// Carries a vendor's agent events between service processes, and makes sure
// exactly one process polls each agent.
//
// Some vendors (Huawei AICC) deliver results as events that only the process
// signed in as the agent receives. That process holds a lease in Redis
// (SET NX PX, renewed while it lives) and appends every event it receives to
// a Redis stream per center; every process reads the stream and feeds the
// events to its own adapter, so whichever worker holds an outcome wait can
// finish it, and a restarted process replays what it missed. When the holder
// dies its lease expires and another process takes the agent over.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Keys } from './names.ts';
import type { CcopsRedis } from './redis.ts';

/** What a vendor adapter offers the bridge (HuaweiAiccAdapter has all of it). */
export interface AgentEventSource {
  readonly center: string;
  /** Subscribes to events; `origin` is 'local' for events this process polled. */
  onEvent(listener: (envelope: { id: string; agentId: string }, origin: 'local' | 'fed') => void): () => void;
  /** Adds an event another process polled; false for a duplicate. */
  feedEvent(envelope: unknown): boolean;
  /** Signs the agent in and starts polling its events. */
  signIn(agentId: string): Promise<void>;
  /** Agents this process is signed in as. */
  readonly signedInAgents: string[];
  /**
   * Stops polling the agent here without signing it out (another process took
   * the lease and signed it in). Optional: without it a process that lost its
   * lease keeps polling until it stops.
   */
  releaseAgent?(agentId: string): Promise<void>;
}

export interface EventBridgeOptions {
  source: AgentEventSource;
  /** Commands (XADD, leases). */
  redis: CcopsRedis;
  /** A connection of its own for the blocking XREAD. */
  reader: Redis;
  keys: Keys;
  /** Unique per process. */
  owner: string;
  /** Agents to keep signed in (and polled) somewhere at all times. */
  agents: string[];
  logger: Logger;
  /** @defaultValue 15000 */
  leaseMs?: number;
  /** How far back a starting process replays the stream. @defaultValue 15 minutes */
  replayMs?: number;
  /** Stream length kept (approximate). @defaultValue 10000 */
  maxLen?: number;
  now?: () => number;
}

export class EventBridge {
  readonly #o: EventBridgeOptions;
  readonly #leaseMs: number;
  readonly #held = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #unsubscribe: (() => void) | undefined;
  #readLoop: Promise<void> | undefined;
  #lastId = '0';
  /** Events appended by this process / fed from others (tests, metrics). */
  published = 0;
  fed = 0;

  constructor(o: EventBridgeOptions) {
    this.#o = o;
    this.#leaseMs = o.leaseMs ?? 15_000;
  }

  get center(): string {
    return this.#o.source.center;
  }

  /** Agents whose lease this process holds. */
  get heldAgents(): string[] {
    return [...this.#held];
  }

  async start(): Promise<void> {
    this.#running = true;
    const now = this.#o.now ?? Date.now;
    this.#lastId = `${Math.max(0, now() - (this.#o.replayMs ?? 15 * 60_000))}-0`;
    const stream = this.#o.keys.events(this.center);
    this.#unsubscribe = this.#o.source.onEvent((envelope, origin) => {
      if (origin !== 'local') return;
      this.published++;
      this.#o.redis
        .xadd(stream, 'MAXLEN', '~', String(this.#o.maxLen ?? 10_000), '*', 'e', JSON.stringify(envelope))
        .catch((e: unknown) => this.#o.logger.error({ center: this.center, err: e }, 'could not append an agent event to Redis'));
    });
    this.#readLoop = this.#read(stream);
    await this.#tick();
    this.#timer = setInterval(() => void this.#tick(), Math.max(50, Math.floor(this.#leaseMs / 3)));
  }

  /**
   * May this process act as the agent (sign in, poll)? Takes the lease when it
   * is free; false while another process holds it.
   */
  async acquire(agentId: string): Promise<boolean> {
    const ok = (await this.#o.redis.holdLease(this.#o.keys.eventLease(this.center, agentId), this.#o.owner, this.#leaseMs)) === 1;
    if (ok && !this.#held.has(agentId)) {
      this.#held.add(agentId);
      this.#o.logger.info({ center: this.center, agentId }, 'this process now polls the agent');
    }
    if (!ok && this.#held.delete(agentId)) {
      this.#o.logger.error({ center: this.center, agentId }, 'lost the lease of an agent to another process; stopping polling it here');
      await this.#o.source.releaseAgent?.(agentId).catch((e: unknown) => this.#o.logger.warn({ center: this.center, agentId, err: e }, 'could not stop polling the agent'));
    }
    return ok;
  }

  /** Renews held leases and takes over configured agents whose holder died. */
  async #tick(): Promise<void> {
    if (!this.#running) return;
    const want = new Set([...this.#o.agents, ...this.#held, ...this.#o.source.signedInAgents]);
    for (const agentId of want) {
      try {
        const mine = await this.acquire(agentId);
        if (mine && !this.#o.source.signedInAgents.includes(agentId)) await this.#o.source.signIn(agentId);
      } catch (e) {
        this.#o.logger.warn({ center: this.center, agentId, err: e }, 'agent lease or sign-in failed; will retry');
      }
    }
  }

  async #read(stream: string): Promise<void> {
    while (this.#running) {
      try {
        const res = (await this.#o.reader.xread('COUNT', 500, 'BLOCK', 1000, 'STREAMS', stream, this.#lastId)) as
          | [string, [string, string[]][]][]
          | null;
        for (const [, entries] of res ?? []) {
          for (const [id, fields] of entries) {
            this.#lastId = id;
            const i = fields.indexOf('e');
            if (i < 0) continue;
            try {
              if (this.#o.source.feedEvent(JSON.parse(fields[i + 1]!))) this.fed++;
            } catch (e) {
              this.#o.logger.warn({ center: this.center, id, err: e }, 'skipped an unreadable agent event');
            }
          }
        }
      } catch (e) {
        if (!this.#running) return;
        this.#o.logger.warn({ center: this.center, err: e }, 'reading agent events from Redis failed; retrying');
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** Stops renewing and reading; releases the leases so another process takes over at once. */
  async stop(opts: { release?: boolean } = {}): Promise<void> {
    this.#running = false;
    if (this.#timer) clearInterval(this.#timer);
    this.#unsubscribe?.();
    if (opts.release ?? true) {
      for (const agentId of this.#held) {
        await this.#o.redis.releaseLock(this.#o.keys.eventLease(this.center, agentId), this.#o.owner).catch(() => {});
      }
    }
    this.#held.clear();
    this.#o.reader.disconnect();
    await this.#readLoop?.catch(() => {});
  }
}

/** Picks the agent an operation acts as, so the operations worker can check the lease first. */
export function agentOfInput(input: unknown, fallback: string | undefined): string | undefined {
  const i = input as { agentId?: unknown } | null;
  return typeof i?.agentId === 'string' ? i.agentId : fallback;
}
