import { z } from 'zod/v4';
import { SecretRef } from '../../secret.ts';

/** A configured Alibaba Cloud Contact Center (CCC 2020-07-01) instance. */
export const AliyunCccProfile = z.strictObject({
  vendor: z.literal('aliyun-ccc'),
  /** @defaultValue https://ccc.cn-shanghai.aliyuncs.com */
  endpoint: z.url({ message: 'expected a URL like https://ccc.cn-shanghai.aliyuncs.com' }).default('https://ccc.cn-shanghai.aliyuncs.com'),
  instanceId: z.string().min(1, 'the CCC instance id, e.g. "ccc-test"'),
  accessKeyId: z.string().min(1, 'the AccessKey id (not secret; the secret goes in accessKeySecret)'),
  accessKeySecret: SecretRef,
  /** STS token, for temporary credentials. */
  securityToken: SecretRef.optional(),
  /** @defaultValue v3 (ACS3-HMAC-SHA256); v2 is the older RPC HMAC-SHA1 */
  signatureVersion: z.enum(['v3', 'v2']).default('v3'),
  /** The DeviceId sent with agent-state actions, which the API ignores but older docs require. */
  deviceId: z.string().default('ccops'),
});
