// The AICCS actions ccops calls, as plain request descriptions: which HTTP
// method, and which parameters go in the URL query and which in the signed
// form body. Placement follows the SDK metadata (notes §0, §2): the hotline
// agent actions send a form body, HotlineSessionQuery sends its parameters
// in the query, GetHotlineAgentDetail is a GET with everything in the query.
// Lists are flattened repeat-list style (`Key.1=…&Key.2=…`) by the RPC client.
import type { AliyunCallParams, Params } from '../aliyun/index.ts';

export const AICCS_VERSION = '2019-10-15';

export interface AiccsActionRequest extends AliyunCallParams {
  action: string;
  method: 'GET' | 'POST';
}

/** HotlineSessionQuery filters. Times are epoch milliseconds: the unit the doc states (its example values look like seconds). */
export interface HotlineSessionFilter {
  fromMs?: number;
  toMs?: number;
  pageNo?: number;
  pageSize?: number;
  acid?: string;
  id?: string;
  callTypes?: readonly (1 | 2 | 3)[];
  callResults?: readonly string[];
  callingNumbers?: readonly string[];
  calledNumbers?: readonly string[];
  servicerIds?: readonly string[];
  groupIds?: readonly string[];
}

export function hotlineSessionQuery(instanceId: string, f: HotlineSessionFilter): AiccsActionRequest {
  const list = <T>(v: readonly T[] | undefined) => (v && v.length ? (v as readonly (string | number)[]) : undefined);
  const query: Params = {
    InstanceId: instanceId,
    QueryStartTime: f.fromMs,
    QueryEndTime: f.toMs,
    PageNo: f.pageNo,
    PageSize: f.pageSize,
    Acid: f.acid,
    Id: f.id,
    CallTypeList: list(f.callTypes),
    CallResultList: list(f.callResults),
    CallingNumberList: list(f.callingNumbers),
    CalledNumberList: list(f.calledNumbers),
    ServicerIdList: list(f.servicerIds),
    GroupIdList: list(f.groupIds),
  };
  return { action: 'HotlineSessionQuery', method: 'POST', query, arrayStyle: 'repeat-list' };
}

/** Form parameters in name order, as the SDK writes them (any order signs; this one matches the notes' worked example). */
const formAction = (action: string, form: Params): AiccsActionRequest => ({
  action,
  method: 'POST',
  form: Object.fromEntries(Object.entries(form).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  arrayStyle: 'repeat-list',
});

export const getHotlineAgentStatus = (instanceId: string, accountName: string): AiccsActionRequest =>
  formAction('GetHotlineAgentStatus', { InstanceId: instanceId, AccountName: accountName });

export const getHotlineAgentDetail = (instanceId: string, accountName: string, clientToken: string): AiccsActionRequest => ({
  action: 'GetHotlineAgentDetail',
  method: 'GET',
  query: { InstanceId: instanceId, AccountName: accountName, ClientToken: clientToken },
  arrayStyle: 'repeat-list',
});

/** Signs the agent in, or ends a break: the agent becomes ready (空闲). */
export const startHotlineService = (instanceId: string, accountName: string, clientToken: string): AiccsActionRequest =>
  formAction('StartHotlineService', { InstanceId: instanceId, AccountName: accountName, ClientToken: clientToken });

/** A break; Type 1 short break (default), 2 meal, 3 meeting, 4 coaching, 5 training. */
export const suspendHotlineService = (
  instanceId: string,
  accountName: string,
  type: 1 | 2 | 3 | 4 | 5,
  clientToken: string,
): AiccsActionRequest =>
  formAction('SuspendHotlineService', { InstanceId: instanceId, AccountName: accountName, Type: type, ClientToken: clientToken });

/** Signs the agent out (离线). */
export const finishHotlineService = (instanceId: string, accountName: string, clientToken: string): AiccsActionRequest =>
  formAction('FinishHotlineService', { InstanceId: instanceId, AccountName: accountName, ClientToken: clientToken });
