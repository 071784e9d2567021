// Probes every configured center at once, on one short-timeout transport,
// for `ccops health` and for `serve`'s start-up report.
import type { Config } from '../shared/config.ts';
import { probeCenter, type CenterHealth } from '../shared/health.ts';
import { UndiciTransport } from '../shared/http.ts';
import { createContactCenter } from '../shared/vendors/index.ts';

export async function probeCenters(config: Config): Promise<CenterHealth[]> {
  const transport = new UndiciTransport({ headersTimeoutMs: 5_000 });
  try {
    return await Promise.all(
      Object.entries(config.centers).map(async ([name, profile]) => {
        const center = createContactCenter(name, profile, { transport });
        try {
          return await probeCenter(center);
        } finally {
          await center.close().catch(() => undefined);
        }
      }),
    );
  } finally {
    await transport.close();
  }
}
