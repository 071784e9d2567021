import { z } from 'zod/v4';
import { SecretRef } from '../../secret.ts';

/** A configured Tencent Cloud Contact Center (TCCC, API 2020-02-10) application. */
export const TencentTcccProfile = z.strictObject({
  vendor: z.literal('tencent-tccc'),
  /** The international site is https://ccc.intl.tencentcloudapi.com. @defaultValue https://ccc.tencentcloudapi.com */
  endpoint: z.url({ message: 'expected a URL like https://ccc.tencentcloudapi.com' }).default('https://ccc.tencentcloudapi.com'),
  /** Sent as X-TC-Region when set; TCCC itself does not require a region. */
  region: z.string().min(1, 'a region like "ap-guangzhou", or leave it out').optional(),
  sdkAppId: z
    .number({ message: 'the TCCC application id (SdkAppId), a number like 1400000000' })
    .int()
    .positive('the TCCC application id (SdkAppId), a number like 1400000000'),
  secretId: z.string().min(1, 'the API key SecretId (not secret; the secret goes in secretKey)'),
  secretKey: SecretRef,
  /** Session token of temporary (STS) credentials, sent as X-TC-Token. */
  token: SecretRef.optional(),
});
export type TencentTcccProfile = z.infer<typeof TencentTcccProfile>;
