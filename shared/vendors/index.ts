// Builds the ContactCenter for a configured profile: one case per vendor.
// The switch is exhaustive, so a new vendor in profiles.ts fails to compile
// until it gets its case here.
import type { CenterProfile } from '../config.ts';
import { ConfigError } from '../errors.ts';
import type { ContactCenter } from '../port.ts';
import { AliyunAiccsCenter } from './aliyun-aiccs/adapter.ts';
import { AliyunCccAdapter } from './aliyun-ccc/adapter.ts';
import type { AdapterDeps } from './deps.ts';
import { createHuaweiAiccAdapter } from './huawei-aicc/adapter.ts';
import { TencentTcccAdapter } from './tencent-tccc/adapter.ts';

export type { AdapterDeps } from './deps.ts';

export function createContactCenter(center: string, profile: CenterProfile, deps: AdapterDeps): ContactCenter {
  switch (profile.vendor) {
    case 'aliyun-ccc':
      return new AliyunCccAdapter({ center, profile, deps });
    case 'aliyun-aiccs':
      return new AliyunAiccsCenter({
        center,
        profile,
        transport: deps.transport,
        ...(deps.now ? { now: deps.now } : {}),
        ...(deps.randomId ? { clientToken: deps.randomId } : {}),
      });
    case 'huawei-aicc':
      return createHuaweiAiccAdapter(center, profile, deps);
    case 'tencent-tccc':
      return new TencentTcccAdapter({
        center,
        profile,
        transport: deps.transport,
        ...(deps.now ? { now: deps.now } : {}),
      });
    default: {
      const unknown: never = profile;
      throw new ConfigError(`Unknown vendor in profile "${center}": ${JSON.stringify((unknown as { vendor: unknown }).vendor)}`);
    }
  }
}
