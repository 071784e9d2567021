// The TCCC API client: one signed JSON POST per action over a Transport.
// Every attempt is signed afresh (new X-TC-Timestamp). The signing step is
// injected, so the n8n nodes can sign inside their credential and send
// through their own Transport; by default it is TC3 with the profile's keys.
import { z } from 'zod/v4';
import { VendorError } from '../../errors.ts';
import type { HttpRequest, Transport } from '../../http.ts';
import type { Secret } from '../../secret.ts';
import { retryKindOf, tencentError, VENDOR } from './errors.ts';
import { credentialDate, deriveSigningKey, type SigningKeys, signTc3, TC3_CONTENT_TYPE } from './signer.ts';

export const TCCC_VERSION = '2020-02-10';
/** The credential-scope service of TCCC, also for the .intl. host and the simulator. */
export const TCCC_SERVICE = 'ccc';

/** What the signing step sees of one request. */
export interface TcccRequestToSign {
  action: string;
  /** X-TC-Timestamp, Unix seconds. */
  timestamp: number;
  /** The Host header as sent (`host[:port]`). */
  host: string;
  contentType: string;
  body: string;
}

/** Returns the headers that authenticate one request: Authorization, and X-TC-Token for temporary keys. */
export type TcccSign = (req: TcccRequestToSign) => Record<string, string>;

export interface TcccCredentials {
  secretId: string;
  secretKey: Secret | string;
  token?: Secret | string;
}

const reveal = (s: Secret | string): string => (typeof s === 'string' ? s : s.reveal());

/**
 * The default signing step: TC3-HMAC-SHA256 over content-type, host and
 * x-tc-action. The derived key is kept for its UTC day.
 */
export function tc3Sign(creds: TcccCredentials): TcccSign {
  let cached: { date: string; keys: SigningKeys } | undefined;
  return (req) => {
    const secretKey = reveal(creds.secretKey);
    const date = credentialDate(req.timestamp);
    if (cached?.date !== date) cached = { date, keys: deriveSigningKey(secretKey, date, TCCC_SERVICE) };
    const sig = signTc3(
      { host: req.host, service: TCCC_SERVICE, action: req.action, timestamp: req.timestamp, contentType: req.contentType, body: req.body },
      { secretId: creds.secretId, secretKey },
      cached.keys,
    );
    const headers: Record<string, string> = { Authorization: sig.authorization };
    if (creds.token !== undefined) headers['X-TC-Token'] = reveal(creds.token);
    return headers;
  };
}

/**
 * The authentication headers for a request the client built, read back from
 * the request itself (X-TC-Action, X-TC-Timestamp, Content-Type, URL, body).
 * For front ends that sign in their own credential layer (n8n's
 * `authenticate`): give the client `sign: () => ({})` and call this there.
 */
export function authorizeTcccRequest(req: HttpRequest, sign: TcccSign): Record<string, string> {
  const get = (name: string) => Object.entries(req.headers).find(([k]) => k.toLowerCase() === name)?.[1];
  const action = get('x-tc-action');
  const timestamp = Number(get('x-tc-timestamp'));
  const contentType = get('content-type');
  if (!action || !Number.isInteger(timestamp) || !contentType) {
    throw new TypeError('authorizeTcccRequest: the request lacks X-TC-Action, X-TC-Timestamp or Content-Type');
  }
  return sign({ action, timestamp, host: new URL(req.url).host, contentType, body: req.body ?? '' });
}

export interface TcccClientOptions {
  /** e.g. https://ccc.tencentcloudapi.com */
  endpoint: string;
  transport: Transport;
  sign: TcccSign;
  /** @defaultValue () => new Date() */
  now?: () => Date;
  /** Sent as X-TC-Region when set. */
  region?: string;
  /** X-TC-Language, e.g. en-US, for the vendor's own error messages. */
  language?: 'en-US' | 'zh-CN';
}

export interface CallOpts {
  /** Changes something at the vendor: server-side failures are then not retryable. */
  write: boolean;
  signal?: AbortSignal;
}

export interface TcccResult<T> {
  data: T;
  requestId: string;
}

const Envelope = z.object({
  Response: z.looseObject({
    RequestId: z.string().optional(),
    Error: z.object({ Code: z.string(), Message: z.string().optional() }).optional(),
  }),
});

