// Seeded, realistic TCCC call records: inbound calls pass IVR, a queue and
// ringing, most are answered, a configurable share is abandoned (in IVR, in
// the queue or while ringing), a few find no agent online; outbound calls are
// answered or not. Same seed, same calls.
import { between, hexDigits, pick, type Random, seededRandom, weighted } from '../random.ts';
import type { SimCdr, TcccModel } from './model.ts';

export { seededRandom } from '../random.ts';

export interface TrafficOptions {
  /** @defaultValue 20200210 */
  seed?: number;
  /** Share of inbound calls the caller abandons. @defaultValue 0.12 */
  abandonedShare?: number;
  /** Share of calls that are outbound. @defaultValue 0.2 */
  outboundShare?: number;
  /** The hotline customers dial. @defaultValue 008640012345678 */
  hotline?: string;
}

export type CallKind = 'answered' | 'ivrGiveUp' | 'waitingGiveUp' | 'ringingGiveUp' | 'noSeatOnline' | 'outbound';

/** Where abandoning callers hang up (sums to 1). */
const ABANDON_MIX: Array<[CallKind, number]> = [
  ['ivrGiveUp', 0.25],
  ['waitingGiveUp', 0.5],
  ['ringingGiveUp', 0.25],
];

const OUTBOUND_ENDS: Array<[number, string, number]> = [
  [1, 'ok', 0.62],
  [202, 'notAnswer', 0.18],
  [206, 'busy', 0.07],
  [203, 'userReject', 0.05],
  [204, 'powerOff', 0.04],
  [205, 'numberNotExist', 0.04],
];

const SKILL_GROUPS = [
  { id: 101, name: 'Sales' },
  { id: 102, name: 'Support' },
  { id: 103, name: 'Billing' },
];

export class TcccTraffic {
  readonly #model: TcccModel;
  readonly #random: Random;
  readonly abandonedShare: number;
  readonly outboundShare: number;
  readonly hotline: string;

