// The configuration schema of every vendor's profile, told apart by `vendor`.
import { z } from 'zod/v4';
import { AliyunAiccsProfile } from './aliyun-aiccs/profile.ts';
import { AliyunCccProfile } from './aliyun-ccc/profile.ts';
import { HuaweiAiccProfile } from './huawei-aicc/profile.ts';
import { TencentTcccProfile } from './tencent-tccc/profile.ts';

export const centerProfileSchema = z.discriminatedUnion('vendor', [AliyunCccProfile, AliyunAiccsProfile, HuaweiAiccProfile, TencentTcccProfile], {
  error: (issue) =>
    issue.code === 'invalid_union' ? 'expected "vendor" to be one of aliyun-ccc, aliyun-aiccs, huawei-aicc, tencent-tccc' : undefined,
});
