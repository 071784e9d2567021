// The AICCS hotline as a ContactCenter: calls through HotlineSessionQuery,
// agent state through the hotline service actions. AICCS has no conference
// API a bot can drive, so those two operations say what the vendor offers.
import { z } from 'zod/v4';
import {
  type AgentState,
  type CallOutcome,
  type CallRecord,
  type Conference,
  done,
  type EndConferenceInput,
  type StartConferenceInput,
  isAbandoned,
  ListAbandonedInput,
  type Outcome,
  type Page,
  SearchCallsInput,
  SetAgentStateInput,
} from '../../domain.ts';
import { ConfigError, InvalidInput, UnsupportedOperation, VendorError } from '../../errors.ts';
import { type Transport, UndiciTransport } from '../../http.ts';
import { type CallOptions, type Capabilities, type ContactCenter, supported, unsupported } from '../../port.ts';
import type { Secret } from '../../secret.ts';
import type { SignRequest } from '../aliyun/index.ts';
import { AliyunAiccsClient } from './client.ts';
import { VENDOR } from './errors.ts';
import { breakTypeFor, callResultCategories, toAgentState, toCallRecord } from './mapping.ts';

export const AICCS_CAPABILITIES: Capabilities = {
  startConference: unsupported(
    'Alibaba AICCS has no API to start a conference. An agent adds a third party from the AICCS workbench during a live call ' +
      '(JoinThirdCall needs the ids of that call, which only the agent\'s workbench has). Ask the agent to add the participant there, ' +
      'or to transfer the call to a skill group.',
  ),
  endConference: unsupported(
    'Alibaba AICCS has no conference a bot can end. A third party added in the AICCS workbench is dropped there by the agent ' +
      '(HangupThirdCall needs the ids of the live call).',
  ),
  getCall: supported,
  searchCalls: supported,
  getAgentState: supported,
  setAgentState: supported,
  listAbandonedCalls: supported,
};

/** What a resolved `aliyun-aiccs` profile carries (secrets loaded). */
export interface AliyunAiccsSettings {
  endpoint: string;
  instanceId: string;
  accessKeyId: string;
  accessKeySecret: Secret;
  securityToken?: Secret;
  signatureVersion: 'v3' | 'v2';
  timeZone: string;
}

export interface AliyunAiccsCenterOptions {
  /** The profile name, e.g. `hangzhou`. */
  center: string;
  profile: AliyunAiccsSettings;
  /** A Transport owned by the caller (not closed by `close`). @defaultValue a new UndiciTransport, closed by `close` */
  transport?: Transport;
  sign?: SignRequest;
  /** @defaultValue () => new Date() */
  now?: () => Date;
  clientToken?: () => string;
  /** Records per HotlineSessionQuery page when listing abandoned calls. @defaultValue 100 */
  abandonedPageSize?: number;
  /**
   * How long before the window a call abandoned in it may have come in
   * (IVR + queue + ringing); HotlineSessionQuery filters on CreateTime.
   * @defaultValue 1800000 (30 minutes)
   */
  abandonedLookbackMs?: number;
}

const NonEmpty = z.string().trim().min(1, 'must not be empty');

const PAGE_CURSOR = /^page:([1-9]\d{0,6})$/;

function pageFrom(cursor: string | undefined): number {
  if (cursor === undefined) return 1;
  const m = PAGE_CURSOR.exec(cursor);
  if (!m) throw new InvalidInput(`The cursor "${cursor}" was not given by this contact center; start again without it.`);
  return Number(m[1]);
}

const ABANDONED_CURSOR = /^page:([1-9]\d{0,6}):(\d{1,15})$/;

function abandonedCursor(cursor: string): { pageNo: number; endMs: number } {
  const m = ABANDONED_CURSOR.exec(cursor);
  if (!m) throw new InvalidInput(`The cursor "${cursor}" was not given by this contact center; start again without it.`);
  return { pageNo: Number(m[1]), endMs: Number(m[2]) };
}

function parse<T extends z.ZodType>(what: string, schema: T, v: unknown): z.output<T> {
  const r = schema.safeParse(v);
  if (!r.success) throw InvalidInput.fromZod(what, r.error);
  return r.data;
}

export class AliyunAiccsCenter implements ContactCenter {
  readonly vendor = VENDOR;
  readonly center: string;
  readonly capabilities = AICCS_CAPABILITIES;
  readonly client: AliyunAiccsClient;
  readonly #timeZone: string;
  readonly #now: () => Date;
  readonly #transport: Transport;
  readonly #ownsTransport: boolean;
  readonly #abandonedPageSize: number;
  readonly #abandonedLookbackMs: number;

