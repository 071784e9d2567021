// The tencent-tccc row: TencentTcccAdapter.getAgentState
// (DescribeStaffStatusMetrics, a signed JSON POST) against bare undici on the
// same route. The simulator verifies every TC3 signature and its timestamp.
import { Agent, request } from 'undici';
import { parseConfig } from '../../shared/config.ts';
import { UndiciTransport } from '../../shared/http.ts';
import { createContactCenter } from '../../shared/vendors/index.ts';
import { TCCC_VERSION, tc3Sign } from '../../shared/vendors/tencent-tccc/client.ts';
import { TC3_CONTENT_TYPE } from '../../shared/vendors/tencent-tccc/signer.ts';
import type { RunOptions, VendorRow } from '../row-runner.ts';
import { startSimThread } from '../sim-thread.ts';

const AGENT = 'agent@tccc-demo';
const ACTION = 'DescribeStaffStatusMetrics';

export function tencentTcccRow() {
  return async (o: RunOptions): Promise<VendorRow> => {
    const sim = await startSimThread('../sim/tencent-tccc/index.ts', 'startTencentTcccSim', { historyHours: 0 });
    const config = parseConfig({ centers: { bench: sim.demo.profile } }, { env: sim.demo.env });
    const profile = config.centers.bench!;
    if (profile.vendor !== 'tencent-tccc') throw new Error('unreachable');
    const transport = new UndiciTransport({ connectionsPerOrigin: o.concurrency });
    const center = createContactCenter('bench', profile, { transport });

    // The body and headers the adapter sends (built once), signed per request by the
    // client's own signing step (tc3Sign: the derived key kept for its UTC day).
    const url = `${new URL(profile.endpoint).origin}/`;
    const host = new URL(profile.endpoint).host;
    const body = JSON.stringify({ SdkAppId: profile.sdkAppId, StaffList: [AGENT] });
    const sign = tc3Sign({ secretId: profile.secretId, secretKey: profile.secretKey });
    const signedHeaders = (): Record<string, string> => {
      const timestamp = Math.floor(Date.now() / 1000);
      return {
        'Content-Type': TC3_CONTENT_TYPE,
        'X-TC-Action': ACTION,
        'X-TC-Version': TCCC_VERSION,
        'X-TC-Timestamp': String(timestamp),
        ...sign({ action: ACTION, timestamp, host, contentType: TC3_CONTENT_TYPE, body }),
      };
    };

    const dispatcher = new Agent({ connections: o.concurrency, keepAliveTimeout: 30_000 });
    const send = async (headers: Record<string, string>) => {
      const res = await request(url, { method: 'POST', headers, body, dispatcher });
      const json = (await res.body.json()) as { Response?: { Error?: unknown; Metrics?: Array<{ Email?: string }> } };
      if (res.statusCode !== 200 || json.Response?.Error || json.Response?.Metrics?.[0]?.Email !== AGENT) {
        throw new Error(`bare request failed: ${res.statusCode} ${JSON.stringify(json.Response?.Error)}`);
      }
    };
    let i = 0;
    return {
      name: 'tencent-tccc getAgentState',
      requestsPerCall: 1,
      async adapter() {
        const s = await center.getAgentState(AGENT);
        if (s.agentId !== AGENT) throw new Error('wrong agent');
      },
      bareSigned: () => send(signedHeaders()),
      presigned(count) {
        const all: Array<Record<string, string>> = [];
        for (let k = 0; k < count; k++) all.push(signedHeaders());
        let next = 0;
        return () => send(all[next++]!);
      },
      // A new timestamp each time, as every request has (the day's key stays cached, as in the client).
      signOnce: () => void sign({ action: ACTION, timestamp: 1_763_000_000 + (i++ % 3600), host, contentType: TC3_CONTENT_TYPE, body }),
      notes: [
        'Route: DescribeStaffStatusMetrics (JSON body SdkAppId + StaffList), TC3-HMAC-SHA256 over content-type, host and x-tc-action.',
        'Bare paths send the adapter\'s body and headers (built once), signed by the client\'s tc3Sign step with the profile\'s keys ' +
          '(a fresh X-TC-Timestamp per request; the day\'s derived key kept, as the client does); the simulator verifies every signature.',
        'The adapter is built by createContactCenter, as the product builds it.',
      ],
      async close() {
        await center.close();
        await transport.close();
        await dispatcher.close();
        await sim.close();
      },
    };
  };
}
