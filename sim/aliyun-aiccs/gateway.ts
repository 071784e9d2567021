// What the Alibaba Cloud API gateway checks before a request reaches AICCS:
// the signature (V3 ACS3-HMAC-SHA256 or RPC v2 HMAC-SHA1, recomputed with the
// project's own pure signer functions), the AccessKey, the clock skew, a
// replayed nonce and the STS token. It also splits the parameters into those
// that arrived in the query and those in the form body, so each action can
// read only from where the real API reads them.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  computeAcs3Signature,
  computeRpcV2Signature,
  FORM_CONTENT_TYPE,
  parseAcs3Authorization,
  sha256Hex,
} from '../../shared/vendors/aliyun/index.ts';
import type { SimRequest } from '../server.ts';

export interface GatewayCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** When set, requests must carry it (x-acs-security-token / SecurityToken). */
  securityToken?: string;
}

export interface GatewayOk {
  ok: true;
  action: string;
  version: string;
  signatureVersion: 'v3' | 'v2';
  /** API parameters that came in the URL query (v2's common parameters removed). */
  query: Map<string, string>;
  /** Parameters of an application/x-www-form-urlencoded body. */
  form: Map<string, string>;
  /** Parameter names as they appeared in the query, in order (tests look at repeat-list flattening). */
  queryNames: string[];
}

export interface GatewayRefusal {
  ok: false;
  status: number;
  code: string;
  message: string;
  action: string;
}

const V2_COMMON = new Set([
  'AccessKeyId',
  'Action',
  'Version',
  'Format',
  'SignatureMethod',
  'SignatureNonce',
  'SignatureVersion',
  'Timestamp',
  'Signature',
  'SecurityToken',
]);

/** Max clock skew the gateway accepts (V3 doc: x-acs-date within 15 minutes). */
export const MAX_SKEW_MS = 15 * 60_000;

