// What the Alibaba Cloud API gateway checks before a request reaches CCC,
// recomputed from the request as received: the AccessKey, the clock skew,
// the signature (V3 ACS3-HMAC-SHA256 or RPC v2 HMAC-SHA1), the STS token and
// a replayed nonce. Refusals carry the gateway's codes and HTTP statuses.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { computeAcs3Signature, parseAcs3Authorization } from '../../shared/vendors/aliyun/acs3.ts';
import { sha256Hex } from '../../shared/vendors/aliyun/hashing.ts';
import { FORM_CONTENT_TYPE } from '../../shared/vendors/aliyun/request-signer.ts';
import { computeRpcV2Signature } from '../../shared/vendors/aliyun/rpc-v2.ts';
import type { SimRequest } from '../server.ts';

/** The gateway accepts x-acs-date / Timestamp this far from its own clock. */
export const MAX_SKEW_MS = 15 * 60_000;

export interface SimAccessKey {
  secret: string;
  /** Temporary (STS) keys must send this token. */
  securityToken?: string;
}

export interface GatewayAccepted {
  ok: true;
  action: string;
  version: string;
  signatureVersion: 'v3' | 'v2';
  nonce: string;
  accessKeyId: string;
  /** API parameters from the URL query (v2's common parameters removed). */
  query: Map<string, string>;
  /** API parameters from a form body. */
  form: Map<string, string>;
}

export interface GatewayRefused {
  ok: false;
  status: number;
  code: string;
  message: string;
  action: string;
}

