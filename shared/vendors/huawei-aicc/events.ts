// Agent events, once received: kept for a while per agent (so pollOutcome can
// answer from them) and handed to subscribers. Delivery never blocks the
// producer: each subscriber has its own queue drained on its own schedule, so
// a slow subscriber cannot delay the poller (2 minutes without a poll signs
// the agent out).
//
// Bridging (the queues layer): subscribe with onEvent and forward envelopes
// whose origin is 'local' to a Redis stream; in every other process, read the
// stream and call feed(envelope). Fed envelopes are deduplicated by id.
import { z } from 'zod/v4';
import { GatewayEvent } from './wire.ts';

/** ccops' own event, published after the chair invited the participants. */
export const INVITE_RESULT = 'Ccops_InviteResult';
export const InviteResultContent = z.object({
  confId: z.string(),
  ok: z.boolean(),
  retcode: z.string(),
  message: z.string(),
});
export type InviteResultContent = z.infer<typeof InviteResultContent>;

/** An event as ccops carries it: who received it, when (the receiver's clock) and a unique id. */
export const HuaweiEventEnvelope = z.object({
  /** `<receiver instance>:<sequence>`, unique across processes. */
  id: z.string().min(1),
  center: z.string(),
  agentId: z.string(),
  /** Epoch ms on the receiving process's clock (the same clock that stamps outcome tokens). */
  receivedAt: z.number().int().nonnegative(),
  event: GatewayEvent,
});
export type HuaweiEventEnvelope = z.infer<typeof HuaweiEventEnvelope>;

export type EventOrigin = 'local' | 'fed';
export type EventListener = (envelope: HuaweiEventEnvelope, origin: EventOrigin) => void | Promise<void>;

export interface HuaweiEventHubOptions {
  center: string;
  /** Prefix of envelope ids; unique per process. */
  instanceId: string;
  /** @defaultValue Date.now */
  now?: () => number;
  /** How long events are kept for pollOutcome. @defaultValue 15 minutes */
  retainMs?: number;
  /** Most events kept per agent. @defaultValue 1000 */
  perAgentLimit?: number;
  /** Most undelivered events per subscriber; older ones are dropped (and counted). @defaultValue 10000 */
  subscriberQueueLimit?: number;
  /** A subscriber threw; the event is not redelivered. */
  onListenerError?: (error: unknown, envelope: HuaweiEventEnvelope) => void;
}

interface Subscriber {
  listener: EventListener;
  queue: Array<[HuaweiEventEnvelope, EventOrigin]>;
  draining: boolean;
  dropped: number;
}

export class HuaweiEventHub {
  readonly center: string;
  readonly #instanceId: string;
  readonly #now: () => number;
  readonly #retainMs: number;
  readonly #perAgentLimit: number;
  readonly #queueLimit: number;
  readonly #onListenerError: (error: unknown, envelope: HuaweiEventEnvelope) => void;
  readonly #byAgent = new Map<string, HuaweiEventEnvelope[]>();
  readonly #seen = new Set<string>();
  readonly #subscribers = new Set<Subscriber>();
  #seq = 0;

  constructor(opts: HuaweiEventHubOptions) {
    this.center = opts.center;
    this.#instanceId = opts.instanceId;
    this.#now = opts.now ?? Date.now;
    this.#retainMs = opts.retainMs ?? 15 * 60_000;
    this.#perAgentLimit = opts.perAgentLimit ?? 1000;
    this.#queueLimit = opts.subscriberQueueLimit ?? 10_000;
    this.#onListenerError = opts.onListenerError ?? (() => {});
  }

  /** Records an event received here (by the poller) and delivers it. */
  publish(agentId: string, event: GatewayEvent): HuaweiEventEnvelope {
    const envelope: HuaweiEventEnvelope = {
      id: `${this.#instanceId}:${++this.#seq}`,
      center: this.center,
      agentId,
      receivedAt: this.#now(),
      event,
    };
    this.#store(envelope);
    this.#deliver(envelope, 'local');
    return envelope;
  }

  /**
   * Records an event received elsewhere (e.g. read from a Redis stream). Returns
   * false for a duplicate, one older than the retention or of another center;
   * throws on a malformed one.
   */
  feed(input: unknown): boolean {
    const envelope = HuaweiEventEnvelope.parse(input);
    if (envelope.center !== this.center || this.#seen.has(envelope.id)) return false;
    if (envelope.receivedAt < this.#now() - this.#retainMs) return false; // replayed from beyond what is kept
    this.#store(envelope);
    this.#deliver(envelope, 'fed');
    return true;
  }

  /** Subscribes; returns the function that unsubscribes. */
  onEvent(listener: EventListener): () => void {
    const sub: Subscriber = { listener, queue: [], draining: false, dropped: 0 };
    this.#subscribers.add(sub);
    return () => {
      this.#subscribers.delete(sub);
      sub.queue.length = 0;
    };
  }

  /** Events for an agent received at or after `sinceMs`, oldest first. */
  eventsFor(agentId: string, sinceMs = 0): HuaweiEventEnvelope[] {
    this.#evict(agentId);
    return (this.#byAgent.get(agentId) ?? []).filter((e) => e.receivedAt >= sinceMs);
  }

  /** How many events subscribers lost because they fell too far behind. */
  get droppedDeliveries(): number {
    let n = 0;
    for (const s of this.#subscribers) n += s.dropped;
    return n;
  }

  get retainMs(): number {
    return this.#retainMs;
  }

  #store(envelope: HuaweiEventEnvelope): void {
    let list = this.#byAgent.get(envelope.agentId);
    if (!list) this.#byAgent.set(envelope.agentId, (list = []));
    // Fed events can arrive out of order across processes; keep the list sorted.
    let i = list.length;
    while (i > 0 && list[i - 1]!.receivedAt > envelope.receivedAt) i--;
    list.splice(i, 0, envelope);
    this.#seen.add(envelope.id);
    this.#evict(envelope.agentId);
  }

  #evict(agentId: string): void {
    const list = this.#byAgent.get(agentId);
    if (!list) return;
    const oldest = this.#now() - this.#retainMs;
    let drop = 0;
    while (drop < list.length && (list[drop]!.receivedAt < oldest || list.length - drop > this.#perAgentLimit)) drop++;
    for (const e of list.splice(0, drop)) this.#seen.delete(e.id);
  }

  #deliver(envelope: HuaweiEventEnvelope, origin: EventOrigin): void {
    for (const sub of this.#subscribers) {
      sub.queue.push([envelope, origin]);
      if (sub.queue.length > this.#queueLimit) {
        sub.queue.shift();
        sub.dropped++;
      }
      if (!sub.draining) {
        sub.draining = true;
        // Never run subscribers inside the producer's turn.
        setImmediate(() => void this.#drain(sub));
      }
    }
  }

  async #drain(sub: Subscriber): Promise<void> {
    try {
      while (sub.queue.length && this.#subscribers.has(sub)) {
        const [envelope, origin] = sub.queue.shift()!;
        try {
          await sub.listener(envelope, origin);
        } catch (error) {
          this.#onListenerError(error, envelope);
        }
      }
    } finally {
      sub.draining = false;
    }
  }
}
