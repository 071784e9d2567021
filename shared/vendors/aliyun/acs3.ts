// Signature V3, ACS3-HMAC-SHA256 (the SDK's default). Pure: every input,
// the date and the nonce included, is passed in, and every intermediate
// string is returned so tests can compare them with the published example.
//
//   CanonicalRequest = method \n uri \n canonicalQuery \n canonicalHeaders \n signedHeaders \n sha256hex(body)
//   StringToSign     = "ACS3-HMAC-SHA256" \n sha256hex(CanonicalRequest)
//   Signature        = hex(HMAC-SHA256(AccessKeySecret, StringToSign))   (no '&' suffix on the key)
import { canonicalHeaders } from './canonical-headers.ts';
import { canonicalQuery, type ParamPairs } from './canonical-query.ts';
import { hmacSha256Hex, sha256Hex } from './hashing.ts';

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface Acs3Input {
  method: string;
  /** The canonical URI; `/` for RPC-style APIs. */
  path?: string;
  query: Record<string, string> | ParamPairs;
  /** Every header of the request; only host, content-type and x-acs-* are signed. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body (the x-acs-content-sha256 value). */
  hashedPayload: string;
  accessKeyId: string;
  accessKeySecret: string;
}

export interface Acs3Signature {
  canonicalQuery: string;
  canonicalRequest: string;
  hashedCanonicalRequest: string;
  stringToSign: string;
  signedHeaders: string;
  signature: string;
  authorization: string;
}

export function computeAcs3Signature(input: Acs3Input): Acs3Signature {
  const query = canonicalQuery(input.query);
  const headers = canonicalHeaders(input.headers);
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.path || '/',
    query,
    headers.canonical,
    headers.signedHeaders,
    input.hashedPayload,
  ].join('\n');
  const hashedCanonicalRequest = sha256Hex(canonicalRequest);
  const stringToSign = `${ACS3_ALGORITHM}\n${hashedCanonicalRequest}`;
  const signature = hmacSha256Hex(input.accessKeySecret, stringToSign);
  return {
    canonicalQuery: query,
    canonicalRequest,
    hashedCanonicalRequest,
    stringToSign,
    signedHeaders: headers.signedHeaders,
    signature,
    authorization: acs3Authorization(input.accessKeyId, headers.signedHeaders, signature),
  };
}

export function acs3Authorization(accessKeyId: string, signedHeaders: string, signature: string): string {
  return `${ACS3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
}

export interface ParsedAcs3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** Reads an Authorization header; undefined when it is not a complete ACS3 one. */
export function parseAcs3Authorization(value: string | undefined): ParsedAcs3Authorization | undefined {
  if (!value?.startsWith(`${ACS3_ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of value.slice(ACS3_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature) return undefined;
  return { accessKeyId, signedHeaders: signedHeaders.split(';'), signature };
}
