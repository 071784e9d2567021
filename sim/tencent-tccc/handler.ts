// One TCCC API request, as the real endpoint treats it: the TC3 signature is
// recomputed from what was received, then the action runs against the model.
// Errors use Tencent's envelope {"Response":{"Error":{Code,Message},RequestId}}
// with HTTP 200, as the API does.
import { randomUUID } from 'node:crypto';
import { parseAuthorization, signTc3 } from '../../shared/vendors/tencent-tccc/signer.ts';
import { ActionPlan, type FaultPlan, type RequestLog, type SimReply, type SimRequest, sleep } from '../server.ts';
import type { TcccModel } from './model.ts';

const VERSION = '2020-02-10';
const SERVICE = 'ccc';
const MAX_SKEW_SECONDS = 300;
const DAY = 86_400;

class ApiError extends Error {
  readonly tcCode: string;
  constructor(code: string, message: string) {
    super(message);
    this.tcCode = code;
  }
}

export interface HandlerOptions {
  model: TcccModel;
  log: RequestLog;
  faults: FaultPlan;
  /** Requests a second per action before RequestLimitExceeded; off when absent (TCCC's default is 20). */
  rateLimitPerSecond?: number;
}

export interface TencentErrorPlan {
  /** Serve this Tencent error code next, for this action or any. */
  failNext(code: string, opts?: { action?: string; times?: number; message?: string }): void;
}

type Params = Record<string, unknown>;
type ActionFn = (p: Params) => Params;

const header = (req: SimRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
};

