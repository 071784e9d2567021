import { z } from 'zod/v4';
import { SecretRef } from '../../secret.ts';

/** A configured Alibaba Cloud AICCS (智能联络中心, API 2019-10-15) hotline instance. */
export const AliyunAiccsProfile = z.strictObject({
  vendor: z.literal('aliyun-aiccs'),
  /**
   * The SDK sends every region to the one global endpoint.
   * @defaultValue https://aiccs.aliyuncs.com
   */
  endpoint: z.url({ message: 'expected a URL like https://aiccs.aliyuncs.com' }).default('https://aiccs.aliyuncs.com'),
  instanceId: z.string().min(1, 'the AICCS instance id from the console\'s instance list, e.g. "ccc_xp_pre-cn-test"'),
  accessKeyId: z.string().min(1, 'the AccessKey id (not secret; the secret goes in accessKeySecret)'),
  accessKeySecret: SecretRef,
  /** STS token, for temporary credentials. */
  securityToken: SecretRef.optional(),
  /** @defaultValue v3 (ACS3-HMAC-SHA256); v2 is the older RPC HMAC-SHA1 */
  signatureVersion: z.enum(['v3', 'v2']).default('v3'),
  /**
   * The IANA time zone the instance writes its call times in (`yyyy-MM-dd HH:mm:ss`, no offset).
   * @defaultValue Asia/Shanghai
   */
  timeZone: z
    .string()
    .refine(isTimeZone, 'expected an IANA time zone such as "Asia/Shanghai"')
    .default('Asia/Shanghai'),
});
export type AliyunAiccsProfile = z.infer<typeof AliyunAiccsProfile>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
