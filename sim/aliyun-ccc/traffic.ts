// Realistic call detail records from a seeded generator: mostly inbound
// calls through IVR and queue to an agent, a configurable share abandoned
// (in queue, while ringing, in the IVR), some outbound calls. The same seed
// gives the same calls.
import { pick, type Random, seededRandom } from '../random.ts';
import type { CccModel, SimAgent, SimCdr } from './model.ts';

export { seededRandom } from '../random.ts';

export interface TrafficOptions {
  /** @defaultValue 42 */
  seed?: number;
  /** Share of inbound calls that are abandoned (0..1). @defaultValue 0.15 */
  abandonedShare?: number;
  /** Share of calls that are outbound. @defaultValue 0.15 */
  outboundShare?: number;
  /** The hotline customers dial. @defaultValue 057126880000 */
  hotline?: string;
}

const ABANDONED_MIX: Array<[string, number]> = [
  ['AbandonedInQueue', 0.45],
  ['AbandonedInRing', 0.2],
  ['AbandonedInIVR', 0.2],
  ['QueuingTimeout', 0.1],
  ['QueuingOverflow', 0.05],
];

export class CccTraffic {
  readonly #model: CccModel;
  readonly #rand: Random;
  readonly #abandonedShare: number;
  readonly #outboundShare: number;
  readonly #hotline: string;

  constructor(model: CccModel, o: TrafficOptions = {}) {
    this.#model = model;
    this.#rand = seededRandom(o.seed ?? 42);
    this.#abandonedShare = o.abandonedShare ?? 0.15;
    this.#outboundShare = o.outboundShare ?? 0.15;
    this.#hotline = o.hotline ?? '057126880000';
  }

  // Not sim/random.ts's between/weighted: #int is uniform with both ends whole,
  // and #weighted scales by the weights' sum. Swapping would change every seeded call.
  #int(min: number, max: number): number {
    return min + Math.floor(this.#rand() * (max - min + 1));
  }
  #weighted(mix: ReadonlyArray<[string, number]>): string {
    let r = this.#rand() * mix.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of mix) if ((r -= w) < 0) return v;
    return mix[mix.length - 1]![0];
  }
  #mobile(): string {
    return `1${pick(this.#rand, ['3', '5', '7', '8', '9'])}${String(this.#int(0, 999_999_999)).padStart(9, '0')}`;
  }
  #agent(): SimAgent | undefined {
    const agents = [...this.#model.agents.values()];
    return agents.length ? pick(this.#rand, agents) : undefined;
  }

  /** One call that started at `startMs`; abandoned when `forceAbandoned`. */
  call(startMs: number, forceAbandoned = false): SimCdr {
    const m = this.#model;
    const id = `job-${6_540_000_000_000_000_000n + BigInt(m.nextId())}`;
    const agent = this.#agent();
    const group = agent?.skillGroups[0] ?? `skillgroup1@${m.instanceId}`;
    const outbound = !forceAbandoned && this.#rand() < this.#outboundShare;
    const base = {
      ContactId: id,
      StartTime: startMs,
      ReleaseReason: '200 - OK',
      SkillGroupIds: group,
      SkillGroupNames: group.split('@')[0]!,
      InstanceId: m.instanceId,
    };
    if (outbound) {
      const disposition = this.#weighted([
        ['Success', 0.7],
        ['NoAnswer', 0.2],
        ['Reject', 0.1],
      ]);
      const ring = this.#int(3, 25);
      const talk = disposition === 'Success' ? this.#int(20, 600) : 0;
      return {
        ...base,
        ContactType: 'OUTBOUND',
        ContactDisposition: disposition,
        CallingNumber: this.#hotline,
        CalledNumber: this.#mobile(),
        ...(talk ? { EstablishedTime: startMs + ring * 1000 } : {}),
        ReleaseTime: startMs + (ring + talk) * 1000,
        CallDuration: ring + talk,
        IvrTime: 0,
        QueueTime: 0,
        RingTime: ring,
        TalkTime: talk,
        ReleaseInitiator: talk ? pick(this.#rand, ['agent', 'customer'] as const) : 'agent',
        AgentIds: agent?.userId ?? '',
        AgentNames: agent?.displayName ?? '',
      };
    }
    const abandoned = forceAbandoned || this.#rand() < this.#abandonedShare;
    const disposition = abandoned ? this.#weighted(ABANDONED_MIX) : this.#rand() < 0.03 ? 'Voicemail' : 'Success';
    const ivr = this.#int(5, 40);
    const reachedQueue = disposition !== 'AbandonedInIVR';
    const queue = reachedQueue ? this.#int(disposition === 'QueuingTimeout' ? 60 : 2, disposition === 'QueuingTimeout' ? 120 : 90) : 0;
    const rang = disposition === 'Success' || disposition === 'AbandonedInRing';
    const ring = rang ? this.#int(2, 20) : 0;
    const talk = disposition === 'Success' ? this.#int(30, 900) : 0;
    const total = ivr + queue + ring + talk;
    return {
      ...base,
      ContactType: 'INBOUND',
      ContactDisposition: disposition,
      CallingNumber: this.#mobile(),
      CalledNumber: this.#hotline,
      ...(talk ? { EstablishedTime: startMs + (ivr + queue + ring) * 1000 } : {}),
      ReleaseTime: startMs + total * 1000,
      CallDuration: total,
      IvrTime: ivr,
      QueueTime: queue,
      RingTime: ring,
      TalkTime: talk,
      ReleaseInitiator: abandoned ? 'customer' : pick(this.#rand, ['agent', 'customer'] as const),
      AgentIds: rang ? (agent?.userId ?? '') : '',
      AgentNames: rang ? (agent?.displayName ?? '') : '',
      ...(talk && this.#rand() < 0.4 ? { SatisfactionIndex: this.#int(1, 5) } : {}),
    };
  }

  /** Calls over the past `seconds`, about one every `everySeconds`; only those already over (a record exists once a call ends). */
  seedHistory(seconds: number, everySeconds: number): void {
    const now = this.#model.clock.nowMs();
    for (let t = now - seconds * 1000; t < now; t += this.#int(1, 2 * everySeconds) * 1000) {
      const cdr = this.call(t);
      if (cdr.ReleaseTime <= now) this.#model.addCall(cdr);
    }
  }

  /** A call that ended just now (live traffic). */
  callEndingNow(forceAbandoned = false): SimCdr {
    const now = this.#model.clock.nowMs();
    const probe = this.call(now, forceAbandoned);
    const shift = probe.ReleaseTime - probe.StartTime;
    const cdr: SimCdr = {
      ...probe,
      StartTime: probe.StartTime - shift,
      ReleaseTime: now,
      ...(probe.EstablishedTime ? { EstablishedTime: probe.EstablishedTime - shift } : {}),
    };
    this.#model.addCall(cdr);
    return cdr;
  }

  /** `n` inbound calls abandoned at once, all ending within the last minute. */
  burst(n: number): SimCdr[] {
    return Array.from({ length: n }, () => this.callEndingNow(true));
  }
}
