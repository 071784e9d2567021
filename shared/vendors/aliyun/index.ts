// Alibaba Cloud OpenAPI building blocks shared by the CCC and AICCS vendors:
// the pure signers, the RPC client and the gateway error table.
export { percentEncode } from './percent-encode.ts';
export { canonicalQuery } from './canonical-query.ts';
export { canonicalHeaders, isSignedHeader } from './canonical-headers.ts';
export { sha256Hex, hmacSha256Hex, hmacSha1Base64, EMPTY_BODY_SHA256 } from './hashing.ts';
export { acsTimestamp } from './timestamp.ts';
export { computeAcs3Signature, parseAcs3Authorization, acs3Authorization, ACS3_ALGORITHM } from './acs3.ts';
export type { Acs3Input, Acs3Signature } from './acs3.ts';
export { computeRpcV2Signature } from './rpc-v2.ts';
export type { RpcV2Input, RpcV2Signature } from './rpc-v2.ts';
export type { AliyunCredentials, AliyunSignatureVersion } from './credentials.ts';
export {
  createAliyunSigner,
  signAcs3Request,
  signRpcV2Request,
  randomNonce,
  FORM_CONTENT_TYPE,
} from './request-signer.ts';
export type { SignRequest, SigningContext, AliyunSignerOptions } from './request-signer.ts';
export { flattenParams, encodePairs } from './params.ts';
export type { ParamValue, Params, ArrayStyle } from './params.ts';
export {
  ALIYUN_GATEWAY_ERRORS,
  toVendorError,
  parseAliyunError,
  retryAfterMs,
  lookupError,
  fallbackEntry,
} from './errors.ts';
export type { AliyunErrorTable, AliyunErrorEntry, AliyunErrorContext } from './errors.ts';
export { AliyunRpcClient, AliyunEnvelope } from './rpc-client.ts';
export type { AliyunRpcClientOptions, AliyunCallParams, AliyunCallResult } from './rpc-client.ts';