/** RPC v2's common parameters (signing and identity), as opposed to the API's own. */
export const V2_COMMON: ReadonlySet<string> = new Set([
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

/** Nonces seen within the skew window (a replay inside it is refused; older ones would fail the clock check). */
export class NonceWindow {
  readonly #seen = new Map<string, number>();
  /** False when the nonce was used within the window. */
  use(nonce: string, nowMs: number): boolean {
    if (this.#seen.size >= 50_000) this.prune(nowMs);
    const at = this.#seen.get(nonce);
    if (at !== undefined && nowMs - at <= MAX_SKEW_MS) return false;
    this.#seen.set(nonce, nowMs);
    return true;
  }
  prune(nowMs: number): void {
    for (const [n, at] of this.#seen) if (nowMs - at > MAX_SKEW_MS) this.#seen.delete(n);
  }
}

/** `a=1&b=2` percent-decoded; `+` stays a plus (Alibaba sends a space as %20). */
export function decodePairs(s: string): Array<[string, string]> {
  if (!s) return [];
  return s
    .split('&')
    .filter(Boolean)
    .map((kv) => {
      const eq = kv.indexOf('=');
      return [decode(eq < 0 ? kv : kv.slice(0, eq)), decode(eq < 0 ? '' : kv.slice(eq + 1))];
    });
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const headerOf = (h: IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v.join(',') : v;
};

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const ILLEGAL_TIMESTAMP =
  'The input parameter "Timestamp" that is mandatory for processing this request is not supplied or is out of range (more than 15 minutes from the server time).';

export function verifyGatewayRequest(
  req: SimRequest,
  keys: ReadonlyMap<string, SimAccessKey>,
  nowMs: number,
  nonces: NonceWindow,
): GatewayAccepted | GatewayRefused {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const query = decodePairs(q < 0 ? '' : req.url.slice(q + 1));
  const contentType = headerOf(req.headers, 'content-type') ?? '';
  const form = contentType.startsWith(FORM_CONTENT_TYPE) ? decodePairs(req.body) : [];
  const authorization = headerOf(req.headers, 'authorization');
  const action = headerOf(req.headers, 'x-acs-action') ?? query.find(([k]) => k === 'Action')?.[1] ?? '';
  const refuse = (status: number, code: string, message: string): GatewayRefused => ({ ok: false, status, code, message, action });
  const skewed = (at: number) => !Number.isFinite(at) || Math.abs(nowMs - at) > MAX_SKEW_MS;

  if (authorization !== undefined) {
    // --- V3 ACS3-HMAC-SHA256
    const auth = parseAcs3Authorization(authorization);
    if (!auth) return refuse(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    const key = keys.get(auth.accessKeyId);
    if (!key) return refuse(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const must = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];
    if (req.body) must.push('content-type');
    if (key.securityToken) must.push('x-acs-security-token');
    for (const name of must) {
      if (!auth.signedHeaders.includes(name) || headerOf(req.headers, name) === undefined) {
        return refuse(400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards: header ${name} is not signed.`);
      }
    }
    const signed: Record<string, string> = {};
    for (const name of auth.signedHeaders) signed[name] = headerOf(req.headers, name) ?? '';
    if (skewed(Date.parse(signed['x-acs-date']!))) return refuse(400, 'IllegalTimestamp', ILLEGAL_TIMESTAMP);
    const hashed = sha256Hex(req.body);
    const expected = computeAcs3Signature({
      method: req.method,
      path,
      query,
      headers: signed,
      hashedPayload: hashed,
      accessKeyId: auth.accessKeyId,
      accessKeySecret: key.secret,
    });
    if (!sameText(hashed, signed['x-acs-content-sha256']!) || !sameText(expected.signature, auth.signature)) {
      return refuse(400, 'SignatureDoesNotMatch', `Specified signature does not match our calculation. server string to sign is:${expected.stringToSign}`);
    }
    if (key.securityToken && signed['x-acs-security-token'] !== key.securityToken) {
      return refuse(400, 'InvalidSecurityToken.Mismatch', 'Specified SecurityToken is invalid.');
    }
    const nonce = signed['x-acs-signature-nonce']!;
    if (!nonces.use(nonce, nowMs)) return refuse(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    return {
      ok: true,
      action: signed['x-acs-action']!,
      version: signed['x-acs-version']!,
      signatureVersion: 'v3',
      nonce,
      accessKeyId: auth.accessKeyId,
      query: new Map(query),
      form: new Map(form),
    };
  }

  // --- RPC v2 HMAC-SHA1: the common parameters are in the query
  const common = new Map(query.filter(([k]) => V2_COMMON.has(k)));
  const signature = common.get('Signature');
  if (!signature) return refuse(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards: no signature.');
  for (const name of ['AccessKeyId', 'Action', 'Version', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp']) {
    if (!common.get(name)) return refuse(400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards: ${name} is missing.`);
  }
  if (common.get('SignatureMethod') !== 'HMAC-SHA1' || common.get('SignatureVersion') !== '1.0') {
    return refuse(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards: unsupported SignatureMethod or SignatureVersion.');
  }
  const accessKeyId = common.get('AccessKeyId')!;
  const key = keys.get(accessKeyId);
  if (!key) return refuse(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  if (skewed(Date.parse(common.get('Timestamp')!))) return refuse(400, 'IllegalTimestamp', ILLEGAL_TIMESTAMP);
  const expected = computeRpcV2Signature({
    method: req.method,
    params: [...query.filter(([k]) => k !== 'Signature'), ...form],
    accessKeySecret: key.secret,
  });
  if (!sameText(expected.signature, signature)) {
    return refuse(400, 'SignatureDoesNotMatch', `Specified signature does not match our calculation. server string to sign is:${expected.stringToSign}`);
  }
  if (key.securityToken && common.get('SecurityToken') !== key.securityToken) {
    return refuse(400, 'InvalidSecurityToken.Mismatch', 'Specified SecurityToken is invalid.');
  }
  const nonce = common.get('SignatureNonce')!;
  if (!nonces.use(nonce, nowMs)) return refuse(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  return {
    ok: true,
    action: common.get('Action')!,
    version: common.get('Version')!,
    signatureVersion: 'v2',
    nonce,
    accessKeyId,
    query: new Map(query.filter(([k]) => !V2_COMMON.has(k))),
    form: new Map(form),
  };
}
