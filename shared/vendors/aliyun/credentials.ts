import type { Secret } from '../../secret.ts';

/** An AccessKey pair, or temporary STS credentials when `securityToken` is set. */
export interface AliyunCredentials {
  accessKeyId: string;
  accessKeySecret: Secret;
  securityToken?: Secret;
}

/** v3 = ACS3-HMAC-SHA256 (the SDK default); v2 = RPC HMAC-SHA1. */
export type AliyunSignatureVersion = 'v3' | 'v2';
