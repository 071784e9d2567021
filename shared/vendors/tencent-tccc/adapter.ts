// Tencent Cloud Contact Center behind the ContactCenter port.
// Calls: DescribeTelCdr (windows under 90 days, pages of at most 100) and
// DescribeSessionDetail. Agents: DescribeStaffStatusMetrics, SetStaffStatus
// (at most 10 a call, errors per item), ForceMemberOffline /
// RestoreMemberOnline. TCCC has no server-side conference.
import type { z } from 'zod/v4';
import type { Resolved } from '../../config.ts';
import {
  type AgentState,
  type CallRecord,
  type Conference,
  type EndConferenceInput,
  isAbandoned,
  ListAbandonedInput,
  type Outcome,
  type Page,
  SearchCallsInput,
  SetAgentStateInput,
  type StartConferenceInput,
} from '../../domain.ts';
import { InvalidInput, VendorError } from '../../errors.ts';
import type { Transport } from '../../http.ts';
import { withRetry, type RetryPolicy } from '../../retry.ts';
import {
  assertSupported,
  type CallOptions,
  type Capabilities,
  type ContactCenter,
  supported,
  unsupported,
} from '../../port.ts';
import { type TcccSign, TcccClient, tc3Sign } from './client.ts';
import { tencentError, VENDOR } from './errors.ts';
import {
  DescribeSessionDetailResponse,
  DescribeStaffStatusMetricsResponse,
  DescribeTelCdrResponse,
  EmptyResponse,
  mapSessionDetail,
  mapSetStaffStatusItem,
  mapStaffStatus,
  mapTelCdr,
  SetStaffStatusResponse,
  type TelCdrInfo,
} from './mapping.ts';
import type { TencentTcccProfile } from './profile.ts';
import {
  checkRetention,
  type Cursor,
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  MAX_WINDOW_SECONDS,
  oldestSearchable,
  splitWindow,
  toSeconds,
  type Window,
} from './windows.ts';

export const NO_CONFERENCE =
  'Tencent Cloud Contact Center (TCCC) cannot start or end a conference from the server: its API has no conference or three-way call. ' +
  'The agent can transfer the call to a colleague or a skill group, or put it on hold, from the TCCC agent workbench (Web SDK) instead.';

/** SetStaffStatus takes at most 10 agents a call. */
export const SET_STATUS_BATCH = 10;
/** DescribeTelCdr pages fetched by one listing call before it hands back a cursor. */
const MAX_REQUESTS_PER_LISTING = 40;
/** Abandoned calls are sorted oldest first within windows this long, each read whole. */
const ABANDONED_WINDOW_SECONDS = 86_400 - 1;

/** What SetStaffStatus accepts (free 示闲, notReady 示忙, rest 小休). */
export type StaffStatusValue = 'free' | 'notReady' | 'rest';
export interface StaffStatusChange {
  agentId: string;
  status: StaffStatusValue;
  /** The break reason, for `rest`. */
  reason?: string;
}
export type StaffStatusResult =
  | { agentId: string; ok: true; state: AgentState; previousStatus?: string }
  | { agentId: string; ok: false; error: VendorError };

export interface TencentTcccAdapterOptions {
  center: string;
  profile: Resolved<TencentTcccProfile>;
  transport: Transport;
  /** @defaultValue () => new Date() */
  now?: () => Date;
  /** Replaces TC3 signing with the profile's keys (the n8n credential signs). */
  sign?: TcccSign;
  /**
   * Retries of retryable errors (throttling; server errors of reads) for each
   * page of a listing (searchCalls, listAbandonedCalls), so one throttled page
   * does not throw away the pages already read. Single requests are not
   * retried here: callers (the CLI's withRetry, the operations queue) do that
   * from VendorError.retryable. `false`: no retries at all.
   * @defaultValue 3 attempts, 250 ms base
   */
  retry?: RetryPolicy | false;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 250, maxDelayMs: 2_000 };

