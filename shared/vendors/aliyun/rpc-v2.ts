// RPC signature v2 (HMAC-SHA1, SignatureVersion 1.0), the older scheme.
// Pure: the caller passes every parameter, Timestamp and SignatureNonce
// included. Intermediate strings are returned for tests.
//
//   CanonicalQuery = sorted enc(k)=enc(v) over query ∪ form body, Signature excluded
//   StringToSign   = METHOD & enc("/") & enc(CanonicalQuery)
//   Signature      = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
import { canonicalQuery, type ParamPairs } from './canonical-query.ts';
import { hmacSha1Base64 } from './hashing.ts';
import { percentEncode } from './percent-encode.ts';

export interface RpcV2Input {
  method: string;
  /** All parameters: common ones (AccessKeyId, Timestamp, …) and the action's, query and form body together. */
  params: Record<string, string> | ParamPairs;
  accessKeySecret: string;
}

export interface RpcV2Signature {
  canonicalQuery: string;
  stringToSign: string;
  signature: string;
}

export function computeRpcV2Signature(input: RpcV2Input): RpcV2Signature {
  const pairs = Array.isArray(input.params)
    ? (input.params as ParamPairs).filter(([k]) => k !== 'Signature')
    : Object.entries(input.params as Record<string, string>).filter(([k]) => k !== 'Signature');
  const query = canonicalQuery(pairs);
  const stringToSign = `${input.method.toUpperCase()}&${percentEncode('/')}&${percentEncode(query)}`;
  return { canonicalQuery: query, stringToSign, signature: hmacSha1Base64(`${input.accessKeySecret}&`, stringToSign) };
}
