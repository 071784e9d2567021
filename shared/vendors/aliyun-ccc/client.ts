// The CCC 2020-07-01 actions ccops calls, typed. Parameter placement follows
// the SDK metadata (notes §0): everything in the query, except
// ListRealtimeAgentStates' AgentIdList / StateList, which go in the form body.
// Lists are JSON-array strings. No retries here (the caller decides).
import type { z } from 'zod/v4';
import type { Transport } from '../../http.ts';
import { AliyunRpcClient } from '../aliyun/rpc-client.ts';
import type { SignRequest } from '../aliyun/request-signer.ts';
import type { Params } from '../aliyun/params.ts';
import { CCC_ERRORS } from './errors.ts';
import {
  AgentActionData,
  CallAndUserData,
  CallDetailRecord,
  CallDetailRecordsData,
  RealtimeAgentStatesData,
} from './schemas.ts';

export const CCC_API_VERSION = '2020-07-01';
export const CCC_VENDOR = 'aliyun-ccc';

export interface CccClientOptions {
  endpoint: string;
  instanceId: string;
  transport: Transport;
  sign: SignRequest;
}

export interface CccResult<T> {
  data: T;
  raw: unknown;
  requestId: string | undefined;
}

type Opts = { signal?: AbortSignal };

export class CccClient {
  readonly rpc: AliyunRpcClient;
  readonly instanceId: string;

  constructor(o: CccClientOptions) {
    this.instanceId = o.instanceId;
    this.rpc = new AliyunRpcClient({
      vendor: CCC_VENDOR,
      endpoint: o.endpoint,
      apiVersion: CCC_API_VERSION,
      transport: o.transport,
      sign: o.sign,
      errors: CCC_ERRORS,
      arrayStyle: 'json',
    });
  }

  #call<T extends z.ZodType>(action: string, schema: T, query: Params, opts?: Opts, form?: Params): Promise<CccResult<z.infer<T>>> {
    return this.rpc.callData(action, schema, { query: { InstanceId: this.instanceId, ...query }, ...(form ? { form } : {}) }, opts);
  }

  startConference(
    p: { UserId?: string; ParticipantListJson: readonly string[]; TimeoutSeconds?: number; Tags?: string },
    opts?: Opts,
  ) {
    return this.#call('StartConference', CallAndUserData, p, opts);
  }

  endConference(p: { JobId: string; UserId?: string }, opts?: Opts) {
    return this.#call('EndConference', CallAndUserData, p, opts);
  }

  pollUserStatus(p: { UserId?: string; DeviceId: string }, opts?: Opts) {
    return this.#call('PollUserStatus', CallAndUserData, p, opts);
  }

  listRealtimeAgentStates(
    p: { AgentIdList?: readonly string[]; StateList?: readonly string[]; SkillGroupId?: string; PageNumber: number; PageSize: number },
    opts?: Opts,
  ) {
    const { AgentIdList, StateList, ...query } = p;
    return this.#call('ListRealtimeAgentStates', RealtimeAgentStatesData, query, opts, { AgentIdList, StateList });
  }

  readyForService(p: { UserId: string; DeviceId: string; OutboundScenario?: boolean }, opts?: Opts) {
    return this.#call('ReadyForService', AgentActionData, p, opts);
  }

  takeBreak(p: { UserId: string; DeviceId: string; Code: string }, opts?: Opts) {
    return this.#call('TakeBreak', AgentActionData, p, opts);
  }

  signOutGroup(p: { UserId: string; DeviceId: string }, opts?: Opts) {
    return this.#call('SignOutGroup', AgentActionData, p, opts);
  }

  signInGroup(p: { UserId: string; DeviceId: string; SignedSkillGroupIdList: readonly string[] }, opts?: Opts) {
    return this.#call('SignInGroup', AgentActionData, p, opts);
  }

  getCallDetailRecord(p: { ContactId: string }, opts?: Opts) {
    // Data is null when there is no such call.
    return this.#call('GetCallDetailRecord', CallDetailRecord.nullish(), p, opts);
  }

  listCallDetailRecordsV2(
    p: {
      StartTime: number;
      EndTime: number;
      PageNumber: number;
      PageSize: number;
      ContactTypeList?: readonly string[];
      ContactDispositionList?: readonly string[];
      AgentId?: string;
      Number?: string;
      SortOrder?: 'ASC' | 'DESC';
      OrderByField?: string;
    },
    opts?: Opts,
  ) {
    return this.#call('ListCallDetailRecordsV2', CallDetailRecordsData, p, opts);
  }
}