  constructor(o: AliyunAiccsCenterOptions) {
    this.center = o.center;
    this.#timeZone = o.profile.timeZone;
    this.#now = o.now ?? (() => new Date());
    this.#ownsTransport = !o.transport;
    this.#transport = o.transport ?? new UndiciTransport();
    this.#abandonedPageSize = o.abandonedPageSize ?? 100;
    this.#abandonedLookbackMs = o.abandonedLookbackMs ?? 30 * 60_000;
    this.client = new AliyunAiccsClient({
      ...o.profile,
      transport: this.#transport,
      sign: o.sign,
      now: o.now,
      clientToken: o.clientToken,
    });
  }

  startConference(_input: StartConferenceInput): Promise<Outcome<Conference>> {
    return Promise.reject(this.#unsupported('startConference'));
  }

  endConference(_input: EndConferenceInput): Promise<Outcome<Conference>> {
    return Promise.reject(this.#unsupported('endConference'));
  }

  #unsupported(op: 'startConference' | 'endConference'): UnsupportedOperation {
    const cap = this.capabilities[op];
    return new UnsupportedOperation(VENDOR, op, cap.supported ? op : cap.reason);
  }

  #records(raw: ReadonlyArray<Record<string, unknown>> | null | undefined): CallRecord[] {
    return (raw ?? []).map((r) => toCallRecord(this.center, r, this.#timeZone));
  }

  /** By Acid (what the agent workbench shows); the global Id when no Acid matches. */
  async getCall(callId: string, opts: CallOptions = {}): Promise<CallRecord> {
    const id = parse('call id', NonEmpty, callId);
    for (const filter of [{ acid: id }, { id }]) {
      const data = await this.client.sessionQuery({ ...filter, pageNo: 1, pageSize: 1 }, opts.signal);
      const [record] = this.#records(data.CallDetailRecord);
      if (record) return record;
    }
    throw new VendorError({
      vendor: VENDOR,
      vendorCode: 'ccops.CallNotFound',
      message: `AICCS has no call with id ${id} in instance ${this.client.instanceId}. Use the Acid shown in the agent workbench or the call record's Id.`,
      retryable: false,
    });
  }

  /**
   * `number` matches the calling party (CallingNumber), `agentId` the
   * handling agent: a ServicerId (坐席 ID) as call records show, or an account
   * name, which GetHotlineAgentDetail turns into its AgentId. `outcomes`
   * narrow the query with the doc's CallResultList categories, then each
   * record's exact outcome is checked here, so a page can hold fewer items
   * than asked for.
   */
  async searchCalls(input: SearchCallsInput, opts: CallOptions = {}): Promise<Page<CallRecord>> {
    const q = parse('call search', SearchCallsInput, input);
    const pageNo = pageFrom(q.cursor);
    const servicerId = q.agentId ? await this.#servicerId(q.agentId, opts.signal) : undefined;
    const categories = q.outcomes ? callResultCategories(q.outcomes) : undefined;
    const data = await this.client.sessionQuery(
      {
        fromMs: Date.parse(q.from),
        toMs: Date.parse(q.to),
        pageNo,
        pageSize: q.pageSize,
        callingNumbers: q.number ? [q.number] : undefined,
        servicerIds: servicerId ? [servicerId] : undefined,
        callResults: categories,
      },
      opts.signal,
    );
    const all = this.#records(data.CallDetailRecord);
    const wanted = q.outcomes ? new Set<CallOutcome>(q.outcomes) : undefined;
    const items = wanted ? all.filter((r) => wanted.has(r.outcome)) : all;
    const page: Page<CallRecord> = { items };
    const total = data.TotalCount;
    if (total !== undefined && !wanted) page.total = total;
    if (hasMore(pageNo, q.pageSize, total, all.length)) page.nextCursor = `page:${pageNo + 1}`;
    return page;
  }

  async #servicerId(agentId: string, signal?: AbortSignal): Promise<string> {
    if (/^\d+$/.test(agentId)) return agentId;
    const detail = await this.client.agentDetail(agentId, signal);
    if (!detail.AgentId) {
      throw new InvalidInput(`AICCS gave no agent id for "${agentId}"; search by the agent's ServicerId (坐席 ID) instead.`);
    }
    return detail.AgentId;
  }

  /**
   * Inbound and transferred calls (CallType 2, 3) abandoned within the
   * window, by the time they ended, oldest first within a page.
   *
   * HotlineSessionQuery's window is on the call's CreateTime, but a call
   * abandoned now may have come in minutes ago (IVR, queue, ringing), so the
   * query starts `abandonedLookbackMs` earlier and each record is kept when
   * its HangUpTime falls in the window. The window's end is fixed by the first
   * page (in the cursor), so later pages do not shift while calls arrive.
   *
   * No CallResult filter is sent: the doc's filter categories are coarser
   * than the record values and not confirmed against the live API, and an
   * alert must never be lost to a filter; reading the answered calls too
   * costs only bandwidth.
   */
  async listAbandonedCalls(input: ListAbandonedInput, opts: CallOptions = {}): Promise<Page<CallRecord>> {
    const q = parse('abandoned-call query', ListAbandonedInput, input);
    const c = q.cursor
      ? abandonedCursor(q.cursor)
      : { pageNo: 1, endMs: q.until ? Date.parse(q.until) : this.#now().getTime() };
    const sinceMs = Date.parse(q.since);
    if (!(sinceMs < c.endMs)) return { items: [] };
    const pageSize = this.#abandonedPageSize;
    const data = await this.client.sessionQuery(
      { fromMs: sinceMs - this.#abandonedLookbackMs, toMs: c.endMs, pageNo: c.pageNo, pageSize, callTypes: [2, 3] },
      opts.signal,
    );
    const all = this.#records(data.CallDetailRecord);
    const endedAt = (r: CallRecord) => Date.parse(r.releasedAt ?? r.startedAt ?? '');
    const items = all
      .filter((r) => isAbandoned(r.outcome) && endedAt(r) >= sinceMs && endedAt(r) <= c.endMs)
      .sort((a, b) => endedAt(a) - endedAt(b));
    const page: Page<CallRecord> = { items };
    if (hasMore(c.pageNo, pageSize, data.TotalCount, all.length)) page.nextCursor = `page:${c.pageNo + 1}:${c.endMs}`;
    return page;
  }

  /** GetHotlineAgentStatus (the state string, with the break type) and GetHotlineAgentDetail (status code, rest type). */
  async getAgentState(agentId: string, opts: CallOptions = {}): Promise<AgentState> {
    const id = parse('agent id', NonEmpty, agentId);
    const [status, detail] = await Promise.all([
      this.client.agentStatus(id, opts.signal),
      this.client.agentDetail(id, opts.signal),
    ]);
    return toAgentState(this.center, id, status, detail);
  }

  /**
   * ready / online: StartHotlineService; break: SuspendHotlineService with the
   * type read from the reason; offline: FinishHotlineService. Each with a
   * fresh ClientToken. AICCS applies them at once, so the result is `done`
   * with the state read back.
   */
  async setAgentState(input: SetAgentStateInput, opts: CallOptions = {}): Promise<Outcome<AgentState>> {
    const { agentId, target } = parse('agent state change', SetAgentStateInput, input);
    switch (target.kind) {
      case 'online':
        if (target.skillGroups?.length) {
          throw new InvalidInput(
            'AICCS signs an agent in to the skill groups assigned to them in the AICCS console; ccops cannot choose them. Sign in without naming skill groups.',
            [{ path: 'target.skillGroups', message: 'not supported by AICCS' }],
          );
        }
        await this.client.startService(agentId, opts.signal);
        break;
      case 'ready':
        await this.client.startService(agentId, opts.signal);
        break;
      case 'break':
        await this.client.suspendService(agentId, breakTypeFor(target.reason), opts.signal);
        break;
      case 'offline':
        await this.client.finishService(agentId, opts.signal);
        break;
    }
    return done(await this.getAgentState(agentId, opts));
  }

  /**
   * One HotlineSessionQuery row over the last minute: checks keys, endpoint
   * and instance without changing anything. A wrong instance is a
   * configuration error, not an answer (NoTenantFound would otherwise pass
   * for "the vendor answers").
   */
  async probe(opts: CallOptions = {}): Promise<string> {
    const now = this.#now().getTime();
    try {
      const data = await this.client.sessionQuery({ fromMs: now - 60_000, toMs: now, pageNo: 1, pageSize: 1 }, opts.signal);
      return `answers (instance ${this.client.instanceId}, ${data.TotalCount ?? 0} calls in the last minute)`;
    } catch (e) {
      if (e instanceof VendorError && e.vendorCode === 'NoTenantFound') throw new ConfigError(e.message, { cause: e });
      throw e;
    }
  }

  pollOutcome(token: string): Promise<Outcome<Conference | AgentState>> {
    return Promise.reject(
      new InvalidInput(`There is nothing to wait for: AICCS answers every operation at once (token "${token}" is not one of its).`),
    );
  }

  async close(): Promise<void> {
    if (this.#ownsTransport) await this.#transport.close();
  }
}

/** More pages when the total says so, or (no total) when this page was full. */
function hasMore(pageNo: number, pageSize: number, total: number | undefined, got: number): boolean {
  if (total !== undefined) return pageNo * pageSize < total && got > 0;
  return got >= pageSize;
}