export class TcccClient {
  readonly #url: string;
  readonly #host: string;
  readonly #transport: Transport;
  readonly #sign: TcccSign;
  readonly #now: () => Date;
  readonly #region: string | undefined;
  readonly #language: string | undefined;

  constructor(o: TcccClientOptions) {
    let url: URL;
    try {
      url = new URL(o.endpoint);
    } catch {
      throw new TypeError(`TcccClient: endpoint must be a URL like https://ccc.tencentcloudapi.com, got "${o.endpoint}"`);
    }
    this.#url = `${url.origin}/`;
    this.#host = url.host;
    this.#transport = o.transport;
    this.#sign = o.sign;
    this.#now = o.now ?? (() => new Date());
    this.#region = o.region;
    this.#language = o.language;
  }

  /**
   * Calls `action` and parses `Response` with `schema`. A vendor error becomes
   * a VendorError; an expired signature is signed again once, at once.
   */
  async call<S extends z.ZodType>(
    action: string,
    params: Record<string, unknown>,
    schema: S,
    opts: CallOpts,
  ): Promise<TcccResult<z.output<S>>> {
    const body = JSON.stringify(params);
    try {
      return await this.#attempt(action, body, schema, opts);
    } catch (e) {
      if (e instanceof VendorError && retryKindOf(e.vendorCode) === 'resign') {
        return this.#attempt(action, body, schema, opts);
      }
      throw e;
    }
  }

  async #attempt<S extends z.ZodType>(action: string, body: string, schema: S, opts: CallOpts): Promise<TcccResult<z.output<S>>> {
    const timestamp = Math.floor(this.#now().getTime() / 1000);
    const headers: Record<string, string> = {
      'Content-Type': TC3_CONTENT_TYPE,
      'X-TC-Action': action,
      'X-TC-Version': TCCC_VERSION,
      'X-TC-Timestamp': String(timestamp),
      ...this.#sign({ action, timestamp, host: this.#host, contentType: TC3_CONTENT_TYPE, body }),
    };
    if (this.#region) headers['X-TC-Region'] = this.#region;
    if (this.#language) headers['X-TC-Language'] = this.#language;

    const res = await this.#transport.send({ method: 'POST', url: this.#url, headers, body, signal: opts.signal });

    let json: unknown;
    try {
      json = JSON.parse(res.body);
    } catch {
      json = undefined;
    }
    const envelope = Envelope.safeParse(json);
    if (!envelope.success) {
      throw httpError(action, res.status, opts.write);
    }
    const r = envelope.data.Response;
    const requestId = r.RequestId ?? '';
    if (r.Error) {
      throw tencentError(r.Error.Code, {
        action,
        write: opts.write,
        requestId,
        httpStatus: res.status,
        vendorMessage: r.Error.Message,
      });
    }
    if (res.status !== 200) throw httpError(action, res.status, opts.write, requestId);
    const parsed = schema.safeParse(r);
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
        .join('; ');
      throw new VendorError({
        vendor: VENDOR,
        vendorCode: 'ccops.UnexpectedResponse',
        message: `TCCC answered ${action} in a form ccops does not understand (${where}). The vendor API may have changed; report it with the request id.`,
        requestId,
        httpStatus: res.status,
        retryable: false,
      });
    }
    return { data: parsed.data, requestId };
  }
}

/** A response without Tencent's envelope: a proxy, a gateway page, or an outage. */
function httpError(action: string, status: number, write: boolean, requestId?: string): VendorError {
  const serverSide = status >= 500 || status === 429;
  return new VendorError({
    vendor: VENDOR,
    vendorCode: `HTTP ${status}`,
    message:
      status === 429
        ? `Tencent Cloud is throttling ${action}, so nothing was done. Try again in a few seconds.`
        : serverSide
          ? `Tencent Cloud answered ${action} with HTTP ${status} and no TCCC response; the service may be down. Try again in a minute.`
          : `Tencent Cloud answered ${action} with HTTP ${status} and no TCCC response. Check endpoint in the profile (it must be the TCCC API host).`,
    requestId,
    httpStatus: status,
    retryable: status === 429 || (serverSide && !write),
    retryAfterMs: status === 429 ? 1_000 : undefined,
  });
}