export function createTcccHandler(o: HandlerOptions): { handle: (req: SimRequest) => Promise<SimReply | 'drop'>; errors: TencentErrorPlan } {
  const planned = new ActionPlan<{ code: string; message: string }>();
  const windowCounts = new Map<string, { second: number; count: number }>();
  const { model } = o;

  const errors: TencentErrorPlan = {
    failNext(code, opts = {}) {
      planned.add({ code, message: opts.message ?? `simulated ${code}` }, opts);
    },
  };

  const reply = (body: Params, requestId: string): SimReply => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ Response: { ...body, RequestId: requestId } }),
  });

  function verify(req: SimRequest, action: string): void {
    const auth = parseAuthorization(header(req, 'authorization'));
    if (!auth) throw new ApiError('AuthFailure.InvalidAuthorization', 'Authorization header is missing or malformed.');
    const cred = model.credentials.get(auth.secretId);
    if (!cred) throw new ApiError('AuthFailure.SecretIdNotFound', 'The SecretId is not found, please ensure that your SecretId is correct.');
    const ts = Number(header(req, 'x-tc-timestamp'));
    if (!Number.isInteger(ts)) throw new ApiError('MissingParameter', 'The request is missing the X-TC-Timestamp header.');
    if (Math.abs(model.clock.nowSeconds() - ts) > MAX_SKEW_SECONDS) {
      throw new ApiError(
        'AuthFailure.SignatureExpire',
        `Signature expired. Timestamp ${ts} differs from the server time by more than ${MAX_SKEW_SECONDS} seconds.`,
      );
    }
    if (!auth.signedHeaders.includes('content-type') || !auth.signedHeaders.includes('host')) {
      throw new ApiError('AuthFailure.InvalidAuthorization', 'SignedHeaders must include content-type and host.');
    }
    const otherHeaders: Record<string, string> = {};
    for (const h of auth.signedHeaders) otherHeaders[h] = header(req, h) ?? '';
    const expected = signTc3(
      {
        host: header(req, 'host') ?? '',
        service: SERVICE,
        action,
        timestamp: ts,
        contentType: header(req, 'content-type') ?? '',
        body: req.body,
        signedHeaders: auth.signedHeaders,
        otherHeaders,
      },
      { secretId: auth.secretId, secretKey: cred.secretKey },
    );
    if (auth.service !== SERVICE || auth.date !== expected.credentialDate || auth.signature !== expected.signature) {
      throw new ApiError('AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.');
    }
    if (cred.token !== undefined && header(req, 'x-tc-token') !== cred.token) {
      throw new ApiError('AuthFailure.TokenFailure', 'The token is invalid or expired.');
    }
  }

  function throttled(action: string): boolean {
    if (!o.rateLimitPerSecond) return false;
    const second = model.clock.nowSeconds();
    const w = windowCounts.get(action);
    if (!w || w.second !== second) {
      windowCounts.set(action, { second, count: 1 });
      return false;
    }
    return ++w.count > o.rateLimitPerSecond;
  }

  // --- parameter checks, worded like the API's -------------------------------------

  const int = (p: Params, name: string, required = true): number | undefined => {
    const v = p[name];
    if (v === undefined) {
      if (required) throw new ApiError('MissingParameter', `The request is missing a required parameter \`${name}\`.`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new ApiError('InvalidParameter', `\`${name}\` must be an integer.`);
    return v;
  };
  const str = (p: Params, name: string): string => {
    const v = p[name];
    if (v === undefined) throw new ApiError('MissingParameter', `The request is missing a required parameter \`${name}\`.`);
    if (typeof v !== 'string' || !v) throw new ApiError('InvalidParameter', `\`${name}\` must be a non-empty string.`);
    return v;
  };
  const strings = (p: Params, name: string): string[] | undefined => {
    const v = p[name];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new ApiError('InvalidParameter', `\`${name}\` must be an array of strings.`);
    return v as string[];
  };
  const checkWindow = (start: number, end: number, names: [string, string]) => {
    if (end < start) throw new ApiError('InvalidParameterValue', `\`${names[1]}\` must not be earlier than \`${names[0]}\`.`);
    if (end - start >= 90 * DAY) throw new ApiError('InvalidParameterValue', 'The time range must be shorter than 90 days.');
    if (start < model.clock.nowSeconds() - 180 * DAY) throw new ApiError('InvalidParameterValue', `\`${names[0]}\` may be at most 180 days ago.`);
  };
  const staffOf = (email: string) => {
    const s = model.staff.get(email);
    if (!s) throw new ApiError('InvalidParameterValue.AccountNotExist', `Staff ${email} does not exist.`);
    return s;
  };

  // --- actions -------------------------------------------------------------------------

  const actions: Record<string, ActionFn> = {
    DescribeTelCdr(p) {
      const start = int(p, 'StartTimeStamp')!;
      const end = int(p, 'EndTimeStamp')!;
      checkWindow(start, end, ['StartTimeStamp', 'EndTimeStamp']);
      const size = int(p, 'PageSize')!;
      const page = int(p, 'PageNumber')!;
      if (size < 1 || size > 100) throw new ApiError('InvalidParameterValue', '`PageSize` must be between 1 and 100.');
      if (page < 0) throw new ApiError('InvalidParameterValue', '`PageNumber` starts at 0.');
      const all = model.cdrsBetween(start, end, { phones: strings(p, 'Phones'), sessionIds: strings(p, 'SessionIds') });
      const list = all.slice(page * size, page * size + size);
      return { TotalCount: all.length, TelCdrList: list, TelCdrs: list };
    },
    DescribeSessionDetail(p) {
      const id = str(p, 'SessionId');
      const start = int(p, 'StartTimestamp')!;
      const end = int(p, 'EndTimestamp')!;
      checkWindow(start, end, ['StartTimestamp', 'EndTimestamp']);
      const c = model.findCdr(id);
      if (!c || c.Time < start || c.Time > end) {
        throw new ApiError('InvalidParameterValue.RecordNotExist', `Session ${id} does not exist in the given time range.`);
      }
      const seat = c.SeatUser as { Mail?: string } | null | undefined;
      return {
        Caller: c.Caller,
        Callee: c.Callee,
        CallType: c.CallType,
        StartTimeStamp: c.StartTimestamp ?? c.Time,
        RingTimestamp: c.RingTimestamp ?? 0,
        AcceptTimestamp: c.AcceptTimestamp ?? 0,
        EndedTimestamp: c.EndedTimestamp ?? 0,
        QueuedTimestamp: c.QueuedTimestamp ?? 0,
        StaffUserId: seat?.Mail ?? '',
        EndStatus: c.EndStatus,
        QueuedSkillGroupId: c.QueuedSkillGroupId ?? 0,
        QueuedSkillGroupName: c.QueuedSkillGroupName ?? '',
        RecordURL: c.RecordURL ?? '',
        CustomRecordURL: '',
        AsrURL: '',
        VoicemailRecordURL: [],
        VoicemailAsrURL: [],
        IVRKeyPressed: [],
        PostIVRKeyPressed: [],
        HungUpSide: c.HungUpSide ?? '',
        UUI: '',
        Events: [],
        ServeParticipants: c.ServeParticipants ?? [],
        SysHangupReason: 0,
        SysHangupReasonString: '',
      };
    },
    DescribeStaffStatusMetrics(p) {
      const list = strings(p, 'StaffList');
      const statuses = strings(p, 'StatusList');
      const now = model.clock.nowSeconds();
      const metrics = [...model.staff.values()]
        .filter((s) => (!list?.length || list.includes(s.email)) && (!statuses?.length || statuses.includes(s.status)))
        .map((s) => ({
          Email: s.email,
          Status: s.status,
          StatusExtra: s.status === 'busy' ? { Type: 'tel', Direct: 'in' } : null,
          OnlineDuration: s.status === 'offline' ? 0 : now - s.lastOnlineAt,
          FreeDuration: 0,
          BusyDuration: 0,
          NotReadyDuration: 0,
          RestDuration: 0,
          AfterCallWorkDuration: 0,
          Reason: s.reason,
          ReserveRest: false,
          ReserveNotReady: false,
          UseMobileAccept: 0,
          UseMobileCallOut: false,
          LastOnlineTimestamp: s.lastOnlineAt,
          LastStatusTimestamp: s.lastStatusAt,
          ClientInfo: [],
        }));
      return { Metrics: metrics };
    },
    SetStaffStatus(p) {
      const list = p.StaffStatusList;
      if (list === undefined) throw new ApiError('MissingParameter', 'The request is missing a required parameter `StaffStatusList`.');
      if (!Array.isArray(list) || list.length === 0) throw new ApiError('InvalidParameter', '`StaffStatusList` must be a non-empty array.');
      if (list.length > 10) throw new ApiError('InvalidParameterValue', '`StaffStatusList` may hold at most 10 items.');
      const items = list.map((raw: unknown) => {
        const item = (raw ?? {}) as Params;
        const user = str(item, 'StaffUserId');
        const status = str(item, 'Status');
        if (!['free', 'notReady', 'rest'].includes(status)) {
          throw new ApiError('InvalidParameterValue', `Status ${status} is not one of free, notReady, rest.`);
        }
        const reason = typeof item.Reason === 'string' ? item.Reason : '';
        return { user, status: status as 'free' | 'notReady' | 'rest', reason };
      });
      return {
        StaffStatusList: items.map(({ user, status, reason }) => {
          const r = model.setStatus(user, status, reason);
          return {
            StaffUserId: user,
            ErrorCode: r.errorCode,
            ErrorMessage: r.errorMessage,
            Status: r.status,
            Reason: r.reason,
            PreviousStatus: r.previousStatus,
            PreviousReason: r.previousReason,
          };
        }),
      };
    },
    ForceMemberOffline(p) {
      model.forceOffline(staffOf(str(p, 'UserId')).email);
      return {};
    },
    RestoreMemberOnline(p) {
      model.restoreOnline(staffOf(str(p, 'UserId')).email);
      return {};
    },
  };

  async function handle(req: SimRequest): Promise<SimReply | 'drop'> {
    const requestId = randomUUID();
    const action = header(req, 'x-tc-action') ?? '';
    let detail: Record<string, string> | undefined;
    const fail = (code: string, message: string): SimReply => {
      o.log.add({ at: model.clock.now().toISOString(), action: action || '(none)', status: 200, error: code, ...(detail ? { detail } : {}) });
      return reply({ Error: { Code: code, Message: message } }, requestId);
    };
    try {
      if (req.method !== 'POST' || !(req.url === '/' || req.url.startsWith('/?'))) {
        throw new ApiError('UnsupportedProtocol', 'ccops simulator: TCCC takes POST / with a JSON body.');
      }
      if (!action) throw new ApiError('MissingParameter', 'The request is missing the X-TC-Action header.');
      const version = header(req, 'x-tc-version');
      if (version !== VERSION) throw new ApiError('NoSuchVersion', `The API version \`${version ?? ''}\` does not exist.`);
      verify(req, action);
      let params: Params;
      try {
        const parsed: unknown = JSON.parse(req.body || '{}');
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        params = parsed as Params;
      } catch {
        throw new ApiError('InvalidRequest', 'The request body is not a JSON object.');
      }
      detail = detailOf(action, params);

      const fault = o.faults.take(action);
      if (fault?.kind === 'drop') {
        o.log.add({ at: model.clock.now().toISOString(), action, status: 0, error: 'drop', ...(detail ? { detail } : {}) });
        return 'drop';
      }
      if (fault?.kind === 'slow') await sleep(fault.ms);
      if (fault?.kind === 'throttle') throw new ApiError('RequestLimitExceeded', 'Your current request times equals to `20` in a second, which exceeds the frequency limit.');
      if (fault?.kind === 'internal') throw new ApiError('InternalError', 'An internal error has occurred. Retry your request, but if the problem persists, contact us.');
      if (fault?.kind === 'unavailable') throw new ApiError('ServiceUnavailable', 'Service is unavailable now.');
      const e = planned.take(action);
      if (e) throw new ApiError(e.code, e.message);
      if (throttled(action)) throw new ApiError('RequestLimitExceeded', 'Your current request times exceeds the frequency limit.');

      const fn = actions[action];
      if (!fn) throw new ApiError('InvalidAction', `The action \`${action}\` is not supported by this simulator of CCC 2020-02-10.`);
      const appId = int(params, 'SdkAppId')!;
      if (appId !== model.sdkAppId) throw new ApiError('InvalidParameterValue.InstanceNotExist', `SdkAppId ${appId} does not exist.`);
      const body = fn(params);
      o.log.add({ at: model.clock.now().toISOString(), action, status: 200, ...(detail ? { detail } : {}) });
      return reply(body, requestId);
    } catch (e) {
      if (e instanceof ApiError) return fail(e.tcCode, e.message);
      throw e;
    }
  }

  return { handle, errors };
}

/** What identifies the request in the log, for assertions. */
function detailOf(action: string, p: Params): Record<string, string> | undefined {
  switch (action) {
    case 'DescribeTelCdr':
      return { start: String(p.StartTimeStamp), end: String(p.EndTimeStamp), page: String(p.PageNumber), size: String(p.PageSize) };
    case 'DescribeSessionDetail':
      return { session: String(p.SessionId), start: String(p.StartTimestamp), end: String(p.EndTimestamp) };
    case 'SetStaffStatus':
      return {
        count: String(Array.isArray(p.StaffStatusList) ? p.StaffStatusList.length : 0),
        staff: Array.isArray(p.StaffStatusList) ? p.StaffStatusList.map((x: { StaffUserId?: unknown }) => String(x?.StaffUserId)).join(',') : '',
      };
    case 'ForceMemberOffline':
    case 'RestoreMemberOnline':
      return { user: String(p.UserId) };
    case 'DescribeStaffStatusMetrics':
      return { staff: Array.isArray(p.StaffList) ? p.StaffList.join(',') : '' };
    default:
      return undefined;
  }
}
