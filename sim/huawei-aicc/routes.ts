// HTTP face of the simulated CC-Gateway: /agentgateway/resource/… routes,
// the {message, retcode, result} envelope, Set-GUID headers, faults.
import { z } from 'zod/v4';
import { type FaultPlan, type RequestLog, type SimHandler, type SimReply, type SimRequest, sleep } from '../server.ts';
import type { HuaweiSimModel, SimAgent } from './model.ts';

const BASE = '/agentgateway/resource/';

const SignInBody = z.looseObject({
  password: z.string().max(32),
  phonenum: z.string().min(1).max(24),
  status: z.union([z.string(), z.number()]).optional(),
});
const ConfBody = z.looseObject({
  memberNum: z.number().int().min(1).max(120),
  confCallerNo: z.string().max(24).optional(),
  time: z.number().int().min(4).max(1440).optional(),
  promptTime: z.number().int().min(3).max(1440).optional(),
});
const ParticipantsBody = z.looseObject({
  addresses: z
    .array(z.looseObject({ addressType: z.enum(['6', '9']), address: z.string().regex(/^\d{1,24}$/) }))
    .min(1)
    .max(120),
});

interface Route {
  method: string;
  pattern: RegExp;
  action: string;
  /** Needs a valid Guid (everything but sign-in). */
  auth: boolean;
  run: (ctx: Ctx) => Promise<Answer> | Answer;
}

interface Ctx {
  model: HuaweiSimModel;
  agentId: string;
  agent: SimAgent | undefined;
  params: string[];
  query: URLSearchParams;
  body: string;
  guid: string | undefined;
}

interface Answer {
  retcode: string;
  message?: string;
  result?: unknown;
  event?: unknown;
  headers?: Record<string, string>;
}

const ok = (result: unknown = {}, extra: Partial<Answer> = {}): Answer => ({ retcode: '0', message: 'success', result, ...extra });
const fail = (retcode: string, message = ''): Answer => ({ retcode, message });

