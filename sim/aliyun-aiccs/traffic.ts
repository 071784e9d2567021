// A seeded generator of realistic hotline traffic: inbound calls through IVR,
// queue and ringing, most answered, a configurable share abandoned; some
// outbound and transferred calls. Same seed, same calls.
import { between, hexDigits, pick, type Random, seededRandom, weighted } from '../random.ts';
import type { AiccsModel, SimAgent, SimCall } from './model.ts';

export { seededRandom } from '../random.ts';

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
  readonly #random: Random;
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

  #mobile(): string {
    return `1${pick(this.#random, ['3', '5', '7', '8'])}${String(between(this.#random, 0, 999_999_999)).padStart(9, '0')}`;
  }
  #agents(): SimAgent[] {
    return [...this.#model.agents.values()];
  }

  #ids(): { id: string; acid: string } {
    this.#seq++;
    const hex = hexDigits(this.#random, 26);
    return { id: hex, acid: String(7_700_000 + this.#seq * 13 + between(this.#random, 0, 12)) };
  }

  /** One call that ended at `endAt`. `kind` forces it abandoned (with a CallResult) or answered. */
  callEndingAt(endAt: number, kind?: { abandoned: string } | 'answered' | 'outbound'): SimCall {
    const agents = this.#agents();
    const agent = agents.length ? pick(this.#random, agents) : undefined;
    const hotline = '057188001234';
    const r = this.#random();
    const chosen =
      kind ??
      (r < this.outboundShare
        ? 'outbound'
        : this.#random() < this.abandonedShare
          ? { abandoned: weighted(this.#random, ABANDON_MIX)[0] }
          : 'answered');
    const { id, acid } = this.#ids();
    const customer = this.#mobile();

    if (chosen === 'outbound') {
      const talk = this.#random() < 0.7 ? between(this.#random, 20, 400) : 0;
      const dial = between(this.#random, 5, 30);
      const createdAt = endAt - (dial + talk) * 1000;
      const call: SimCall = {
        id,
        acid,
        callType: 1,
        callResult: talk > 0 ? 'normal' : pick(this.#random, ['normal', 'dailing']),
        callingNumber: hotline,
        calledNumber: customer,
        createdAt,
        hangUpAt: endAt,
        hangUpRole: talk > 0 ? pick(this.#random, ['2', '3'] as const) : '3',
      };
      if (talk > 0) call.pickUpAt = createdAt + dial * 1000;
      if (agent) Object.assign(call, { servicerId: agent.servicerId, servicerName: agent.name });
      return call;
    }

    const ivr = between(this.#random, 4, 40);
    if (chosen !== 'answered' && chosen.abandoned === 'userHangup') {
      const createdAt = endAt - ivr * 1000;
      return { id, acid, callType: 2, callResult: 'userHangup', callingNumber: customer, calledNumber: hotline, createdAt, hangUpAt: endAt, hangUpRole: '2' };
    }
    const queue = chosen === 'answered' ? between(this.#random, 0, 60) : between(this.#random, 5, 240);
    const ring = between(this.#random, 3, 20);
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
    const talk = chosen === 'answered' ? between(this.#random, 30, 600) : 0;
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
      hangUpRole: chosen === 'answered' ? pick(this.#random, ['2', '3'] as const) : '2',
      ...group,
    };
    if (agent) Object.assign(call, { servicerId: agent.servicerId, servicerName: agent.name });
    if (chosen === 'answered') {
      call.pickUpAt = ringEndAt;
      if (this.#random() < 0.4) call.evaluationScore = between(this.#random, 1, 5);
    }
    return call;
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
      const call = this.callEndingAt(now - (n - i) * 200, { abandoned: weighted(this.#random, ABANDON_MIX)[0] });
      this.#model.addCall(call);
      calls.push(call);
    }
    return calls;
  }
}
