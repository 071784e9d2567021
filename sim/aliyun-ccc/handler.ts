// The HTTP face of the simulated CCC endpoint: the gateway checks first
// (signature, key, clock, nonce), then faults on demand, then the action,
// which reads its parameters only from where the real API reads them.
import { randomUUID } from 'node:crypto';
import { ActionPlan, type FaultPlan, type PlanOptions, type RequestLog, type SimHandler, type SimReply, sleep } from '../server.ts';
import { NonceWindow, type SimAccessKey, verifyGatewayRequest } from './gateway.ts';
import { CccFault, type CccModel, type SimCdr } from './model.ts';
import { callContext, cdrDetail, cdrListItem, realtimeAgent, userContext } from './render.ts';

export const CCC_VERSION = '2020-07-01';

/** Any business or gateway error code on demand (documented codes the model cannot reach by itself). */
export class CccErrorPlan extends ActionPlan<{ status: number; code: string; message: string }> {
  inject(e: { code: string; status: number; message?: string }, opts: PlanOptions = {}): void {
    this.add({ ...e, message: e.message ?? `${e.code} (simulated)` }, opts);
  }
}

export interface CccHandlerOptions {
  model: CccModel;
  keys: ReadonlyMap<string, SimAccessKey>;
  log: RequestLog;
  faults: FaultPlan;
  errors: CccErrorPlan;
  /** The gateway host named in error bodies. @defaultValue ccc.cn-shanghai.aliyuncs.com */
  hostId?: string;
}

type Params = { query: Map<string, string>; form: Map<string, string> };

const json = (status: number, body: unknown, headers?: Record<string, string>): SimReply => ({
  status,
  body: JSON.stringify(body),
  ...(headers ? { headers } : {}),
});
const requestId = () => randomUUID().toUpperCase();

function blank(name: string): CccFault {
  return new CccFault(400, 'Parameter.Blank', `The parameter ${name} must not be null or empty.`);
}

/** A query parameter, as the real API reads it. */
function q(p: Params, name: string): string | undefined {
  const v = p.query.get(name);
  return v === undefined || v === '' ? undefined : v;
}
function required(p: Params, name: string): string {
  const v = q(p, name);
  if (v === undefined) throw blank(name);
  return v;
}
function int(v: string | undefined, name: string, min: number, max: number, fallback?: number): number {
  if (v === undefined) {
    if (fallback === undefined) throw blank(name);
    return fallback;
  }
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CccFault(400, 'Parameter.Invalid', `The parameter ${name} must be an integer from ${min} to ${max}.`);
  }
  return n;
}
function jsonList(v: string | undefined, name: string): string[] | undefined {
  if (v === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string' || typeof x === 'number')) {
    throw new CccFault(400, 'Parameter.Invalid', `The parameter ${name} must be a JSON array of strings.`);
  }
  return parsed.map(String);
}

const ENUMS = {
  ContactTypeList: ['OUTBOUND', 'BACK2BACK', 'PRIVACY_DIAL', 'INTERNAL', 'PREDICTIVE', 'INBOUND', 'CONFERENCE'],
  StateList: ['Ready', 'Talking', 'ACW', 'Break', 'Ringing', 'Offline', 'Dialing'],
  SortOrder: ['ASC', 'DESC'],
};
function checkEnum(values: readonly string[] | undefined, name: keyof typeof ENUMS): void {
  for (const v of values ?? []) {
    if (!ENUMS[name].includes(v)) throw new CccFault(400, 'Parameter.Enumeration', `The parameter ${name} has an invalid value ${v}.`);
  }
}

type ActionResult = { data: unknown; code?: string; detail?: Record<string, string> };
type Action = (p: Params, m: CccModel) => ActionResult;

