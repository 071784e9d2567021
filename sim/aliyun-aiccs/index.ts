// The Alibaba AICCS (2019-10-15) simulator: a real HTTP server that checks
// requests as the Alibaba gateway does (signature, AccessKey, clock skew,
// nonce replay), reads each action's parameters only from where the real
// API reads them (form body or query), and answers from a stateful model in
// AICCS's envelope. Faults on demand, seeded traffic, a movable clock.
import { randomUUID } from 'node:crypto';
import { maskPhonesIn } from '../../shared/mask.ts';
import { ActionPlan, FaultPlan, RequestLog, type SimReply, type SimRequest, sleep, startSimServer } from '../server.ts';
import { trafficLoop } from '../traffic-loop.ts';
import { actionOf, type GatewayAccepted, NonceWindow, queryNames, verifyGatewayRequest } from './gateway.ts';
import { AiccsModel, CALL_RESULT_CATEGORIES, type SimAgent, SimClock, TransitionRefused } from './model.ts';
import { TrafficGenerator } from './traffic.ts';

export { AiccsModel, SimClock } from './model.ts';
export type { SimAgent, SimCall, HotlineState } from './model.ts';

export const AICCS_SIM_VERSION = '2019-10-15';
const HOST_ID = 'aiccs.aliyuncs.com';

export interface AliyunAiccsSimOptions {
  /** @defaultValue 0 (any free port) */
  port?: number;
  /** @defaultValue 'ccc_xp_pre-cn-sim' */
  instanceId?: string;
  /** @defaultValue 'LTAI5tSimAiccsKey' */
  accessKeyId?: string;
  /** @defaultValue a random secret */
  accessKeySecret?: string;
  /** Require this STS token. */
  securityToken?: string;
  /** @defaultValue Asia/Shanghai */
  timeZone?: string;
  /** Seed of the traffic generator. @defaultValue 20260101 */
  seed?: number;
  /** Share of inbound calls abandoned. @defaultValue 0.15 */
  abandonedShare?: number;
  /** Calls already in the history when the sim starts, spread over `historyHours`. @defaultValue 120 */
  historyCalls?: number;
  /** @defaultValue 2 */
  historyHours?: number;
  /** One new call per interval while traffic runs. @defaultValue 2000 */
  trafficIntervalMs?: number;
  /** The model's clock (call times); the gateway checks signatures against real time. */
  clock?: SimClock;
  /** Replaces the default agents. */
  agents?: Array<Omit<SimAgent, 'since'>>;
}

export interface AliyunAiccsSim {
  url: string;
  close(): Promise<void>;
  log: RequestLog;
  faults: FaultPlan;
  model: AiccsModel;
  traffic: { start(): void; stop(): void; generator: TrafficGenerator };
  /** `n` abandoned calls that ended in the last seconds. */
  burst(n: number): ReturnType<TrafficGenerator['burst']>;
  /** Answer the next request(s) (of an action) with this documented error code. */
  failNext(code: string, opts?: { action?: string; times?: number; retryAfterMs?: number }): void;
  credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  demo: { profile: Record<string, unknown>; env: Record<string, string> };
}

const DEFAULT_AGENTS: Array<Omit<SimAgent, 'since'>> = [
  { accountName: 'li.na@example.com', servicerId: '555501', name: '李娜', groupId: '123456', groupName: '自动化技能组', state: '空闲' },
  { accountName: 'wang.wei@example.com', servicerId: '555502', name: '王伟', groupId: '123456', groupName: '自动化技能组', state: '离线' },
  { accountName: 'zhang.min@example.com', servicerId: '555503', name: '张敏', groupId: '123457', groupName: '售后技能组', state: '小休-就餐' },
  { accountName: '13800138000', servicerId: '555504', name: '陈杰', groupId: '123457', groupName: '售后技能组', state: '通话中' },
];

/** How each action is called (TS SDK metadata, notes §0/§2): method, where its parameters are, which are required. */
const ROUTES: Record<string, { method: 'GET' | 'POST'; placement: 'query' | 'form'; required: string[] }> = {
  HotlineSessionQuery: { method: 'POST', placement: 'query', required: ['InstanceId'] },
  GetHotlineAgentStatus: { method: 'POST', placement: 'form', required: ['InstanceId', 'AccountName'] },
  GetHotlineAgentDetail: { method: 'GET', placement: 'query', required: ['InstanceId', 'AccountName'] },
  StartHotlineService: { method: 'POST', placement: 'form', required: ['InstanceId', 'AccountName'] },
  SuspendHotlineService: { method: 'POST', placement: 'form', required: ['InstanceId', 'AccountName'] },
  FinishHotlineService: { method: 'POST', placement: 'form', required: ['InstanceId', 'AccountName'] },
};