function json<T>(schema: z.ZodType<T>, body: string): T | undefined {
  try {
    const r = schema.safeParse(JSON.parse(body || 'null'));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

const setGuid = (guid: string) => ({ 'set-guid': `JSESSIONID=${guid}` });

function signIn(force: boolean) {
  return ({ model, agent, body }: Ctx): Answer => {
    const b = json(SignInBody, body);
    if (!b) return fail('100-001', 'sign-in parameters are empty or invalid');
    if (!agent || agent.password !== b.password) return fail('100-004', 'wrong agent id or password');
    if (agent.signedIn && !force) return fail('100-002', 'the agent has signed in');
    const guid = model.signIn(agent, Number(b.status ?? 4), force);
    return ok(
      {
        vdnid: 1,
        workno: agent.agentId,
        mediatype: 'TTF',
        loginTime: String(Date.now()),
        isForceChange: 'false',
        serverName: 'AgentGateway',
        timeRemaining: '9',
      },
      { message: '', headers: setGuid(guid) },
    );
  };
}

const ROUTES: Route[] = [
  { method: 'PUT', pattern: /^onlineagent\/(\d+)$/, action: 'login', auth: false, run: signIn(false) },
  { method: 'PUT', pattern: /^onlineagent\/(\d+)\/forcelogin$/, action: 'forceLogin', auth: false, run: signIn(true) },
  {
    method: 'DELETE',
    pattern: /^onlineagent\/(\d+)\/logout$/,
    action: 'logout',
    auth: true,
    run: ({ model, agent }) => {
      if (agent!.status === 7 || agent!.currentCall) return fail('100-010', 'the agent is talking');
      model.signOut(agent!, 'logout');
      return ok({});
    },
  },
  {
    method: 'GET',
    pattern: /^agentevent\/(\d+)$/,
    action: 'getAgentEvent',
    auth: true,
    run: async ({ model, agent }) => {
      const a = agent!;
      const event = await model.poll(a);
      const rotated = model.maybeRotate(a);
      return { retcode: '0', message: '', event: event ?? null, ...(rotated ? { headers: setGuid(rotated) } : {}) };
    },
  },
  {
    method: 'GET',
    pattern: /^onlineagent\/(\d+)\/agentstatus$/,
    action: 'agentStatus',
    auth: true,
    run: ({ agent }) => ok(agent!.status),
  },
  {
    method: 'POST',
    pattern: /^onlineagent\/(\d+)\/sayfree$/,
    action: 'sayFree',
    auth: true,
    run: ({ model, agent }) => {
      const a = agent!;
      if (![3, 4, 5].includes(a.status)) return fail('100-009', 'the agent state does not allow it');
      a.status = 4;
      a.busyReason = undefined;
      model.emit(a, 'AgentState_Ready');
      return ok();
    },
  },
  {
    method: 'POST',
    pattern: /^onlineagent\/(\d+)\/saybusy$/,
    action: 'sayBusy',
    auth: true,
    run: ({ model, agent, query }) => {
      const a = agent!;
      const reason = query.get('reason');
      const n = reason === null || reason === '' ? 0 : Number(reason);
      if (!Number.isInteger(n) || (n !== 0 && (n < 200 || n > 250))) return fail('000-002', 'reason must be 200-250');
      if (![3, 4, 5].includes(a.status)) return fail('100-009', 'the agent state does not allow it');
      a.status = 3;
      a.busyReason = n || undefined;
      model.emit(a, 'AgentState_SetNotReady_Success', n ? { reason: String(n) } : null);
      return ok();
    },
  },
  {
    method: 'POST',
    pattern: /^onlineagent\/(\d+)\/cancelbusy$/,
    action: 'cancelBusy',
    auth: true,
    run: ({ model, agent }) => {
      if (agent!.status !== 3) return fail('100-009', 'the agent is not busy');
      agent!.status = 4;
      model.emit(agent!, 'AgentState_CancelNotReady_Success');
      return ok();
    },
  },
  {
    method: 'POST',
    pattern: /^onlineagent\/(\d+)\/rest\/(\d+)\/(\d+)$/,
    action: 'rest',
    auth: true,
    run: ({ model, agent, params }) => {
      const [time, cause] = [Number(params[1]), Number(params[2])];
      if (time < 1 || time > 86_399 || cause > 255) return fail('000-002', 'time 1-86399, restcause 0-255');
      if (![3, 4, 5, 7].includes(agent!.status)) return fail('100-009', 'the agent state does not allow a rest');
      model.rest(agent!, cause);
      return ok();
    },
  },
  {
    method: 'POST',
    pattern: /^onlineagent\/(\d+)\/cancelrest$/,
    action: 'cancelRest',
    auth: true,
    run: ({ model, agent }) => {
      const a = agent!;
      if (a.status !== 8 && a.status !== 9) return fail('100-009', 'the agent is not resting');
      a.status = a.status === 9 ? 7 : 4;
      a.restCause = undefined;
      model.emit(a, 'AgentState_CancelRest_Success');
      if (a.status === 4) model.emit(a, 'AgentState_Ready');
      return ok();
    },
  },
  {
    method: 'POST',
    pattern: /^agentconf\/(\d+)\/requestagentconf$/,
    action: 'requestAgentConf',
    auth: true,
    run: ({ model, agent, body }) => {
      if (!json(ConfBody, body)) return fail('000-002', 'invalid conference parameters');
      if (agent!.conference) return fail('100-007', 'Unknown ERROR._10306');
      model.requestConference(agent!);
      return ok({});
    },
  },
  {
    method: 'POST',
    pattern: /^agentconf\/(\d+)\/batchaddparticipant$/,
    action: 'batchAddParticipant',
    auth: true,
    run: ({ model, agent, body }) => {
      const b = json(ParticipantsBody, body);
      if (!b) return fail('000-002', 'invalid participants');
      const conf = agent!.conference;
      // Before AgentConf_RequestSuccess the platform refuses chair operations.
      if (!conf || conf.chair !== agent!.agentId || !conf.established) return fail('101-001', 'not the chair of an established conference');
      model.addParticipants(agent!, b.addresses);
      return ok({});
    },
  },
  {
    method: 'POST',
    pattern: /^agentconf\/(\d+)\/releaseagentconf$/,
    action: 'releaseAgentConf',
    auth: true,
    run: ({ model, agent }) => {
      const conf = agent!.conference;
      if (!conf || conf.chair !== agent!.agentId) return fail('101-002', 'not the chair');
      model.endConference(agent!);
      return ok({});
    },
  },
  {
    method: 'POST',
    pattern: /^agentconf\/(\d+)\/requestleaveagentconf$/,
    action: 'requestLeaveAgentConf',
    auth: true,
    run: ({ model, agent }) => {
      const conf = agent!.conference;
      if (!conf || conf.chair === agent!.agentId) return fail('101-007', 'not a participant');
      model.leaveConference(agent!);
      return ok({});
    },
  },
  {
    method: 'GET',
    pattern: /^calldata\/(\d+)\/callinfo$/,
    action: 'queryCallInfo',
    auth: true,
    run: ({ agent, query }) => {
      const withLast = query.get('isNoContainLastCall') === 'true';
      const call = agent!.currentCall ?? (withLast ? agent!.lastCall : undefined);
      return ok(call ? { ...call, orgicallednum: '', calldata: '', mediaType: 5 } : null);
    },
  },
];

export interface RouteDeps {
  model: HuaweiSimModel;
  log: RequestLog;
  faults: FaultPlan;
}

function reply(answer: Answer): SimReply {
  const body: Record<string, unknown> = { message: answer.message ?? '', retcode: answer.retcode };
  if (answer.event !== undefined) body.event = answer.event;
  else body.result = answer.result ?? null;
  return { status: 200, headers: answer.headers ?? {}, body: JSON.stringify(body) };
}

export function huaweiAiccHandler({ model, log, faults }: RouteDeps): SimHandler {
  return async (req: SimRequest) => {
    const url = new URL(req.url, 'http://sim');
    const at = new Date().toISOString();
    if (!url.pathname.startsWith(BASE)) {
      log.add({ at, action: 'unknown', status: 404 });
      return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
    }
    const path = url.pathname.slice(BASE.length);
    const matches = ROUTES.filter((r) => r.pattern.test(path));
    const route = matches.find((r) => r.method === req.method);
    if (!route) {
      // 000-001 is the documented answer to a wrong method for agent events.
      const retcode = matches.some((r) => r.action === 'getAgentEvent') ? '000-001' : '000-002';
      log.add({ at, action: matches[0]?.action ?? 'unknown', status: 200, error: retcode });
      return reply(fail(retcode, 'wrong method or address'));
    }
    const params = route.pattern.exec(path)!.slice(1);
    const agentId = params[0]!;
    const guidHeader = req.headers['guid'];
    const guid = Array.isArray(guidHeader) ? guidHeader[0] : guidHeader;
    const detail: Record<string, string> = { agentId };
    const agentNow = model.agent(agentId);
    if (agentNow && guid) detail.guid = String(model.guidNumber(agentNow, guid));

    const fault = faults.take(route.action);
    if (fault?.kind === 'slow') await sleep(fault.ms);
    else if (fault?.kind === 'drop') {
      log.add({ at, action: route.action, status: 0, error: 'drop', detail });
      return 'drop';
    } else if (fault?.kind === 'unavailable') {
      log.add({ at, action: route.action, status: 503, error: 'unavailable', detail });
      return { status: 503, headers: { 'content-type': 'text/html' }, body: '<html><body>503 Service Unavailable</body></html>' };
    } else if (fault) {
      // The gateway has no rate-limit code; a throttle shows as a repeated call (000-007).
      const retcode = fault.kind === 'throttle' ? '000-007' : '100-007';
      log.add({ at, action: route.action, status: 200, error: retcode, detail });
      return reply(fail(retcode, fault.kind === 'internal' ? 'Unknown ERROR._10001' : ''));
    }

    let answer: Answer;
    const planned = model.takeFailure(route.action, agentId);
    if (planned) answer = fail(planned, 'simulated failure');
    else if (route.auth) {
      const auth = model.authenticate(agentId, guid);
      answer = auth.ok
        ? await route.run({ model, agentId, agent: auth.agent, params, query: url.searchParams, body: req.body, guid })
        : fail(auth.retcode, auth.retcode === '000-003' ? 'no permission, the guid is invalid' : 'the agent has not signed in');
    } else {
      answer = await route.run({ model, agentId, agent: agentNow, params, query: url.searchParams, body: req.body, guid });
    }
    if (answer.headers?.['set-guid'] && agentNow) detail.newGuid = String(agentNow.guids.length);
    if (route.action === 'getAgentEvent' && answer.event) detail.event = (answer.event as { eventType: string }).eventType;
    log.add({ at, action: route.action, status: 200, ...(answer.retcode !== '0' ? { error: answer.retcode } : {}), detail });
    return reply(answer);
  };
}
