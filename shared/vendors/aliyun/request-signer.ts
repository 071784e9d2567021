// Turns a pre-signing request into a signed one. The RPC client builds the
// pre-signing request: the action and API version in `x-acs-action` /
// `x-acs-version` headers, parameters in the URL query and, for form
// actions, an application/x-www-form-urlencoded body. That request is plain
// data, so an n8n credential can sign it inside n8n with these same
// functions. Each call takes its own date and nonce: sign every attempt anew.
import { randomUUID } from 'node:crypto';
import type { HttpRequest } from '../../http.ts';
import { computeAcs3Signature, type Acs3Signature } from './acs3.ts';
import { canonicalQuery } from './canonical-query.ts';
import type { AliyunCredentials, AliyunSignatureVersion } from './credentials.ts';
import { sha256Hex } from './hashing.ts';
import { percentEncode } from './percent-encode.ts';
import { computeRpcV2Signature, type RpcV2Signature } from './rpc-v2.ts';
import { acsTimestamp } from './timestamp.ts';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

export interface SigningContext {
  now: Date;
  /** Unique per request; the gateway refuses a replayed nonce. */
  nonce: string;
}

/** Signs one attempt. The default is `createAliyunSigner`; n8n passes requests through unsigned and signs in its credential. */
export type SignRequest = (req: HttpRequest) => HttpRequest | Promise<HttpRequest>;

function header(headers: Record<string, string>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

function requireHeader(headers: Record<string, string>, name: string): string {
  const v = header(headers, name);
  if (!v) throw new TypeError(`Aliyun signer: the request has no ${name} header (the RPC client sets it)`);
  return v;
}

function withQuery(url: URL, query: string): string {
  return `${url.origin}${url.pathname}${query ? `?${query}` : ''}`;
}

/** V3: adds host, x-acs-date, x-acs-signature-nonce, x-acs-content-sha256 (+ STS token) and Authorization. */
export function signAcs3Request(
  req: HttpRequest,
  creds: AliyunCredentials,
  ctx: SigningContext,
): { request: HttpRequest; signature: Acs3Signature } {
  const url = new URL(req.url);
  const body = req.body ?? '';
  const hashedPayload = sha256Hex(body);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
  requireHeader(headers, 'x-acs-action');
  requireHeader(headers, 'x-acs-version');
  headers.host = url.host;
  headers['x-acs-date'] = acsTimestamp(ctx.now);
  headers['x-acs-signature-nonce'] = ctx.nonce;
  headers['x-acs-content-sha256'] = hashedPayload;
  if (creds.securityToken) {
    headers['x-acs-accesskey-id'] = creds.accessKeyId;
    headers['x-acs-security-token'] = creds.securityToken.reveal();
  }
  const signature = computeAcs3Signature({
    method: req.method,
    path: url.pathname,
    query: [...url.searchParams],
    headers,
    hashedPayload,
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret.reveal(),
  });
  headers.authorization = signature.authorization;
  // The wire query is the canonical one, so the gateway decodes exactly what was signed.
  return { request: { ...req, url: withQuery(url, signature.canonicalQuery), headers }, signature };
}

/** v2: moves action and version into the common query parameters and appends Signature. */
export function signRpcV2Request(
  req: HttpRequest,
  creds: AliyunCredentials,
  ctx: SigningContext,
): { request: HttpRequest; signature: RpcV2Signature } {
  const url = new URL(req.url);
  const headers: Record<string, string> = {};
  let action = '';
  let version = '';
  for (const [k, v] of Object.entries(req.headers)) {
    const lower = k.toLowerCase();
    if (lower === 'x-acs-action') action = v;
    else if (lower === 'x-acs-version') version = v;
    else headers[lower] = v;
  }
  if (!action || !version) throw new TypeError('Aliyun signer: the request has no x-acs-action / x-acs-version header');
  const query: Array<[string, string]> = [...url.searchParams];
  query.push(
    ['AccessKeyId', creds.accessKeyId],
    ['Action', action],
    ['Format', 'JSON'],
    ['SignatureMethod', 'HMAC-SHA1'],
    ['SignatureNonce', ctx.nonce],
    ['SignatureVersion', '1.0'],
    ['Timestamp', acsTimestamp(ctx.now)],
    ['Version', version],
  );
  if (creds.securityToken) query.push(['SecurityToken', creds.securityToken.reveal()]);
  const isForm = (headers['content-type'] ?? '').startsWith(FORM_CONTENT_TYPE);
  const form: Array<[string, string]> = isForm && req.body ? [...new URLSearchParams(req.body)] : [];
  const signature = computeRpcV2Signature({
    method: req.method,
    params: [...query, ...form],
    accessKeySecret: creds.accessKeySecret.reveal(),
  });
  const wireQuery = `${canonicalQuery(query)}&Signature=${percentEncode(signature.signature)}`;
  return { request: { ...req, url: withQuery(url, wireQuery), headers }, signature };
}

/** A random UUID: unique per request, and cheap (Node draws it from a cached entropy pool). */
export const randomNonce = (): string => randomUUID();

export interface AliyunSignerOptions {
  credentials: AliyunCredentials;
  /** @defaultValue 'v3' */
  signatureVersion?: AliyunSignatureVersion;
  /** @defaultValue () => new Date() */
  now?: () => Date;
  /** @defaultValue a random UUID */
  nonce?: () => string;
}

/** The core signer as a SignRequest: a fresh date and nonce on every call. */
export function createAliyunSigner(options: AliyunSignerOptions): SignRequest {
  const now = options.now ?? (() => new Date());
  const nonce = options.nonce ?? randomNonce;
  const sign = (options.signatureVersion ?? 'v3') === 'v2' ? signRpcV2Request : signAcs3Request;
  return (req) => sign(req, options.credentials, { now: now(), nonce: nonce() }).request;
}