const ACTIONS: Record<string, Action> = {
  ListRealtimeAgentStates(p, m) {
    const page = int(q(p, 'PageNumber'), 'PageNumber', 1, 100);
    const size = int(q(p, 'PageSize'), 'PageSize', 1, 100);
    // These two arrive in the form body (SDK metadata); in the query they are not read.
    const ids = jsonList(p.form.get('AgentIdList') || undefined, 'AgentIdList');
    const states = jsonList(p.form.get('StateList') || undefined, 'StateList');
    checkEnum(states, 'StateList');
    if (ids && ids.length > 20) throw new CccFault(400, 'Parameter.Invalid', 'The parameter AgentIdList takes at most 20 ids.');
    const group = q(p, 'SkillGroupId');
    const rows = [...m.agents.values()]
      .filter((a) => !ids || ids.includes(a.userId))
      .filter((a) => !group || a.skillGroups.includes(group))
      .map((a) => realtimeAgent(m, a))
      .filter((r) => !states || states.includes(r.State as string));
    return {
      data: { PageNumber: page, PageSize: size, TotalCount: rows.length, List: rows.slice((page - 1) * size, page * size) },
      detail: ids ? { AgentIdList: ids.join(',') } : ({} as Record<string, string>),
    };
  },
  PollUserStatus(p, m) {
    const a = m.agent(q(p, 'UserId'));
    const job = a.jobId ? m.jobs.get(a.jobId) : undefined;
    return {
      data: { ContextId: m.nextId(), UserContext: userContext(m, a), CallContext: job ? callContext(m, job) : null, ChatContexts: [] },
      detail: { UserId: a.userId },
    };
  },
  ReadyForService(p, m) {
    const a = m.readyForService(q(p, 'UserId'));
    return { data: userContext(m, a), detail: { UserId: a.userId } };
  },
  TakeBreak(p, m) {
    const code = required(p, 'Code');
    const a = m.takeBreak(q(p, 'UserId'), code);
    return { data: userContext(m, a), detail: { UserId: a.userId, Code: code } };
  },
  SignInGroup(p, m) {
    const groups = jsonList(required(p, 'SignedSkillGroupIdList'), 'SignedSkillGroupIdList')!;
    if (!groups.length) throw blank('SignedSkillGroupIdList');
    const a = m.signInGroup(q(p, 'UserId'), groups, q(p, 'DeviceId'));
    return { data: userContext(m, a), detail: { UserId: a.userId } };
  },
  SignOutGroup(p, m) {
    const a = m.signOutGroup(q(p, 'UserId'));
    // The API reference's own sample answers this action with Code "200", not "OK".
    return { data: userContext(m, a), code: '200', detail: { UserId: a.userId } };
  },
  StartConference(p, m) {
    const participants = jsonList(required(p, 'ParticipantListJson'), 'ParticipantListJson')!;
    if (!participants.length) throw blank('ParticipantListJson');
    const timeout = int(q(p, 'TimeoutSeconds'), 'TimeoutSeconds', 1, 3600, 30);
    const tags = q(p, 'Tags');
    if (tags && Buffer.byteLength(tags, 'utf8') > 128) throw new CccFault(400, 'Parameter.Invalid', 'The parameter Tags exceeds 128 bytes.');
    const job = m.startConference(q(p, 'UserId'), participants, timeout, tags);
    const host = m.agents.get(job.hostUserId)!;
    return { data: { CallContext: callContext(m, job), UserContext: userContext(m, host) }, detail: { UserId: host.userId, JobId: job.jobId } };
  },
  EndConference(p, m) {
    const jobId = required(p, 'JobId');
    const job = m.endConference(q(p, 'UserId'), jobId);
    const host = m.agents.get(job.hostUserId)!;
    return {
      data: { CallContext: callContext(m, job), UserContext: userContext(m, host), ContextId: m.nextId() },
      detail: { UserId: host.userId, JobId: jobId },
    };
  },
  GetCallDetailRecord(p, m) {
    const id = required(p, 'ContactId');
    return { data: cdrDetail(m.findCall(id)), detail: { ContactId: id } };
  },
  ListCallDetailRecordsV2(p, m) {
    const page = int(q(p, 'PageNumber'), 'PageNumber', 1, 100);
    const size = int(q(p, 'PageSize'), 'PageSize', 1, 100);
    const now = m.clock.nowMs();
    const midnight = new Date(now).setHours(0, 0, 0, 0);
    const from = int(q(p, 'StartTime'), 'StartTime', 0, Number.MAX_SAFE_INTEGER, midnight);
    const to = int(q(p, 'EndTime'), 'EndTime', 0, Number.MAX_SAFE_INTEGER, now);
    const types = jsonList(q(p, 'ContactTypeList'), 'ContactTypeList');
    checkEnum(types, 'ContactTypeList');
    const dispositions = jsonList(q(p, 'ContactDispositionList'), 'ContactDispositionList');
    const ids = jsonList(q(p, 'ContactIdList'), 'ContactIdList');
    const order = q(p, 'SortOrder') ?? 'DESC';
    checkEnum([order], 'SortOrder');
    const agent = q(p, 'AgentId');
    const number = q(p, 'Number');
    const match = (c: SimCdr) =>
      c.StartTime >= from &&
      c.StartTime <= to &&
      (!types || types.includes(c.ContactType)) &&
      (!dispositions || dispositions.includes(c.ContactDisposition)) &&
      (!ids || ids.includes(c.ContactId)) &&
      (!agent || c.AgentIds.split(',').includes(agent)) &&
      (!number || c.CallingNumber.includes(number) || c.CalledNumber.includes(number));
    const rows = m.calls.filter(match);
    if (order === 'DESC') rows.reverse();
    return {
      data: { PageNumber: page, PageSize: size, TotalCount: rows.length, List: rows.slice((page - 1) * size, page * size).map(cdrListItem) },
      detail: { PageNumber: String(page) },
    };
  },
};