  constructor(model: TcccModel, opts: TrafficOptions = {}) {
    this.#model = model;
    this.#random = seededRandom(opts.seed ?? 20200210);
    this.abandonedShare = opts.abandonedShare ?? 0.12;
    this.outboundShare = opts.outboundShare ?? 0.2;
    this.hotline = opts.hotline ?? '008640012345678';
    for (const [name, v] of [['abandonedShare', this.abandonedShare], ['outboundShare', this.outboundShare]] as const) {
      if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be between 0 and 1`);
    }
  }

  #customer(): string {
    return `0086${pick(this.#random, ['13', '15', '17', '18'])}${String(between(this.#random, 0, 999_999_999)).padStart(9, '0')}`;
  }
  #sessionId(): string {
    const hex = (n: number) => hexDigits(this.#random, n);
    return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  }
  #agent() {
    const staff = [...this.#model.staff.values()];
    return staff.length ? pick(this.#random, staff) : undefined;
  }

  /** Which kind of call comes next, by the configured shares. */
  nextKind(): CallKind {
    if (this.#random() < this.outboundShare) return 'outbound';
    if (this.#random() < this.abandonedShare) return weighted(this.#random, ABANDON_MIX)[0];
    return this.#random() < 0.03 ? 'noSeatOnline' : 'answered';
  }

  /** One call that ended at `endAt` (Unix seconds), added to the model. */
  callEndingAt(endAt: number, kind: CallKind = this.nextKind()): SimCdr {
    const group = pick(this.#random, SKILL_GROUPS);
    const agent = this.#agent();
    const seat = agent
      ? { Name: agent.name, Mail: agent.email, StaffNumber: agent.staffNumber, UserId: agent.email, SkillGroupNameList: [agent.skillGroupName] }
      : undefined;
    const customer = this.#customer();
    const ivr = between(this.#random, 6, 40);
    const queue = between(this.#random, 5, 120);
    const ring = between(this.#random, 3, 18);
    const talk = between(this.#random, 40, 540);

    let cdr: SimCdr;
    if (kind === 'outbound') {
      const [code, name] = weighted(this.#random, OUTBOUND_ENDS);
      const answered = code === 1;
      const start = endAt - ring - (answered ? talk : 0);
      cdr = {
        SessionId: this.#sessionId(),
        Caller: this.hotline,
        Callee: customer,
        Time: start,
        Direction: 1,
        CallType: 1,
        Duration: answered ? talk : 0,
        EndStatus: code,
        EndStatusString: name,
        SeatUser: seat ?? null,
        SkillGroup: group.name,
        SkillGroupId: group.id,
        StartTimestamp: start,
        RingTimestamp: start,
        AcceptTimestamp: answered ? start + ring : 0,
        EndedTimestamp: endAt,
        QueuedTimestamp: 0,
        HungUpSide: answered ? pick(this.#random, ['seat', 'user']) : 'system',
        ServeParticipants: agent ? [{ Mail: agent.email, Type: 'staffSeat', StartTimestamp: start, EndedTimestamp: endAt }] : [],
        IVRDuration: 0,
      };
    } else {
      // Inbound: IVR, then the queue, then an agent rings; where it stops depends on the kind.
      const stages = { ivrGiveUp: [ivr], noSeatOnline: [ivr], waitingGiveUp: [ivr, queue], ringingGiveUp: [ivr, queue, ring], answered: [ivr, queue, ring, talk] }[kind];
      const start = endAt - stages.reduce((a, b) => a + b, 0);
      const queuedAt = stages.length > 1 ? start + ivr : 0;
      const ringAt = stages.length > 2 ? queuedAt + queue : 0;
      const acceptAt = stages.length > 3 ? ringAt + ring : 0;
      const [code, name] = {
        answered: [1, 'ok'],
        ivrGiveUp: [102, 'ivrGiveUp'],
        waitingGiveUp: [103, 'waitingGiveUp'],
        ringingGiveUp: [104, 'ringingGiveUp'],
        noSeatOnline: [105, 'noSeatOnline'],
      }[kind] as [number, string];
      const reachedAgent = ringAt > 0;
      cdr = {
        SessionId: this.#sessionId(),
        Caller: customer,
        Callee: this.hotline,
        Time: start,
        Direction: 0,
        CallType: 2,
        Duration: acceptAt ? talk : 0,
        EndStatus: code,
        EndStatusString: name,
        SeatUser: reachedAgent ? (seat ?? null) : null,
        SkillGroup: queuedAt ? group.name : '',
        SkillGroupId: queuedAt ? group.id : 0,
        CallerLocation: pick(this.#random, ['Guangdong Shenzhen', 'Shanghai', 'Beijing', 'Zhejiang Hangzhou']),
        IVRDuration: ivr,
        IVRKeyPressedEx: [{ Key: String(SKILL_GROUPS.indexOf(group) + 1), Label: group.name }],
        StartTimestamp: start,
        QueuedTimestamp: queuedAt,
        RingTimestamp: ringAt,
        AcceptTimestamp: acceptAt,
        EndedTimestamp: endAt,
        HungUpSide: acceptAt ? pick(this.#random, ['seat', 'user']) : kind === 'noSeatOnline' ? 'system' : 'user',
        QueuedSkillGroupId: queuedAt ? group.id : 0,
        QueuedSkillGroupName: queuedAt ? group.name : '',
        ServeParticipants:
          reachedAgent && agent
            ? [{ Mail: agent.email, Type: 'staffSeat', RingTimestamp: ringAt, AcceptTimestamp: acceptAt, EndedTimestamp: endAt, Sequence: 0 }]
            : [],
        AsrStatus: acceptAt ? 'Complete' : 'NotExists',
        RecordURL: acceptAt ? `https://record.tccc.example/${this.#model.sdkAppId}/${endAt}.mp3` : '',
      };
    }
    this.#model.addCdr(cdr);
    return cdr;
  }

  /**
   * Live traffic moves one working agent along a call: free -> busy (a call
   * rings through) -> afterCallWork -> free. Breaks, notReady and offline are
   * left to supervisors.
   */
  churnStaff(): void {
    const working = [...this.#model.staff.values()].filter((s) => s.status === 'free' || s.status === 'busy' || s.status === 'afterCallWork');
    if (!working.length) return;
    const s = pick(this.#random, working);
    const next = { free: 'busy', busy: 'afterCallWork', afterCallWork: 'free' } as const;
    this.#model.forceStatus(s.email, next[s.status as keyof typeof next]);
  }

  /** History: calls ending every `everySeconds` (with jitter) over the last `seconds`. */
  seedHistory(seconds: number, everySeconds: number): number {
    const now = this.#model.clock.nowSeconds();
    let n = 0;
    for (let t = now - seconds; t < now; t += Math.max(1, Math.round(everySeconds * (0.5 + this.#random())))) {
      this.callEndingAt(t);
      n++;
    }
    return n;
  }

  /** `n` inbound calls abandoned within the last minute (a burst for alert digests). */
  burst(n: number): SimCdr[] {
    const now = this.#model.clock.nowSeconds();
    return Array.from({ length: n }, (_, i) =>
      this.callEndingAt(now - Math.floor((60 * (n - i)) / n), weighted(this.#random, ABANDON_MIX)[0]),
    );
  }
}