/** Documented error codes the sim can be told to answer, with their HTTP status and body shape. */
const KNOWN_ERRORS: Record<string, { status: number; shape: 'gateway' | 'envelope'; message: string }> = {
  NoAgentFound: { status: 500, shape: 'envelope', message: 'agent not found' },
  NoTenantFound: { status: 500, shape: 'envelope', message: 'tenant not found' },
  SystemError: { status: 500, shape: 'envelope', message: 'system error' },
  Throttling: { status: 400, shape: 'gateway', message: 'Request was denied due to request throttling.' },
  'Throttling.User': { status: 400, shape: 'gateway', message: 'Request was denied due to user flow control.' },
  'Throttling.Api': { status: 400, shape: 'gateway', message: 'Request was denied due to api flow control.' },
  SignatureDoesNotMatch: { status: 400, shape: 'gateway', message: 'Specified signature does not match our calculation.' },
  IncompleteSignature: { status: 400, shape: 'gateway', message: 'The request signature does not conform to Aliyun standards.' },
  IllegalTimestamp: { status: 400, shape: 'gateway', message: 'The input parameter "Timestamp" is out of range.' },
  'InvalidAccessKeyId.NotFound': { status: 404, shape: 'gateway', message: 'Specified access key is not found.' },
  'Forbidden.RAM': { status: 403, shape: 'gateway', message: 'User not authorized to operate on the specified resource.' },
  InternalError: { status: 500, shape: 'gateway', message: 'The request processing has failed due to some unknown error.' },
  ServiceUnavailable: { status: 503, shape: 'gateway', message: 'The request has failed due to a temporary failure of the server.' },
};

const requestId = () => randomUUID().toUpperCase();

function json(status: number, body: unknown, headers: Record<string, string> = {}): SimReply {
  return { status, headers, body: JSON.stringify(body) };
}

function gatewayError(status: number, code: string, message: string, headers: Record<string, string> = {}): SimReply {
  const id = requestId();
  return json(
    status,
    { RequestId: id, HostId: HOST_ID, Code: code, Message: message, Recommend: `https://api.aliyun.com/troubleshoot?q=${code}&product=aiccs` },
    { 'x-acs-request-id': id, ...headers },
  );
}

function envelopeError(status: number, code: string, message: string): SimReply {
  const id = requestId();
  return json(status, { RequestId: id, Code: code, Success: false, Message: message, HttpStatusCode: status }, { 'x-acs-request-id': id });
}

function success(data: unknown): SimReply {
  const id = requestId();
  return json(200, { RequestId: id, Code: 'Success', Success: true, Message: 'Success', HttpStatusCode: 200, Data: data }, { 'x-acs-request-id': id });
}

/** Repeat-list values `Key.1`, `Key.2`, … in index order. */
function repeatList(params: Map<string, string>, key: string): string[] {
  const items: Array<[number, string]> = [];
  for (const [k, v] of params) {
    const m = new RegExp(`^${key}\\.(\\d+)$`).exec(k);
    if (m) items.push([Number(m[1]), v]);
  }
  return items.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/** A filter value given singly (`Key`) and/or as a list (`KeyList.n`). */
function oneOrList(params: Map<string, string>, single: string): string[] {
  const values = repeatList(params, `${single}List`);
  const one = params.get(single);
  if (one !== undefined && one !== '') values.push(one);
  return values;
}

/** 13-digit epoch milliseconds, as the doc states; 10-digit seconds (the doc's example) are refused. */
function millis(params: Map<string, string>, name: string): number | SimReply | undefined {
  const v = params.get(name);
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v)) return envelopeError(400, 'InvalidParameter', `The parameter ${name} must be a UNIX timestamp in milliseconds.`);
  const n = Number(v);
  if (n < 1e12) {
    return envelopeError(
      400,
      'InvalidParameter',
      `The parameter ${name} (${v}) is not a UNIX timestamp in milliseconds; it looks like seconds.`,
    );
  }
  return n;
}

function positiveInt(params: Map<string, string>, name: string, fallback: number): number | SimReply {
  const v = params.get(name);
  if (v === undefined || v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) < 1) return envelopeError(400, 'InvalidParameter', `The parameter ${name} must be greater than 0.`);
  return Number(v);
}

