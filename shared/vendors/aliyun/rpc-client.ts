// A generic Alibaba Cloud RPC client: one `call(action, params)` builds the
// pre-signing request, signs it (a fresh nonce and timestamp on every call),
// sends it through a Transport and reads the answer. It never retries: the
// caller wraps it in withRetry (shared/retry.ts) when that is safe.
import { z } from 'zod/v4';
import { VendorError } from '../../errors.ts';
import type { HttpMethod, HttpRequest, Transport } from '../../http.ts';
import { type AliyunErrorTable, toVendorError } from './errors.ts';
import { type ArrayStyle, encodePairs, flattenParams, type Params } from './params.ts';
import { FORM_CONTENT_TYPE, type SignRequest } from './request-signer.ts';

/** The success envelope, leniently: `Code` need not be "OK", `HttpStatusCode` may be a string. */
export const AliyunEnvelope = z.looseObject({
  RequestId: z.string().optional(),
  Code: z.union([z.string(), z.number()]).optional(),
  Message: z.string().optional(),
  HttpStatusCode: z.union([z.number(), z.string()]).optional(),
  Success: z.union([z.boolean(), z.string()]).optional(),
  Data: z.unknown().optional(),
});
export type AliyunEnvelope = z.infer<typeof AliyunEnvelope>;

export interface AliyunRpcClientOptions {
  /** Vendor id for errors, e.g. `aliyun-ccc`. */
  vendor: string;
  /** `https://ccc.cn-shanghai.aliyuncs.com` (a path, if any, is kept). */
  endpoint: string;
  /** API version, e.g. `2020-07-01`. */
  apiVersion: string;
  transport: Transport;
  /** Signs each attempt; see createAliyunSigner. Pass `(r) => r` when the Transport signs (n8n credentials). */
  sign: SignRequest;
  /** The vendor's business error codes; gateway codes are always known. */
  errors: AliyunErrorTable;
  /** How list parameters are sent. @defaultValue 'json' (CCC); AICCS uses 'repeat-list' */
  arrayStyle?: ArrayStyle;
  /** @defaultValue 'POST' */
  method?: HttpMethod;
  /** For vendors that can answer 2xx with a failure inside (AICCS `Success: false`): true means treat as an error. */
  isBodyError?: (envelope: AliyunEnvelope) => boolean;
}

export interface AliyunCallParams {
  /** Sent in the URL query (CCC, HotlineSessionQuery). */
  query?: Params;
  /** Sent as a signed application/x-www-form-urlencoded body (AICCS hotline actions, CCC AgentIdList). */
  form?: Params;
  method?: HttpMethod;
  arrayStyle?: ArrayStyle;
}

export interface AliyunCallResult {
  status: number;
  requestId: string | undefined;
  headers: Record<string, string>;
  envelope: AliyunEnvelope;
}

const INVALID_RESPONSE = 'ccops.InvalidResponse';

export class AliyunRpcClient {
  readonly vendor: string;
  readonly #o: Required<Omit<AliyunRpcClientOptions, 'isBodyError'>> & Pick<AliyunRpcClientOptions, 'isBodyError'>;
  readonly #base: URL;

  constructor(options: AliyunRpcClientOptions) {
    let base: URL;
    try {
      base = new URL(options.endpoint);
    } catch {
      throw new TypeError(`AliyunRpcClient: endpoint must be an absolute URL, got "${options.endpoint}"`);
    }
    if (!options.apiVersion) throw new TypeError('AliyunRpcClient: apiVersion is required');
    this.vendor = options.vendor;
    this.#base = base;
    this.#o = { arrayStyle: 'json', method: 'POST', ...options };
  }

  /** The request before signing: what an n8n credential receives to sign. */
  buildRequest(action: string, params: AliyunCallParams = {}, signal?: AbortSignal): HttpRequest {
    const style = params.arrayStyle ?? this.#o.arrayStyle;
    const query = encodePairs(flattenParams(params.query, style));
    const form = params.form ? encodePairs(flattenParams(params.form, style)) : undefined;
    const path = this.#base.pathname === '' ? '/' : this.#base.pathname;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-acs-action': action,
      'x-acs-version': this.#o.apiVersion,
    };
    if (form !== undefined) headers['content-type'] = FORM_CONTENT_TYPE;
    return {
      method: params.method ?? this.#o.method,
      url: `${this.#base.origin}${path}${query ? `?${query}` : ''}`,
      headers,
      body: form,
      signal,
    };
  }

  async call(action: string, params: AliyunCallParams = {}, opts: { signal?: AbortSignal } = {}): Promise<AliyunCallResult> {
    const signed = await this.#o.sign(this.buildRequest(action, params, opts.signal));
    const res = await this.#o.transport.send(signed);
    let json: unknown;
    try {
      json = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      json = undefined;
    }
    const ok = res.status >= 200 && res.status < 300;
    if (!ok) {
      throw toVendorError({ vendor: this.vendor, action, status: res.status, headers: res.headers, body: json, table: this.#o.errors });
    }
    const envelope = AliyunEnvelope.safeParse(json);
    if (!envelope.success) {
      throw new VendorError({
        vendor: this.vendor,
        vendorCode: INVALID_RESPONSE,
        message: `Alibaba Cloud answered ${action} with something that is not a JSON object; the endpoint may not be an Alibaba Cloud API.`,
        httpStatus: res.status,
        retryable: false,
        requestId: res.headers['x-acs-request-id'],
      });
    }
    if (this.#o.isBodyError?.(envelope.data)) {
      throw toVendorError({ vendor: this.vendor, action, status: res.status, headers: res.headers, body: json, table: this.#o.errors });
    }
    return { status: res.status, requestId: envelope.data.RequestId, headers: res.headers, envelope: envelope.data };
  }

  /** Calls and parses `Data` with the action's schema; `raw` is `Data` as received. */
  async callData<T extends z.ZodType>(
    action: string,
    schema: T,
    params: AliyunCallParams = {},
    opts: { signal?: AbortSignal } = {},
  ): Promise<{ data: z.infer<T>; raw: unknown; requestId: string | undefined }> {
    const result = await this.call(action, params, opts);
    const parsed = schema.safeParse(result.envelope.Data);
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${['Data', ...i.path].join('.')}: ${i.message}`)
        .join('; ');
      throw new VendorError({
        vendor: this.vendor,
        vendorCode: INVALID_RESPONSE,
        message: `Alibaba Cloud answered ${action} with data ccops does not understand (${where}). Report this with the request id.`,
        httpStatus: result.status,
        retryable: false,
        requestId: result.requestId,
      });
    }
    return { data: parsed.data, raw: result.envelope.Data, requestId: result.requestId };
  }
}