export const CCC_ACTIONS = Object.keys(ACTIONS);

export function createCccHandler(o: CccHandlerOptions): SimHandler {
  const nonces = new NonceWindow();
  const hostId = o.hostId ?? 'ccc.cn-shanghai.aliyuncs.com';
  const gatewayError = (status: number, code: string, message: string, headers?: Record<string, string>) =>
    json(
      status,
      { RequestId: requestId(), HostId: hostId, Code: code, Message: message, Recommend: `https://api.aliyun.com/troubleshoot?q=${code}&product=CCC` },
      headers,
    );
  const businessError = (status: number, code: string, message: string) =>
    json(status, { RequestId: requestId(), HttpStatusCode: status, Code: code, Message: message, Params: [] });

  return async (req) => {
    const m = o.model;
    const g = verifyGatewayRequest(req, o.keys, m.clock.nowMs(), nonces);
    const at = m.clock.now().toISOString();
    const log = (action: string, status: number, error?: string, detail?: Record<string, string>) =>
      o.log.add({ at, action, status, ...(error ? { error } : {}), ...(detail ? { detail } : {}) });
    if (!g.ok) {
      log(g.action || '(unknown)', g.status, g.code);
      return gatewayError(g.status, g.code, g.message);
    }
    const base = { nonce: g.nonce, signature: g.signatureVersion };
    if (g.version !== CCC_VERSION) {
      log(g.action, 400, 'InvalidVersion', base);
      return gatewayError(400, 'InvalidVersion', `Specified parameter Version is not valid (${g.version}).`);
    }
    const action = ACTIONS[g.action];
    if (!action) {
      log(g.action, 404, 'InvalidAction.NotFound', base);
      return gatewayError(404, 'InvalidAction.NotFound', `Specified api is not found, please check your url and method (${g.action}).`);
    }

    const fault = o.faults.take(g.action);
    if (fault?.kind === 'slow') await sleep(fault.ms);
    else if (fault?.kind === 'drop') {
      log(g.action, 0, 'dropped', base);
      return 'drop';
    } else if (fault?.kind === 'throttle') {
      const ms = fault.retryAfterMs ?? 1000;
      log(g.action, 400, 'Throttling.User', base);
      return gatewayError(400, 'Throttling.User', 'Request was denied due to user flow control.', { 'x-acs-retry-after': String(ms) });
    } else if (fault?.kind === 'internal') {
      log(g.action, 500, 'InternalError', base);
      return gatewayError(500, 'InternalError', 'The request processing has failed due to some unknown error, exception or failure.');
    } else if (fault?.kind === 'unavailable') {
      log(g.action, 503, 'ServiceUnavailable', base);
      return gatewayError(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.');
    }
    const planned = o.errors.take(g.action);
    if (planned) {
      log(g.action, planned.status, planned.code, base);
      return businessError(planned.status, planned.code, planned.message);
    }

    const params: Params = { query: g.query, form: g.form };
    try {
      const instance = q(params, 'InstanceId');
      if (!instance) throw blank('InstanceId');
      if (instance !== m.instanceId) throw new CccFault(404, 'NotExists.InstanceId', `The specified instance ${instance} does not exist.`);
      const r = action(params, m);
      log(g.action, 200, undefined, { ...base, ...r.detail });
      return json(200, { RequestId: requestId(), HttpStatusCode: 200, Code: r.code ?? 'OK', Message: '', Params: [], Data: r.data });
    } catch (e) {
      if (!(e instanceof CccFault)) throw e;
      log(g.action, e.status, e.errorCode, base);
      return businessError(e.status, e.errorCode, e.message);
    }
  };
}
