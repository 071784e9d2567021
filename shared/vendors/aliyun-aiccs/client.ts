// The AICCS hotline client: one method per action, answers parsed with zod.
// Signing, sending and error mapping are the shared Alibaba RPC client's;
// this module only knows AICCS's actions, placements and payloads.
import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';
import type { Transport } from '../../http.ts';
import type { Secret } from '../../secret.ts';
import { AliyunRpcClient, createAliyunSigner, type SignRequest } from '../aliyun/index.ts';
import {
  AICCS_VERSION,
  type AiccsActionRequest,
  finishHotlineService,
  getHotlineAgentDetail,
  getHotlineAgentStatus,
  type HotlineSessionFilter,
  hotlineSessionQuery,
  startHotlineService,
  suspendHotlineService,
} from './actions.ts';
import { aiccsErrorTable, isAiccsBodyError, VENDOR, withAgent } from './errors.ts';
import {
  HotlineAgentDetailData,
  HotlineAgentStatusData,
  HotlineSessionQueryData,
} from './schemas.ts';

/** Writes answer a heartbeat token or nothing in Data; ccops does not use it (and never keeps the token). */
const IGNORED = z.unknown().transform(() => undefined);

export interface AliyunAiccsClientOptions {
  endpoint: string;
  instanceId: string;
  accessKeyId: string;
  accessKeySecret: Secret;
  securityToken?: Secret;
  /** @defaultValue 'v3' */
  signatureVersion?: 'v3' | 'v2';
  transport: Transport;
  /** Replaces the AccessKey signer (n8n signs in its credential). */
  sign?: SignRequest;
  /** @defaultValue () => new Date() */
  now?: () => Date;
  /** A fresh idempotency token per write. @defaultValue crypto.randomUUID */
  clientToken?: () => string;
}

export class AliyunAiccsClient {
  readonly instanceId: string;
  readonly rpc: AliyunRpcClient;
  readonly #clientToken: () => string;

  constructor(o: AliyunAiccsClientOptions) {
    if (!o.instanceId) throw new TypeError('AliyunAiccsClient: instanceId is required');
    this.instanceId = o.instanceId;
    this.#clientToken = o.clientToken ?? randomUUID;
    const sign =
      o.sign ??
      createAliyunSigner({
        credentials: { accessKeyId: o.accessKeyId, accessKeySecret: o.accessKeySecret, securityToken: o.securityToken },
        signatureVersion: o.signatureVersion ?? 'v3',
        now: o.now,
      });
    this.rpc = new AliyunRpcClient({
      vendor: VENDOR,
      endpoint: o.endpoint,
      apiVersion: AICCS_VERSION,
      transport: o.transport,
      sign,
      errors: aiccsErrorTable(o.instanceId),
      arrayStyle: 'repeat-list',
      isBodyError: isAiccsBodyError,
    });
  }

  async #data<T extends z.ZodType>(req: AiccsActionRequest, schema: T, signal?: AbortSignal): Promise<z.infer<T>> {
    const { action, ...params } = req;
    const { data } = await this.rpc.callData(action, schema, params, { signal });
    return data;
  }

  async #agentAction<T extends z.ZodType>(req: AiccsActionRequest, accountName: string, schema: T, signal?: AbortSignal) {
    try {
      return await this.#data(req, schema, signal);
    } catch (e) {
      throw withAgent(e, accountName);
    }
  }

  sessionQuery(filter: HotlineSessionFilter, signal?: AbortSignal) {
    return this.#data(hotlineSessionQuery(this.instanceId, filter), HotlineSessionQueryData, signal);
  }

  /** The state string, e.g. `空闲`, `小休-就餐`. */
  agentStatus(accountName: string, signal?: AbortSignal): Promise<string> {
    return this.#agentAction(getHotlineAgentStatus(this.instanceId, accountName), accountName, HotlineAgentStatusData, signal);
  }

  agentDetail(accountName: string, signal?: AbortSignal) {
    return this.#agentAction(
      getHotlineAgentDetail(this.instanceId, accountName, this.#clientToken()),
      accountName,
      HotlineAgentDetailData,
      signal,
    );
  }

  /** Sign in, or back to ready from a break. */
  async startService(accountName: string, signal?: AbortSignal): Promise<void> {
    await this.#agentAction(startHotlineService(this.instanceId, accountName, this.#clientToken()), accountName, IGNORED, signal);
  }

  async suspendService(accountName: string, type: 1 | 2 | 3 | 4 | 5, signal?: AbortSignal): Promise<void> {
    await this.#agentAction(suspendHotlineService(this.instanceId, accountName, type, this.#clientToken()), accountName, IGNORED, signal);
  }

  async finishService(accountName: string, signal?: AbortSignal): Promise<void> {
    await this.#agentAction(finishHotlineService(this.instanceId, accountName, this.#clientToken()), accountName, IGNORED, signal);
  }
}