export async function startAliyunAiccsSim(opts: AliyunAiccsSimOptions = {}): Promise<AliyunAiccsSim> {
  const credentials = {
    accessKeyId: opts.accessKeyId ?? 'LTAI5tSimAiccsKey',
    accessKeySecret: opts.accessKeySecret ?? randomUUID().replace(/-/g, ''),
    ...(opts.securityToken ? { securityToken: opts.securityToken } : {}),
  };
  const model = new AiccsModel({
    instanceId: opts.instanceId ?? 'ccc_xp_pre-cn-sim',
    timeZone: opts.timeZone ?? 'Asia/Shanghai',
    clock: opts.clock ?? new SimClock(),
  });
  for (const a of opts.agents ?? DEFAULT_AGENTS) model.addAgent(a);
  const generator = new TrafficGenerator(model, { seed: opts.seed, abandonedShare: opts.abandonedShare });
  const historyCalls = opts.historyCalls ?? 120;
  if (historyCalls > 0) {
    const now = model.clock.now();
    generator.fill(now - (opts.historyHours ?? 2) * 3_600_000, now - 60_000, historyCalls);
  }

  const log = new RequestLog();
  const faults = new FaultPlan();
  const nonces = new NonceWindow();
  const keys = new Map([[credentials.accessKeyId, { secret: credentials.accessKeySecret, ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}) }]]);
  const injected = new ActionPlan<{ code: string; retryAfterMs?: number }>();

  const handler = async (req: SimRequest): Promise<SimReply | 'drop'> => {
    const action = actionOf(req);
    const at = new Date().toISOString();
    const detail: Record<string, string> = {};
    const reply = await (async (): Promise<SimReply | 'drop'> => {
      const fault = faults.take(action);
      if (fault?.kind === 'drop') return 'drop';
      if (fault?.kind === 'slow') await sleep(fault.ms);
      if (fault?.kind === 'throttle') {
        const headers: Record<string, string> = fault.retryAfterMs ? { 'x-acs-retry-after': String(fault.retryAfterMs) } : {};
        return gatewayError(400, 'Throttling.User', KNOWN_ERRORS['Throttling.User']!.message, headers);
      }
      if (fault?.kind === 'internal') return envelopeError(500, 'SystemError', 'system error');
      if (fault?.kind === 'unavailable') return gatewayError(503, 'ServiceUnavailable', KNOWN_ERRORS.ServiceUnavailable!.message);

      const gw = verifyGatewayRequest(req, keys, Date.now(), nonces);
      if (!gw.ok) return gatewayError(gw.status, gw.code, gw.message);
      detail.signatureVersion = gw.signatureVersion;
      if (gw.version !== AICCS_SIM_VERSION) return gatewayError(400, 'InvalidVersion', 'Specified parameter Version is not valid.');

      const e = injected.take(gw.action);
      if (e) {
        const known = KNOWN_ERRORS[e.code] ?? { status: 400, shape: 'envelope' as const, message: e.code };
        if (known.shape === 'envelope') return envelopeError(known.status, e.code, known.message);
        return gatewayError(known.status, e.code, known.message, e.retryAfterMs ? { 'x-acs-retry-after': String(e.retryAfterMs) } : {});
      }
      return route(gw, req, detail);
    })();
    if (reply !== 'drop') {
      let error: string | undefined;
      try {
        const body = JSON.parse(reply.body) as { Success?: boolean; Code?: string };
        if (reply.status >= 400 || body.Success === false) error = body.Code;
      } catch {
        // not JSON: no code to log
      }
      log.add({ at, action, status: reply.status, ...(error ? { error } : {}), detail });
    } else log.add({ at, action, status: 0, error: 'drop', detail });
    return reply;
  };

  function route(gw: GatewayAccepted, req: SimRequest, detail: Record<string, string>): SimReply {
    const spec = ROUTES[gw.action];
    if (!spec) return gatewayError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    if (req.method !== spec.method) return gatewayError(400, 'UnsupportedHTTPMethod', 'This http method is not supported.');
    // Parameters count only where the API reads them; elsewhere they are not seen.
    const params = spec.placement === 'query' ? gw.query : gw.form;
    detail.placement = spec.placement;
    detail.queryNames = queryNames(req).join(',');
    detail.formNames = [...gw.form.keys()].join(',');
    for (const name of spec.required) {
      if (!params.get(name)) return gatewayError(400, `Missing${name}`, `${name} is mandatory for this action.`);
    }
    if (params.get('InstanceId') !== model.instanceId) return envelopeError(500, 'NoTenantFound', 'tenant not found');
    const clientToken = params.get('ClientToken');
    if (clientToken) detail.ClientToken = clientToken;

    if (gw.action === 'HotlineSessionQuery') return sessionQuery(params, detail);

    const accountName = params.get('AccountName')!;
    detail.AccountName = maskPhonesIn(accountName);
    const agent = model.agent(accountName);
    if (!agent) return envelopeError(500, 'NoAgentFound', 'agent not found');
    try {
      switch (gw.action) {
        case 'GetHotlineAgentStatus':
          return success(agent.state);
        case 'GetHotlineAgentDetail':
          return success(model.detail(agent));
        case 'StartHotlineService':
          return success(model.startService(agent, clientToken));
        case 'SuspendHotlineService': {
          const type = params.get('Type') ?? '1';
          detail.Type = type;
          if (!/^[1-5]$/.test(type)) return envelopeError(400, 'InvalidParameter', 'The parameter Type must be 1, 2, 3, 4 or 5.');
          model.suspendService(agent, Number(type), clientToken);
          return success(null);
        }
        case 'FinishHotlineService':
          model.finishService(agent, clientToken);
          return success(null);
      }
    } catch (e) {
      // AICCS documents no code for a refused state change; this is the simulator's stand-in.
      if (e instanceof TransitionRefused) return envelopeError(400, 'InvalidAgentStatus', e.message);
      throw e;
    }
    return gatewayError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
  }

  function sessionQuery(params: Map<string, string>, detail: Record<string, string>): SimReply {
    const from = millis(params, 'QueryStartTime');
    if (typeof from === 'object') return from;
    const to = millis(params, 'QueryEndTime');
    if (typeof to === 'object') return to;
    const pageNo = positiveInt(params, 'PageNo', 1);
    if (typeof pageNo === 'object') return pageNo;
    const pageSize = positiveInt(params, 'PageSize', 20);
    if (typeof pageSize === 'object') return pageSize;
    if (from !== undefined) detail.QueryStartTime = String(from);
    if (to !== undefined) detail.QueryEndTime = String(to);

    const acids = oneOrList(params, 'Acid');
    const ids = params.get('Id');
    const callTypes = oneOrList(params, 'CallType').map(Number);
    const results = oneOrList(params, 'CallResult').flatMap((r) => CALL_RESULT_CATEGORIES[r] ?? [r]);
    const calling = oneOrList(params, 'CallingNumber');
    const called = oneOrList(params, 'CalledNumber');
    const groups = oneOrList(params, 'GroupId');
    const servicers = oneOrList(params, 'ServicerId');
    const now = model.clock.now();
    const matches = model.calls.filter(
      (c) =>
        c.hangUpAt <= now &&
        (from === undefined || c.createdAt >= from) &&
        (to === undefined || c.createdAt <= to) &&
        (!acids.length || acids.includes(c.acid)) &&
        (!ids || c.id === ids) &&
        (!callTypes.length || callTypes.includes(c.callType)) &&
        (!results.length || results.includes(c.callResult)) &&
        (!calling.length || calling.includes(c.callingNumber)) &&
        (!called.length || called.includes(c.calledNumber)) &&
        (!groups.length || (c.groupId !== undefined && groups.includes(c.groupId))) &&
        (!servicers.length || (c.servicerId !== undefined && servicers.includes(c.servicerId))),
    );
    const page = matches.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    return success({
      PageNumber: pageNo,
      PageSize: pageSize,
      TotalCount: matches.length,
      CallDetailRecord: page.map((c) => model.render(c)),
    });
  }

  const server = await startSimServer(handler, opts.port ?? 0);
  const traffic = {
    generator,
    ...trafficLoop(() => model.addCall(generator.callEndingAt(model.clock.now())), opts.trafficIntervalMs ?? 2000),
  };

  const secretEnv = 'CCOPS_AICCS_SIM_ACCESS_KEY_SECRET';
  const tokenEnv = 'CCOPS_AICCS_SIM_SECURITY_TOKEN';
  return {
    url: server.url,
    close: async () => {
      traffic.stop();
      await server.close();
    },
    log,
    faults,
    model,
    traffic,
    burst: (n) => generator.burst(n),
    failNext(code, o = {}) {
      injected.add({ code, retryAfterMs: o.retryAfterMs }, o);
    },
    credentials,
    demo: {
      profile: {
        vendor: 'aliyun-aiccs',
        endpoint: server.url,
        instanceId: model.instanceId,
        accessKeyId: credentials.accessKeyId,
        accessKeySecret: { env: secretEnv },
        ...(credentials.securityToken ? { securityToken: { env: tokenEnv } } : {}),
        signatureVersion: 'v3',
        timeZone: model.timeZone,
      },
      env: {
        [secretEnv]: credentials.accessKeySecret,
        ...(credentials.securityToken ? { [tokenEnv]: credentials.securityToken } : {}),
      },
    },
  };
}