export class TencentTcccAdapter implements ContactCenter {
  readonly vendor = 'tencent-tccc' as const;
  readonly center: string;
  readonly capabilities: Capabilities = {
    startConference: unsupported(NO_CONFERENCE),
    endConference: unsupported(NO_CONFERENCE),
    getCall: supported,
    searchCalls: supported,
    getAgentState: supported,
    setAgentState: supported,
    listAbandonedCalls: supported,
  };

  readonly #client: TcccClient;
  readonly #sdkAppId: number;
  readonly #now: () => Date;
  readonly #retry: RetryPolicy | false;

  constructor(o: TencentTcccAdapterOptions) {
    this.center = o.center;
    this.#sdkAppId = o.profile.sdkAppId;
    this.#now = o.now ?? (() => new Date());
    this.#retry = o.retry ?? DEFAULT_RETRY;
    this.#client = new TcccClient({
      endpoint: o.profile.endpoint,
      transport: o.transport,
      now: this.#now,
      ...(o.profile.region ? { region: o.profile.region } : {}),
      sign:
        o.sign ??
        tc3Sign({
          secretId: o.profile.secretId,
          secretKey: o.profile.secretKey,
          ...(o.profile.token ? { token: o.profile.token } : {}),
        }),
    });
  }

  async #call<S extends z.ZodType>(
    action: string,
    params: Record<string, unknown>,
    schema: S,
    write: boolean,
    signal?: AbortSignal,
    retried = false,
  ): Promise<{ data: z.output<S>; requestId: string }> {
    const body = { SdkAppId: this.#sdkAppId, ...params };
    const once = () => this.#client.call(action, body, schema, { write, ...(signal ? { signal } : {}) });
    if (!retried || !this.#retry) return once();
    return withRetry(once, this.#retry, { write, ...(signal ? { signal } : {}) });
  }

  // --- conference: not offered --------------------------------------------------

  async startConference(_input: StartConferenceInput, _opts?: CallOptions): Promise<Outcome<Conference>> {
    assertSupported(this, 'startConference');
    throw new Error('unreachable: TCCC has no conference');
  }

  async endConference(_input: EndConferenceInput, _opts?: CallOptions): Promise<Outcome<Conference>> {
    assertSupported(this, 'endConference');
    throw new Error('unreachable: TCCC has no conference');
  }

  // --- calls ------------------------------------------------------------------------

  async getCall(callId: string, opts?: CallOptions): Promise<CallRecord> {
    if (!callId) throw new InvalidInput('Name the call: its TCCC session id.', [{ path: 'callId', message: 'required' }]);
    // The session's date is unknown: look in the latest 90 days, then in the 90 before.
    const now = toSeconds(this.#now());
    const windows = splitWindow(oldestSearchable(now), now).reverse();
    let lastRequestId: string | undefined;
    for (const w of windows) {
      try {
        const { data } = await this.#call(
          'DescribeSessionDetail',
          { SessionId: callId, StartTimestamp: w.start, EndTimestamp: w.end },
          DescribeSessionDetailResponse,
          false,
          opts?.signal,
        );
        return mapSessionDetail(this.center, callId, data);
      } catch (e) {
        if (!(e instanceof VendorError) || !isNotFound(e.vendorCode)) throw e;
        lastRequestId = e.requestId;
      }
    }
    throw new VendorError({
      vendor: VENDOR,
      vendorCode: 'InvalidParameterValue.RecordNotExist',
      message: `TCCC has no call with session id ${callId} in the last 180 days (it keeps records that long).`,
      requestId: lastRequestId,
      retryable: false,
    });
  }

  async searchCalls(input: SearchCallsInput, opts?: CallOptions): Promise<Page<CallRecord>> {
    const parsed = SearchCallsInput.safeParse(input);
    if (!parsed.success) throw InvalidInput.fromZod('call search', parsed.error);
    const q = parsed.data;
    const start = toSeconds(q.from);
    const end = toSeconds(q.to);
    checkRetention(start, toSeconds(this.#now()));
    const windows = splitWindow(start, end);
    const filtered = !!q.agentId || !!q.outcomes;
    const keep = (r: CallRecord) =>
      (!q.agentId || r.agents.includes(q.agentId)) && (!q.outcomes || q.outcomes.includes(r.outcome));

    let at: Cursor | undefined = q.cursor
      ? decodeCursor(q.cursor)
      : windows[0] && { w: windows[0].start, p: 0, i: 0, s: filtered ? MAX_PAGE_SIZE : q.pageSize };
    const items: CallRecord[] = [];
    let total: number | undefined;
    let requests = 0;
    while (at && items.length < q.pageSize && requests < MAX_REQUESTS_PER_LISTING) {
      const wi = windows.findIndex((w) => w.start === at!.w);
      if (wi < 0) throw decodeCursorMismatch();
      const page = await this.#cdrPage(windows[wi]!, at.p, at.s, q.number, opts?.signal);
      requests++;
      if (windows.length === 1 && !filtered) total = page.total;
      let i = at.i;
      for (; i < page.records.length && items.length < q.pageSize; i++) {
        const record = mapTelCdr(this.center, page.records[i]!);
        if (keep(record)) items.push(record);
      }
      if (i < page.records.length) at = { ...at, i };
      else if ((at.p + 1) * at.s < page.total && page.records.length > 0) at = { ...at, p: at.p + 1, i: 0 };
      else {
        const next = windows[wi + 1];
        at = next && { w: next.start, p: 0, i: 0, s: at.s };
      }
    }
    return { items, ...(at ? { nextCursor: encodeCursor(at) } : {}), ...(total !== undefined ? { total } : {}) };
  }

  async listAbandonedCalls(input: ListAbandonedInput, opts?: CallOptions): Promise<Page<CallRecord>> {
    const parsed = ListAbandonedInput.safeParse(input);
    if (!parsed.success) throw InvalidInput.fromZod('abandoned-call listing', parsed.error);
    const q = parsed.data;
    const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
    const now = toSeconds(this.#now());
    const end = cursor?.u ?? (q.until ? toSeconds(q.until) : now);
    // Older records no longer exist at TCCC: start where its retention does.
    // A cursor carries where it stopped, so later pages do not depend on the clock.
    const start = cursor ? cursor.w : Math.max(toSeconds(q.since), oldestSearchable(now));
    const windows = splitWindow(start, end, ABANDONED_WINDOW_SECONDS);

    let wi = 0;
    let skip = cursor?.i ?? 0;
    let requests = 0;
    while (wi < windows.length && requests < MAX_REQUESTS_PER_LISTING) {
      // A whole window is read so that its abandoned calls come out oldest first
      // whatever order TCCC lists them in.
      const w = windows[wi]!;
      const abandoned: { record: CallRecord; time: number }[] = [];
      for (let p = 0; ; p++) {
        const page = await this.#cdrPage(w, p, MAX_PAGE_SIZE, undefined, opts?.signal);
        requests++;
        for (const raw of page.records) {
          const record = mapTelCdr(this.center, raw);
          if (record.direction === 'inbound' && isAbandoned(record.outcome)) abandoned.push({ record, time: raw.Time });
        }
        if ((p + 1) * MAX_PAGE_SIZE >= page.total || page.records.length === 0) break;
      }
      abandoned.sort((a, b) => a.time - b.time || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
      const items = abandoned.slice(skip, skip + MAX_PAGE_SIZE).map((a) => a.record);
      const rest = abandoned.length - skip - items.length;
      skip = 0;
      if (rest > 0) {
        return { items, nextCursor: encodeCursor({ w: w.start, p: 0, i: abandoned.length - rest, s: MAX_PAGE_SIZE, u: end }) };
      }
      wi++;
      if (items.length > 0) {
        const next = windows[wi];
        return { items, ...(next ? { nextCursor: encodeCursor({ w: next.start, p: 0, i: 0, s: MAX_PAGE_SIZE, u: end }) } : {}) };
      }
    }
    const next = windows[wi];
    return { items: [], ...(next ? { nextCursor: encodeCursor({ w: next.start, p: 0, i: 0, s: MAX_PAGE_SIZE, u: end }) } : {}) };
  }

  async #cdrPage(
    w: Window,
    pageNumber: number,
    pageSize: number,
    phone: string | undefined,
    signal?: AbortSignal,
  ): Promise<{ records: TelCdrInfo[]; total: number }> {
    if (w.end - w.start > MAX_WINDOW_SECONDS) throw new Error('TCCC window longer than 90 days'); // a bug in splitWindow
    const { data } = await this.#call(
      'DescribeTelCdr',
      {
        StartTimeStamp: w.start,
        EndTimeStamp: w.end,
        PageSize: pageSize,
        PageNumber: pageNumber,
        ...(phone ? { Phones: phoneForms(phone) } : {}),
      },
      DescribeTelCdrResponse,
      false,
      signal,
      true,
    );
    return { records: data.TelCdrList ?? data.TelCdrs ?? [], total: data.TotalCount };
  }

  // --- agents -----------------------------------------------------------------------

  /** Current states of the named agents (all agents when none is named). */
  async listAgentStates(agentIds?: string[], opts?: CallOptions): Promise<AgentState[]> {
    const { data } = await this.#call(
      'DescribeStaffStatusMetrics',
      agentIds?.length ? { StaffList: agentIds } : {},
      DescribeStaffStatusMetricsResponse,
      false,
      opts?.signal,
    );
    return (data.Metrics ?? []).map((m) => mapStaffStatus(this.center, m));
  }

  async getAgentState(agentId: string, opts?: CallOptions): Promise<AgentState> {
    if (!agentId) throw new InvalidInput('Name the agent: their TCCC account.', [{ path: 'agentId', message: 'required' }]);
    const { data, requestId } = await this.#call(
      'DescribeStaffStatusMetrics',
      { StaffList: [agentId] },
      DescribeStaffStatusMetricsResponse,
      false,
      opts?.signal,
    );
    const m = (data.Metrics ?? []).find((x) => x.Email.toLowerCase() === agentId.toLowerCase());
    if (!m) {
      throw new VendorError({
        vendor: VENDOR,
        vendorCode: 'ccops.AgentNotFound',
        message: `TCCC reports no status for agent ${agentId}: there is no such agent in this application. TCCC names agents by their account (usually an e-mail address).`,
        requestId,
        retryable: false,
      });
    }
    return mapStaffStatus(this.center, m);
  }

  async setAgentState(input: SetAgentStateInput, opts?: CallOptions): Promise<Outcome<AgentState>> {
    const parsed = SetAgentStateInput.safeParse(input);
    if (!parsed.success) throw InvalidInput.fromZod('agent state change', parsed.error);
    const { agentId, target } = parsed.data;
    switch (target.kind) {
      case 'ready':
      case 'break': {
        const change: StaffStatusChange =
          target.kind === 'ready'
            ? { agentId, status: 'free' }
            : { agentId, status: 'rest', ...(target.reason ? { reason: target.reason } : {}) };
        const [result] = await this.setStaffStatuses([change], opts);
        if (!result) throw new Error('unreachable: one change, one result');
        if (!result.ok) throw result.error;
        return { status: 'done', value: result.state };
      }
      case 'offline':
        await this.#call('ForceMemberOffline', { UserId: agentId }, EmptyResponse, true, opts?.signal);
        return { status: 'done', value: await this.getAgentState(agentId, opts) };
      case 'online':
        if (target.skillGroups?.length) {
          throw new InvalidInput(
            'TCCC brings an agent back online with the skill groups configured for them; choosing skill groups here is not supported. Leave them out, or change the agent in the TCCC console.',
            [{ path: 'target.skillGroups', message: 'not supported by TCCC' }],
          );
        }
        await this.#call('RestoreMemberOnline', { UserId: agentId }, EmptyResponse, true, opts?.signal);
        return { status: 'done', value: await this.getAgentState(agentId, opts) };
    }
  }

  /**
   * Sets several agents' statuses, 10 to a SetStaffStatus call. Each agent's
   * result is checked on its own: TCCC can refuse one agent (ErrorCode on the
   * item) in a call that otherwise succeeds.
   */
  async setStaffStatuses(changes: StaffStatusChange[], opts?: CallOptions): Promise<StaffStatusResult[]> {
    for (const [i, c] of changes.entries()) {
      if (!c.agentId) throw new InvalidInput('Name each agent.', [{ path: `${i}.agentId`, message: 'required' }]);
      if (!['free', 'notReady', 'rest'].includes(c.status)) {
        throw new InvalidInput('TCCC can set an agent to free, notReady or rest only.', [{ path: `${i}.status`, message: `got ${c.status}` }]);
      }
      if (c.reason !== undefined && c.reason.length > 64) {
        throw new InvalidInput('Keep the break reason under 64 characters.', [{ path: `${i}.reason`, message: 'too long' }]);
      }
    }
    const results: StaffStatusResult[] = [];
    for (let i = 0; i < changes.length; i += SET_STATUS_BATCH) {
      const batch = changes.slice(i, i + SET_STATUS_BATCH);
      const at = this.#now();
      try {
        const { data, requestId } = await this.#call(
          'SetStaffStatus',
          {
            StaffStatusList: batch.map((c) => ({
              StaffUserId: c.agentId,
              Status: c.status,
              ...(c.reason ? { Reason: c.reason } : {}),
            })),
          },
          SetStaffStatusResponse,
          true,
          opts?.signal,
        );
        const items = data.StaffStatusList ?? [];
        for (const c of batch) {
          const item = items.find((x) => x.StaffUserId === c.agentId);
          if (!item) {
            results.push({
              agentId: c.agentId,
              ok: false,
              error: new VendorError({
                vendor: VENDOR,
                vendorCode: 'ccops.NoItemResult',
                message: `TCCC did not say whether it changed ${c.agentId}'s status. Check the agent's state before trying again.`,
                requestId,
                retryable: false,
              }),
            });
          } else if (item.ErrorCode) {
            const error = tencentError(item.ErrorCode, {
              action: 'SetStaffStatus',
              write: true,
              requestId,
              ...(item.ErrorMessage ? { vendorMessage: item.ErrorMessage } : {}),
            });
            results.push({ agentId: c.agentId, ok: false, error });
          } else {
            results.push({
              agentId: c.agentId,
              ok: true,
              state: mapSetStaffStatusItem(this.center, item, at),
              ...(item.PreviousStatus ? { previousStatus: item.PreviousStatus } : {}),
            });
          }
        }
      } catch (e) {
        if (!(e instanceof VendorError)) throw e;
        // The whole call was refused: every agent of this batch carries the reason; later batches still run.
        for (const c of batch) results.push({ agentId: c.agentId, ok: false, error: e });
      }
    }
    return results;
  }

  // --- the rest -------------------------------------------------------------------------

  async pollOutcome(token: string, _opts?: CallOptions): Promise<Outcome<Conference | AgentState>> {
    throw new InvalidInput(
      `TCCC operations finish at once, so there is nothing to check for "${token}". Run the operation again to see its result.`,
      [{ path: 'token', message: 'no pending TCCC operation' }],
    );
  }

  /** The transport belongs to whoever created the adapter (it may serve several centers). */
  async close(): Promise<void> {}
}

/**
 * TCCC writes numbers with the international prefix (`008613012345678`);
 * people type `13012345678` or `+8613012345678`. Phones matches any of them.
 */
export function phoneForms(input: string): string[] {
  const digits = input.replace(/[\s-]/g, '');
  const national = digits.replace(/^(\+86|0086)/, '');
  const forms = new Set([digits]);
  if (/^1\d{10}$/.test(national)) {
    forms.add(national);
    forms.add(`0086${national}`);
  }
  return [...forms];
}

function isNotFound(code: string): boolean {
  return code.startsWith('ResourceNotFound') || code === 'InvalidParameterValue.RecordNotExist';
}

function decodeCursorMismatch(): InvalidInput {
  return new InvalidInput('The paging cursor belongs to another search; start the listing again without it.', [
    { path: 'cursor', message: 'does not match this search' },
  ]);
}
