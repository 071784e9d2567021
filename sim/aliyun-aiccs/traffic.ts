// A seeded generator of realistic hotline traffic: inbound calls through IVR,
// queue and ringing, most answered, a configurable share abandoned; some
// outbound and transferred calls. Same seed, same calls.
import type { AiccsModel, SimAgent, SimCall } from './model.ts';

/** mulberry32: small, fast, good enough for test traffic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TrafficOptions {
  /** @defaultValue 20260101 */
  seed?: number;
  /** Share of inbound calls the caller abandons (IVR, queue or ringing). @defaultValue 0.15 */
  abandonedShare?: number;
  /** Share of calls that are outbound. @defaultValue 0.15 */
  outboundShare?: number;
}

/** How abandoned calls split between where they ended (sums to 1). */
const ABANDON_MIX: Array<[string, number]> = [
  ['touchInQueue', 0.45],
  ['touchInLoss', 0.15],
  ['touchRouteError', 0.05],
  ['TouchRingCallLoss', 0.2],
  ['userHangup', 0.15],
];

export class TrafficGenerator {
  readonly #model: AiccsModel;
  readonly #random: () => number;
  readonly abandonedShare: number;
  readonly outboundShare: number;
  #seq = 0;

  constructor(model: AiccsModel, opts: TrafficOptions = {}) {
    this.#model = model;
    this.#random = seededRandom(opts.seed ?? 20260101);
    this.abandonedShare = opts.abandonedShare ?? 0.15;
    this.outboundShare = opts.outboundShare ?? 0.15;
    if (!(this.abandonedShare >= 0 && this.abandonedShare <= 1)) throw new RangeError('abandonedShare must be between 0 and 1');
  }

  #between(min: number, max: number): number {
    return Math.round(min + this.#random() * (max - min));
  }
  #pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#random() * items.length)]!;
  }
  #mobile(): string {
    return `1${this.#pick(['3', '5', '7', '8'])}${String(this.#between(0, 999_999_999)).padStart(9, '0')}`;
  }
  #agents(): SimAgent[] {
    return [...this.#model.agents.values()];
  }

  #ids(): { id: string; acid: string } {
    this.#seq++;
    const hex = Array.from({ length: 26 }, () => Math.floor(this.#random() * 16).toString(16)).join('');
    return { id: hex, acid: String(7_700_000 + this.#seq * 13 + this.#between(0, 12)) };
  }

  /** One call that ended at `endAt`. `kind` forces it abandoned (with a CallResult) or answered. */
  callEndingAt(endAt: number, kind?: { abandoned: string } | 'answered' | 'outbound'): SimCall {
    const agents = this.#agents();
    const agent = agents.length ? this.#pick(agents) : undefined;
    const hotline = '057188001234';
    const r = this.#random();
    const chosen =
      kind ??
      (r < this.outboundShare
        ? 'outbound'
        : this.#random() < this.abandonedShare
          ? { abandoned: this.#weighted(ABANDON_MIX) }
          : 'answered');
    const { id, acid } = this.#ids();
    const customer = this.#mobile();

    if (chosen === 'outbound') {
      const talk = this.#random() < 0.7 ? this.#between(20, 400) : 0;
      const dial = this.#between(5, 30);
      const createdAt = endAt - (dial + talk) * 1000;
      const call: SimCall = {
        id,
        acid,
        callType: 1,
        callResult: talk > 0 ? 'normal' : this.#pick(['normal', 'dailing']),
        callingNumber: hotline,
        calledNumber: customer,
        createdAt,
        hangUpAt: endAt,
        hangUpRole: talk > 0 ? this.#pick(['2', '3'] as const) : '3',
      };
      if (talk > 0) call.pickUpAt = createdAt + dial * 1000;
      if (agent) Object.assign(call, { servicerId: agent.servicerId, servicerName: agent.name });
      return call;
    }

    const ivr = this.#between(4, 40);
    if (chosen !== 'answered' && chosen.abandoned === 'userHangup') {
      const createdAt = endAt - ivr * 1000;
      return { id, acid, callType: 2, callResult: 'userHangup', callingNumber: customer, calledNumber: hotline, createdAt, hangUpAt: endAt, hangUpRole: '2' };
    }
    const queue = chosen === 'answered' ? this.#between(0, 60) : this.#between(5, 240);
    const ring = this.#between(3, 20);
    const group = agent ? { groupId: agent.groupId, groupName: agent.groupName } : { groupId: '123456', groupName: '自动化技能组' };
    if (chosen !== 'answered' && chosen.abandoned !== 'TouchRingCallLoss') {
      const createdAt = endAt - (ivr + queue) * 1000;
      return {
        id,
        acid,
        callType: 2,
        callResult: chosen.abandoned,
        callingNumber: customer,
        calledNumber: hotline,
        createdAt,
        inQueueAt: createdAt + ivr * 1000,
        hangUpAt: endAt,
        hangUpRole: chosen.abandoned === 'touchRouteError' ? '1' : '2',
        ...group,
      };
    }
    const talk = chosen === 'answered' ? this.#between(30, 600) : 0;
    const createdAt = endAt - (ivr + queue + ring + talk) * 1000;
    const inQueueAt = createdAt + ivr * 1000;
    const ringStartAt = inQueueAt + queue * 1000;
    const ringEndAt = ringStartAt + ring * 1000;
    const call: SimCall = {
      id,
      acid,
      callType: chosen === 'answered' && this.#random() < 0.05 ? 3 : 2,
      callResult: chosen === 'answered' ? 'normal' : 'TouchRingCallLoss',
      callingNumber: customer,
      calledNumber: hotline,
      createdAt,
      inQueueAt,
      outQueueAt: ringStartAt,
      ringStartAt,
      ringEndAt,
      hangUpAt: endAt,
      hangUpRole: chosen === 'answered' ? this.#pick(['2', '3'] as const) : '2',
      ...group,
    };
    if (agent) Object.assign(call, { servicerId: agent.servicerId, servicerName: agent.name });
    if (chosen === 'answered') {
      call.pickUpAt = ringEndAt;
      if (this.#random() < 0.4) call.evaluationScore = this.#between(1, 5);
    }
    return call;
  }

  #weighted(mix: Array<[string, number]>): string {
    let r = this.#random();
    for (const [v, w] of mix) {
      if ((r -= w) < 0) return v;
    }
    return mix[mix.length - 1]![0];
  }

  /** Adds `n` calls ending between `fromMs` and `toMs`, evenly spread, and returns them. */
  fill(fromMs: number, toMs: number, n: number): SimCall[] {
    const calls: SimCall[] = [];
    for (let i = 0; i < n; i++) {
      const call = this.callEndingAt(fromMs + Math.floor(((i + 0.5) * (toMs - fromMs)) / n));
      this.#model.addCall(call);
      calls.push(call);
    }
    return calls;
  }

  /** `n` abandoned inbound calls that ended in the last few seconds: an abandon burst. */
  burst(n: number): SimCall[] {
    const now = this.#model.clock.now();
    const calls: SimCall[] = [];
    for (let i = 0; i < n; i++) {
      const call = this.callEndingAt(now - (n - i) * 200, { abandoned: this.#weighted(ABANDON_MIX) });
      this.#model.addCall(call);
      calls.push(call);
    }
    return calls;
  }
}
