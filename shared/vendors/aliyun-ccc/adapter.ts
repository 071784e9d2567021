// Alibaba Cloud Contact Center (CCC 2020-07-01) behind the ContactCenter port.
// Input is checked before any request; answers are mapped by mapping.ts; the
// adapter never retries (callers wrap it in withRetry or a queue backoff).
import type { CenterProfile } from '../../config.ts';
import {
  type AgentState,
  type CallRecord,
  type Conference,
  done,
  EndConferenceInput,
  isAbandoned,
  ListAbandonedInput,
  type Outcome,
  type Page,
  SearchCallsInput,
  SetAgentStateInput,
} from '../../domain.ts';
import { InvalidInput, VendorError } from '../../errors.ts';
import { maskPhone } from '../../mask.ts';
import type { CallOptions, Capabilities, ContactCenter } from '../../port.ts';
import { supported } from '../../port.ts';
import { createAliyunSigner, randomNonce, type SignRequest } from '../aliyun/request-signer.ts';
import type { AdapterDeps } from '../deps.ts';
import { CCC_VENDOR, CccClient } from './client.ts';
import { conferenceOutcome } from './conference-outcome.ts';
import {
  destinationHasher,
  encodeConferenceToken,
  readConferenceToken,
  unsupportedVersionReason,
  type ConferenceToken,
  type DestinationHasher,
} from './conference-token.ts';
import { ABANDONED_DISPOSITIONS, dispositionsFor } from './disposition.ts';
import { normalizeAgentId, validateStartConference, type ParsedParticipant } from './input.ts';
import {
  agentStateFromRealtime,
  agentStateFromUserContext,
  callRecordFromCdr,
  conferenceFromCallContext,
  type RequestedParticipant,
} from './mapping.ts';
import type { CallContext, CallDetailRecord, RealtimeAgentState } from './schemas.ts';

export type AliyunCccCenterProfile = Extract<CenterProfile, { vendor: 'aliyun-ccc' }>;

/** CCC releases unanswered legs at TimeoutSeconds; the deadline leaves it this long to say so. */
const DEADLINE_SLACK_MS = 2_000;
/** The API's PageNumber limit (1-100). */
const MAX_PAGE = 100;
const ABANDONED_PAGE_SIZE = 100;
/** ListRealtimeAgentStates takes at most 20 ids. */
const AGENT_LOOKUP_BATCH = 20;
const DEFAULT_BREAK_CODE = 'Break';

const CAPABILITIES: Capabilities = {
  startConference: supported,
  endConference: supported,
  getCall: supported,
  searchCalls: supported,
  getAgentState: supported,
  setAgentState: supported,
  listAbandonedCalls: supported,
};

export interface AliyunCccAdapterOptions {
  center: string;
  profile: AliyunCccCenterProfile;
  deps: AdapterDeps;
  /** Replaces the core signer, e.g. when the Transport signs (n8n). */
  sign?: SignRequest;
}

/** The participants of a token as the mapping matches them: phones by hash, shown masked. */
function requestedFrom(t: ConferenceToken): RequestedParticipant[] {
  return t.participants.map((p) =>
    p.kind === 'phone' ? { address: p.masked, kind: 'phone', destinationHash: p.hash } : { address: p.address, kind: 'agent' },
  );
}

export class AliyunCccAdapter implements ContactCenter {
  readonly vendor = CCC_VENDOR;
  readonly center: string;
  readonly capabilities = CAPABILITIES;
  readonly client: CccClient;
  readonly #instanceId: string;
  readonly #deviceId: string;
  readonly #now: () => Date;
  /** Hashes dialled numbers for pending-result tokens (which never hold them in full). */
  readonly #destinations: DestinationHasher;