/** Nonces seen within the skew window; a replay is refused. */
export class NonceCache {
  readonly #seen = new Map<string, number>();
  /** False when the nonce was already used. */
  use(nonce: string, nowMs: number): boolean {
    if (this.#seen.size > 10_000) {
      for (const [n, at] of this.#seen) if (nowMs - at > MAX_SKEW_MS) this.#seen.delete(n);
    }
    if (this.#seen.has(nonce)) return false;
    this.#seen.set(nonce, nowMs);
    return true;
  }
}

/** `a=1&b=2` -> pairs, percent-decoded; `+` stays a plus (Alibaba encodes a space as %20). */
export function decodePairs(s: string): Array<[string, string]> {
  if (!s) return [];
  return s.split('&').filter(Boolean).map((kv) => {
    const eq = kv.indexOf('=');
    const k = eq < 0 ? kv : kv.slice(0, eq);
    const v = eq < 0 ? '' : kv.slice(eq + 1);
    return [safeDecode(k), safeDecode(v)];
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const header = (h: IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v.join(',') : v;
};

function equalText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function actionOf(req: SimRequest): string {
  const fromHeader = header(req.headers, 'x-acs-action');
  if (fromHeader) return fromHeader;
  const q = req.url.indexOf('?');
  const pair = decodePairs(q < 0 ? '' : req.url.slice(q + 1)).find(([k]) => k === 'Action');
  return pair?.[1] ?? '';
}

export function verifyGatewayRequest(
  req: SimRequest,
  creds: GatewayCredentials,
  nowMs: number,
  nonces: NonceCache,
): GatewayOk | GatewayRefusal {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const rawQuery = decodePairs(q < 0 ? '' : req.url.slice(q + 1));
  const contentType = header(req.headers, 'content-type') ?? '';
  const form = new Map(contentType.startsWith(FORM_CONTENT_TYPE) ? decodePairs(req.body) : []);
  const action = actionOf(req);
  const refuse = (status: number, code: string, message: string): GatewayRefusal => ({ ok: false, status, code, message, action });

  const authorization = header(req.headers, 'authorization');
  if (authorization) {
    // --- V3
    const auth = parseAcs3Authorization(authorization);
    if (!auth) return refuse(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    if (auth.accessKeyId !== creds.accessKeyId) return refuse(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    for (const required of ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version']) {
      if (!auth.signedHeaders.includes(required) || !header(req.headers, required)) {
        return refuse(400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards: ${required} is not signed.`);
      }
    }
    if (req.body && !auth.signedHeaders.includes('content-type')) {
      return refuse(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards: content-type is not signed.');
    }
    const signed: Record<string, string> = {};
    for (const name of auth.signedHeaders) signed[name] = header(req.headers, name) ?? '';
    const hashed = sha256Hex(req.body);
    if (!equalText(hashed, signed['x-acs-content-sha256'] ?? '')) {
      return refuse(400, 'SignatureDoesNotMatch', 'The x-acs-content-sha256 header does not match the request body.');
    }
    const expected = computeAcs3Signature({
      method: req.method,
      path,
      query: rawQuery,
      headers: signed,
      hashedPayload: hashed,
      accessKeyId: auth.accessKeyId,
      accessKeySecret: creds.accessKeySecret,
    });
    if (!equalText(expected.signature, auth.signature)) {
      return refuse(400, 'SignatureDoesNotMatch', `Specified signature does not match our calculation. server string to sign is:${expected.stringToSign}`);
    }
    const date = Date.parse(signed['x-acs-date'] ?? '');
    if (!Number.isFinite(date) || Math.abs(nowMs - date) > MAX_SKEW_MS) {
      return refuse(400, 'IllegalTimestamp', 'The input parameter "Timestamp" that is mandatory for processing this request is not supplied or is out of range.');
    }
    if (creds.securityToken && header(req.headers, 'x-acs-security-token') !== creds.securityToken) {
      return refuse(400, 'InvalidSecurityToken.Mismatch', 'Specified SecurityToken is invalid.');
    }
    if (!nonces.use(signed['x-acs-signature-nonce']!, nowMs)) {
      return refuse(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    }
    return {
      ok: true,
      action: signed['x-acs-action']!,
      version: signed['x-acs-version']!,
      signatureVersion: 'v3',
      query: new Map(rawQuery),
      form,
      queryNames: rawQuery.map(([k]) => k),
    };
  }

  // --- RPC v2: everything common is in the query
  const common = new Map(rawQuery.filter(([k]) => V2_COMMON.has(k)));
  const signature = common.get('Signature');
  if (!signature) return refuse(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
  for (const name of ['AccessKeyId', 'Action', 'Version', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp']) {
    if (!common.get(name)) return refuse(400, `Missing${name}`, `${name} is mandatory for this action.`);
  }
  if (common.get('AccessKeyId') !== creds.accessKeyId) return refuse(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  if (common.get('SignatureMethod') !== 'HMAC-SHA1' || common.get('SignatureVersion') !== '1.0') {
    return refuse(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
  }
  const expected = computeRpcV2Signature({
    method: req.method,
    params: [...rawQuery.filter(([k]) => k !== 'Signature'), ...form],
    accessKeySecret: creds.accessKeySecret,
  });
  if (!equalText(expected.signature, signature)) {
    return refuse(400, 'SignatureDoesNotMatch', `Specified signature does not match our calculation. server string to sign is:${expected.stringToSign}`);
  }
  const ts = Date.parse(common.get('Timestamp')!);
  if (!Number.isFinite(ts) || Math.abs(nowMs - ts) > MAX_SKEW_MS) {
    return refuse(400, 'IllegalTimestamp', 'The input parameter "Timestamp" that is mandatory for processing this request is not supplied or is out of range.');
  }
  if (creds.securityToken && common.get('SecurityToken') !== creds.securityToken) {
    return refuse(400, 'InvalidSecurityToken.Mismatch', 'Specified SecurityToken is invalid.');
  }
  if (!nonces.use(common.get('SignatureNonce')!, nowMs)) {
    return refuse(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  }
  const apiQuery = rawQuery.filter(([k]) => !V2_COMMON.has(k));
  return {
    ok: true,
    action: common.get('Action')!,
    version: common.get('Version')!,
    signatureVersion: 'v2',
    query: new Map(apiQuery),
    form,
    queryNames: apiQuery.map(([k]) => k),
  };
}
