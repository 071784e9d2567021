// TC3-HMAC-SHA256, Tencent Cloud API 3.0 request signing, as pure functions.
// The clock is an argument (the request's Unix timestamp) and every
// intermediate value is returned, so the signer is checked step by step
// against the published worked examples (test/fixtures/tencent-tccc/).
// Source: Tencent Cloud "Signature v3" (cloud.tencent.com/document/api/213/30654).
import { createHmac, createSecretKey, hash, type KeyObject } from 'node:crypto';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';
/** What ccops sends and signs, byte for byte (the doc's own choice). */
export const TC3_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface Tc3Credentials {
  secretId: string;
  secretKey: string;
}

export interface Tc3Request {
  /** Always POST for ccops; the algorithm allows GET too. @defaultValue POST */
  method?: 'POST' | 'GET';
  /** The Host header as sent: host name, plus `:port` only for a non-default port. */
  host: string;
  /** The credential-scope service, `ccc` for TCCC. */
  service: string;
  /** Sent as X-TC-Action; signed lower-cased when `x-tc-action` is among the signed headers. */
  action: string;
  /** X-TC-Timestamp, Unix seconds. The credential date is its UTC date. */
  timestamp: number;
  /** The Content-Type header exactly as sent. */
  contentType: string;
  /** The exact body bytes sent (POST); empty for GET. */
  body: string;
  /** Canonical query string for GET; always empty for POST. @defaultValue '' */
  query?: string;
  /** Which headers to sign; must include content-type and host. @defaultValue content-type, host, x-tc-action */
  signedHeaders?: readonly string[];
  /** Values of any other signed headers (lower-case names), e.g. `x-tc-timestamp`. */
  otherHeaders?: Readonly<Record<string, string>>;
}

export interface Tc3Signature {
  hashedPayload: string;
  canonicalHeaders: string;
  signedHeaders: string;
  canonicalRequest: string;
  hashedCanonicalRequest: string;
  credentialDate: string;
  credentialScope: string;
  stringToSign: string;
  /** The derived keys, hex, as the doc prints them. */
  secretDate: string;
  secretService: string;
  secretSigning: string;
  signature: string;
  authorization: string;
}

export const DEFAULT_SIGNED_HEADERS = ['content-type', 'host', 'x-tc-action'] as const;

/** One-shot `crypto.hash` (UTF-8 in, hex out): cheaper than createHash().update().digest() for request-sized input. */
export const sha256Hex = (data: string): string => hash('sha256', data, 'hex');
/**
 * A derived (Buffer) key goes to createHmac as a KeyObject: on Node 24 a
 * Buffer key costs ~25 µs in createHmac's key-type checks, a KeyObject ~3 µs
 * (same key bytes, same MAC).
 */
const macKey = (key: string | Buffer): string | KeyObject => (typeof key === 'string' ? key : createSecretKey(key));
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', macKey(key)).update(data, 'utf8').digest();

/** The UTC calendar date of a Unix timestamp, `YYYY-MM-DD` (never local time). */
export function credentialDate(timestamp: number): string {
  if (!Number.isInteger(timestamp) || timestamp < 0) throw new TypeError('TC3: timestamp must be whole Unix seconds');
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export function credentialScope(date: string, service: string): string {
  return `${date}/${service}/tc3_request`;
}

/** The value of each signable header, as the canonical form wants it. */
function headerValue(req: Tc3Request, name: string): string {
  switch (name) {
    case 'content-type':
      return req.contentType;
    case 'host':
      return req.host;
    case 'x-tc-action':
      return req.action;
    default: {
      const value = req.otherHeaders?.[name];
      if (value === undefined) throw new TypeError(`TC3: no value for the signed header ${name}`);
      return value;
    }
  }
}

/** `key:value\n` per header (lower-case, trimmed), sorted by key, and the key list. */
export function canonicalHeaders(req: Tc3Request): { canonicalHeaders: string; signedHeaders: string } {
  const names = [...new Set((req.signedHeaders ?? DEFAULT_SIGNED_HEADERS).map((h) => h.toLowerCase()))].sort();
  if (!names.includes('content-type') || !names.includes('host')) {
    throw new TypeError('TC3: the signed headers must include content-type and host');
  }
  return {
    canonicalHeaders: names.map((n) => `${n}:${headerValue(req, n).trim().toLowerCase()}\n`).join(''),
    signedHeaders: names.join(';'),
  };
}

export function canonicalRequest(
  req: Tc3Request,
  headers: { canonicalHeaders: string; signedHeaders: string },
  hashedPayload: string,
): string {
  const method = req.method ?? 'POST';
  const query = method === 'POST' ? '' : (req.query ?? '');
  return [method, '/', query, headers.canonicalHeaders, headers.signedHeaders, hashedPayload].join('\n');
}

export function stringToSign(timestamp: number, scope: string, hashedCanonicalRequest: string): string {
  return [TC3_ALGORITHM, String(timestamp), scope, hashedCanonicalRequest].join('\n');
}

/** SecretDate -> SecretService -> SecretSigning, each an HMAC-SHA256 of the previous. */
export function deriveSigningKey(
  secretKey: string,
  date: string,
  service: string,
): { secretDate: Buffer; secretService: Buffer; secretSigning: Buffer } {
  const secretDate = hmac(`TC3${secretKey}`, date);
  const secretService = hmac(secretDate, service);
  const secretSigning = hmac(secretService, 'tc3_request');
  return { secretDate, secretService, secretSigning };
}

export function authorizationHeader(secretId: string, scope: string, signedHeaders: string, signature: string): string {
  return `${TC3_ALGORITHM} Credential=${secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

export type SigningKeys = ReturnType<typeof deriveSigningKey>;

/**
 * Signs one request; pure (same input, same output). `keys` may carry the
 * keys already derived for this request's UTC date and service (they change
 * once a day; deriving them is most of the cost).
 */
export function signTc3(req: Tc3Request, creds: Tc3Credentials, keys?: SigningKeys): Tc3Signature {
  const hashedPayload = sha256Hex(req.body);
  const headers = canonicalHeaders(req);
  const canonical = canonicalRequest(req, headers, hashedPayload);
  const hashedCanonicalRequest = sha256Hex(canonical);
  const date = credentialDate(req.timestamp);
  const scope = credentialScope(date, req.service);
  const sts = stringToSign(req.timestamp, scope, hashedCanonicalRequest);
  keys ??= deriveSigningKey(creds.secretKey, date, req.service);
  const signature = createHmac('sha256', macKey(keys.secretSigning)).update(sts, 'utf8').digest('hex');
  return {
    hashedPayload,
    canonicalHeaders: headers.canonicalHeaders,
    signedHeaders: headers.signedHeaders,
    canonicalRequest: canonical,
    hashedCanonicalRequest,
    credentialDate: date,
    credentialScope: scope,
    stringToSign: sts,
    secretDate: keys.secretDate.toString('hex'),
    secretService: keys.secretService.toString('hex'),
    secretSigning: keys.secretSigning.toString('hex'),
    signature,
    authorization: authorizationHeader(creds.secretId, scope, headers.signedHeaders, signature),
  };
}

export interface ParsedAuthorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Reads an Authorization header back (the simulator verifies with it); undefined when malformed. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
    header ?? '',
  );
  if (!m) return undefined;
  return { secretId: m[1]!, date: m[2]!, service: m[3]!, signedHeaders: m[4]!.split(';'), signature: m[5]! };
}