  constructor(o: AliyunCccAdapterOptions) {
    this.center = o.center;
    this.#instanceId = o.profile.instanceId;
    this.#deviceId = o.profile.deviceId;
    this.#now = o.deps.now ?? (() => new Date());
    this.#destinations = destinationHasher({
      secret: o.profile.accessKeySecret.reveal(),
      instanceId: o.profile.instanceId,
      accessKeyId: o.profile.accessKeyId,
    });
    const sign =
      o.sign ??
      createAliyunSigner({
        credentials: {
          accessKeyId: o.profile.accessKeyId,
          accessKeySecret: o.profile.accessKeySecret,
          ...(o.profile.securityToken ? { securityToken: o.profile.securityToken } : {}),
        },
        signatureVersion: o.profile.signatureVersion,
        now: this.#now,
        nonce: o.deps.randomId ?? randomNonce,
      });
    this.client = new CccClient({ endpoint: o.profile.endpoint, instanceId: o.profile.instanceId, transport: o.deps.transport, sign });
  }

  // --- conferences ------------------------------------------------------------

  async startConference(input: unknown, opts: CallOptions = {}): Promise<Outcome<Conference>> {
    const v = validateStartConference(input, this.#instanceId);
    const participants = await this.#resolveParticipants(v.participants, opts);
    const { data, raw } = await this.client
      .startConference(
        {
          UserId: v.agentId,
          ParticipantListJson: participants.map((p) => p.address),
          TimeoutSeconds: v.timeoutSeconds,
          Tags: v.tags,
        },
        opts,
      )
      .catch((e: unknown) => {
        throw notRepeatable(e);
      });
    const chair = v.agentId ?? data.UserContext?.UserId;
    const jobId = data.CallContext?.JobId;
    if (!data.CallContext || !jobId) {
      throw new VendorError({
        vendor: CCC_VENDOR,
        vendorCode: 'ccops.InvalidResponse',
        message: 'The contact center accepted the conference but returned no call id, so ccops cannot follow or end it.',
        retryable: false,
      });
    }
    const now = this.#now();
    const t: ConferenceToken = {
      kind: 'conference',
      center: this.center,
      jobId,
      ...(chair ? { agentId: chair } : {}),
      keyId: this.#destinations.keyId,
      participants: participants.map((p) =>
        p.kind === 'phone' ? { kind: 'phone', masked: maskPhone(p.address), hash: this.#destinations.hash(p.address) } : { kind: 'agent', address: p.address },
      ),
      timeoutSeconds: v.timeoutSeconds,
      deadline: new Date(now.getTime() + v.timeoutSeconds * 1000 + DEADLINE_SLACK_MS).toISOString(),
    };
    // Read back from the token, as every poll does: the result is stored and shown like it, numbers masked.
    const conference = conferenceFromCallContext(this.center, data.CallContext, {
      chair,
      participants: requestedFrom(t),
      hashDestination: this.#destinations.hash,
      raw,
    });
    return conferenceOutcome({ conference, token: encodeConferenceToken(t), deadline: t.deadline, timeoutSeconds: t.timeoutSeconds, now });
  }

  async endConference(input: unknown, opts: CallOptions = {}): Promise<Outcome<Conference>> {
    const parsed = EndConferenceInput.safeParse(input);
    if (!parsed.success) throw InvalidInput.fromZod('conference end', parsed.error);
    const agentId = parsed.data.agentId ? normalizeAgentId(parsed.data.agentId, this.#instanceId) : undefined;
    const { data, raw } = await this.client.endConference({ JobId: parsed.data.conferenceId.trim(), UserId: agentId }, opts);
    const chair = agentId ?? data.UserContext?.UserId;
    const call: CallContext = data.CallContext ?? {
      CallType: undefined,
      InstanceId: this.#instanceId,
      JobId: parsed.data.conferenceId,
      ChannelContexts: [],
    };
    return done(conferenceFromCallContext(this.center, { ...call, JobId: call.JobId ?? parsed.data.conferenceId }, { chair, raw }));
  }

  async pollOutcome(token: string, opts: CallOptions = {}): Promise<Outcome<Conference | AgentState>> {
    const read = readConferenceToken(token);
    if (!read.ok) return { status: 'failed', code: 'token_version', reason: unsupportedVersionReason(read.version) };
    const t = read.token;
    if (t.center !== this.center) {
      throw new InvalidInput(`This pending result belongs to center "${t.center}", not "${this.center}".`, [
        { path: 'token', message: 'token of another center' },
      ]);
    }
    if (t.keyId !== this.#destinations.keyId) {
      return {
        status: 'failed',
        code: 'token_key',
        reason:
          `This pending result was written under other credentials of center "${this.center}" (its AccessKey secret changed, or it came from n8n), ` +
          'so its participants cannot be matched here. Look the conference up by its call id.',
      };
    }
    const { data, raw } = await this.client.pollUserStatus({ UserId: t.agentId, DeviceId: this.#deviceId }, opts);
    const call = data.CallContext;
    if (!call || call.JobId !== t.jobId) {
      return {
        status: 'failed',
        code: 'ended',
        reason: 'The conference call has ended (the host agent is no longer in it).',
        value: { center: this.center, id: t.jobId, ...(t.agentId ? { chair: t.agentId } : {}), participants: [], raw: {} },
      };
    }
    const conference = conferenceFromCallContext(this.center, call, {
      chair: t.agentId,
      participants: requestedFrom(t),
      hashDestination: this.#destinations.hash,
      raw,
    });
    return conferenceOutcome({ conference, token, deadline: t.deadline, timeoutSeconds: t.timeoutSeconds, now: this.#now() });
  }

  /** Agent ids become their extensions (one lookup for all of them); unknown ones are a VendorError. */
  async #resolveParticipants(ps: readonly ParsedParticipant[], opts: CallOptions): Promise<RequestedParticipant[]> {
    const ids = [...new Set(ps.flatMap((p) => (p.kind === 'agent-id' ? [p.agentId] : [])))];
    const found = ids.length ? await this.#lookupAgents(ids, opts) : new Map<string, RealtimeAgentState>();
    return ps.map((p) => {
      if (p.kind !== 'agent-id') return { address: p.address, kind: p.kind };
      const ext = found.get(p.agentId)?.Extension;
      if (!ext) throw unknownAgent(p.agentId, this.center);
      return { address: ext, kind: 'agent' };
    });
  }

  async #lookupAgents(ids: readonly string[], opts: CallOptions): Promise<Map<string, RealtimeAgentState>> {
    const out = new Map<string, RealtimeAgentState>();
    for (let i = 0; i < ids.length; i += AGENT_LOOKUP_BATCH) {
      const batch = ids.slice(i, i + AGENT_LOOKUP_BATCH);
      const { data } = await this.client.listRealtimeAgentStates(
        { AgentIdList: batch, PageNumber: 1, PageSize: batch.length },
        opts,
      );
      for (const a of data.List) if (a.AgentId) out.set(a.AgentId, a);
    }
    return out;
  }

  // --- agents -----------------------------------------------------------------

  async getAgentState(agentId: string, opts: CallOptions = {}): Promise<AgentState> {
    const id = normalizeAgentId(agentId, this.#instanceId);
    const { data, raw } = await this.client.listRealtimeAgentStates({ AgentIdList: [id], PageNumber: 1, PageSize: 1 }, opts);
    const i = data.List.findIndex((a) => a.AgentId === id);
    if (i < 0) throw unknownAgent(id, this.center);
    const rawItem = (raw as { List?: unknown[] } | null)?.List?.[i];
    return agentStateFromRealtime(this.center, data.List[i]!, rawItem);
  }

  async setAgentState(input: unknown, opts: CallOptions = {}): Promise<Outcome<AgentState>> {
    const parsed = SetAgentStateInput.safeParse(input);
    if (!parsed.success) throw InvalidInput.fromZod('agent status change', parsed.error);
    const UserId = normalizeAgentId(parsed.data.agentId, this.#instanceId);
    const DeviceId = this.#deviceId;
    const target = parsed.data.target;
    let result;
    switch (target.kind) {
      case 'ready':
        result = await this.client.readyForService({ UserId, DeviceId }, opts);
        break;
      case 'break':
        result = await this.client.takeBreak({ UserId, DeviceId, Code: target.reason ?? DEFAULT_BREAK_CODE }, opts);
        break;
      case 'offline':
        result = await this.client.signOutGroup({ UserId, DeviceId }, opts);
        break;
      case 'online': {
        let groups = target.skillGroups;
        if (!groups?.length) {
          // SignInGroup needs the groups; without any named, sign in to all the agent belongs to.
          const agent = (await this.#lookupAgents([UserId], opts)).get(UserId);
          if (!agent) throw unknownAgent(UserId, this.center);
          groups = agent.SkillGroupIdList;
          if (!groups.length) {
            throw new InvalidInput(`Agent ${UserId} belongs to no skill group; name the groups to sign in to.`, [
              { path: 'target.skillGroups', message: 'name at least one skill group' },
            ]);
          }
        }
        result = await this.client.signInGroup({ UserId, DeviceId, SignedSkillGroupIdList: groups }, opts);
        break;
      }
      default: {
        const never: never = target;
        throw new InvalidInput(`Unknown agent status target ${JSON.stringify(never)}`);
      }
    }
    return done(agentStateFromUserContext(this.center, UserId, result.data, result.raw));
  }

  // --- calls ------------------------------------------------------------------

  async getCall(callId: string, opts: CallOptions = {}): Promise<CallRecord> {
    const id = typeof callId === 'string' ? callId.trim() : '';
    if (!id) throw new InvalidInput('Invalid call id: name the call (its id looks like job-…).', [{ path: 'callId', message: 'required' }]);
    const { data, raw, requestId } = await this.client.getCallDetailRecord({ ContactId: id }, opts);
    if (!data) {
      throw new VendorError({
        vendor: CCC_VENDOR,
        vendorCode: 'NotExists.ContactId',
        message: `No call ${id} in contact center ${this.center}.`,
        requestId,
        retryable: false,
      });
    }
    return callRecordFromCdr(this.center, data, raw);
  }

  async searchCalls(input: SearchCallsInput, opts: CallOptions = {}): Promise<Page<CallRecord>> {
    const parsed = SearchCallsInput.safeParse(input);
    if (!parsed.success) throw InvalidInput.fromZod('call search', parsed.error);
    const s = parsed.data;
    const page = parsePageCursor(s.cursor);
    // `failed` is "anything else", which no disposition list can express: filter here instead.
    const filterLocally = s.outcomes?.includes('failed') ?? false;
    const dispositions = s.outcomes && !filterLocally ? dispositionsFor(s.outcomes) : undefined;
    const { data, raw } = await this.client.listCallDetailRecordsV2(
      {
        StartTime: Date.parse(s.from),
        EndTime: Date.parse(s.to),
        PageNumber: page,
        PageSize: s.pageSize,
        ContactDispositionList: dispositions,
        AgentId: s.agentId ? normalizeAgentId(s.agentId, this.#instanceId) : undefined,
        Number: s.number,
        SortOrder: 'DESC',
      },
      opts,
    );
    let items = this.#records(data.List, raw);
    if (filterLocally) items = items.filter((c) => s.outcomes!.includes(c.outcome));
    const more = data.List.length >= s.pageSize && page < MAX_PAGE;
    return { items, ...(more ? { nextCursor: String(page + 1) } : {}), ...(data.TotalCount !== undefined ? { total: data.TotalCount } : {}) };
  }

  async listAbandonedCalls(input: unknown, opts: CallOptions = {}): Promise<Page<CallRecord>> {
    const parsed = ListAbandonedInput.safeParse(input);
    if (!parsed.success) throw InvalidInput.fromZod('abandoned-call listing', parsed.error);
    const a = parsed.data;
    // The window's end is fixed by the first page, so later pages do not shift while calls arrive.
    const c = a.cursor ? parseAbandonedCursor(a.cursor) : { page: 1, endMs: a.until ? Date.parse(a.until) : this.#now().getTime() };
    const { data, raw } = await this.client.listCallDetailRecordsV2(
      {
        StartTime: Date.parse(a.since),
        EndTime: c.endMs,
        PageNumber: c.page,
        PageSize: ABANDONED_PAGE_SIZE,
        ContactTypeList: ['INBOUND'],
        ContactDispositionList: ABANDONED_DISPOSITIONS,
        SortOrder: 'ASC',
        OrderByField: 'startTime',
      },
      opts,
    );
    const items = this.#records(data.List, raw).filter((r) => r.direction === 'inbound' && isAbandoned(r.outcome));
    const more = data.List.length >= ABANDONED_PAGE_SIZE && c.page < MAX_PAGE;
    return {
      items,
      ...(more ? { nextCursor: `${c.page + 1}:${c.endMs}` } : {}),
      ...(data.TotalCount !== undefined ? { total: data.TotalCount } : {}),
    };
  }

  #records(list: readonly CallDetailRecord[], raw: unknown): CallRecord[] {
    const rawList = (raw as { List?: unknown[] } | null)?.List ?? [];
    return list.map((r, i) => callRecordFromCdr(this.center, r, rawList[i]));
  }

  /** Reads one row of the agent list: proves the endpoint, the keys and the instance without changing anything. */
  async probe(opts: CallOptions = {}): Promise<string> {
    const { data } = await this.client.listRealtimeAgentStates({ PageNumber: 1, PageSize: 1 }, opts);
    const agents = data.TotalCount === undefined ? '' : ` (${data.TotalCount} agent${data.TotalCount === 1 ? '' : 's'})`;
    return `instance ${this.#instanceId} answers${agents}`;
  }

  /** The transport belongs to whoever created the adapter; nothing else to release. */
  async close(): Promise<void> {}
}

/**
 * StartConference dials people and takes no idempotency token, so a server-side
 * failure (InternalError, InternalService.*, 5xx) may still have started the
 * calls: it is not retried, or the participants would be rung twice. Throttling
 * is refused before anything happens and stays retryable.
 */
function notRepeatable(e: unknown): unknown {
  if (!(e instanceof VendorError) || !e.retryable || e.vendorCode.startsWith('Throttling')) return e;
  return new VendorError(
    {
      vendor: e.vendor,
      vendorCode: e.vendorCode,
      message: `The contact center failed while starting the conference (${e.vendorCode}). The conference may have started anyway: check the agent's call before starting it again.`,
      ...(e.requestId !== undefined ? { requestId: e.requestId } : {}),
      ...(e.httpStatus !== undefined ? { httpStatus: e.httpStatus } : {}),
      retryable: false,
      ...(e.vendorMessage !== undefined ? { vendorMessage: e.vendorMessage } : {}),
    },
    { cause: e },
  );
}

function unknownAgent(agentId: string, center: string): VendorError {
  return new VendorError({
    vendor: CCC_VENDOR,
    vendorCode: 'NotExists.UserId',
    message: `No agent ${agentId} in contact center ${center}. Check the id (agents look like name@instance).`,
    httpStatus: 404,
    retryable: false,
  });
}

function parsePageCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 1;
  const n = Number(cursor);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) {
    throw new InvalidInput('Invalid cursor: pass back the nextCursor of the previous page.', [{ path: 'cursor', message: 'not a page cursor' }]);
  }
  return n;
}

function parseAbandonedCursor(cursor: string): { page: number; endMs: number } {
  const m = /^(\d{1,3}):(\d{1,15})$/.exec(cursor);
  const page = m ? Number(m[1]) : NaN;
  if (!m || page < 1 || page > MAX_PAGE) {
    throw new InvalidInput('Invalid cursor: pass back the nextCursor of the previous page.', [{ path: 'cursor', message: 'not a page cursor' }]);
  }
  return { page, endMs: Number(m[2]) };
}
