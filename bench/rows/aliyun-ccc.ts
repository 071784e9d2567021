// The aliyun-ccc row: AliyunCccAdapter.getAgentState (ListRealtimeAgentStates,
// AgentIdList in a signed form body) against bare undici on the same route.
// The simulator verifies every V3 signature and refuses replayed nonces, so
// every bare request carries its own signature too.
//   'worker':     the simulator runs in a worker thread, like a remote endpoint (the table's row)
//   'in-process': the simulator shares the measuring thread (the strictest view; `--in-process`)
import { Agent, request } from 'undici';
import { parseConfig } from '../../shared/config.ts';
import { type HttpRequest, UndiciTransport } from '../../shared/http.ts';
import { createAliyunSigner, randomNonce } from '../../shared/vendors/aliyun/request-signer.ts';
import { AliyunCccAdapter } from '../../shared/vendors/aliyun-ccc/adapter.ts';
import { startAliyunCccSim } from '../../sim/aliyun-ccc/index.ts';
import type { RunOptions, VendorRow } from '../row-runner.ts';
import { startSimThread } from '../sim-thread.ts';

const AGENT = 'agent@ccc-test';
const SIM_OPTIONS = { historyHours: 0 };

export function aliyunCccRow(where: 'worker' | 'in-process' = 'worker') {
  return async (o: RunOptions): Promise<VendorRow> => {
    const sim =
      where === 'worker'
        ? await startSimThread('../sim/aliyun-ccc/index.ts', 'startAliyunCccSim', SIM_OPTIONS)
        : await startAliyunCccSim(SIM_OPTIONS);
    const config = parseConfig({ centers: { bench: sim.demo.profile } }, { env: sim.demo.env });
    const profile = config.centers.bench!;
    if (profile.vendor !== 'aliyun-ccc') throw new Error('unreachable');
    const transport = new UndiciTransport({ connectionsPerOrigin: o.concurrency });
    const adapter = new AliyunCccAdapter({ center: 'bench', profile, deps: { transport } });

    // Exactly what the adapter sends, before signing; signed by the same signer the adapter builds.
    const unsigned: HttpRequest = adapter.client.rpc.buildRequest('ListRealtimeAgentStates', {
      query: { InstanceId: profile.instanceId, PageNumber: 1, PageSize: 1 },
      form: { AgentIdList: [AGENT] },
    });
    const sign = createAliyunSigner({
      credentials: { accessKeyId: profile.accessKeyId, accessKeySecret: profile.accessKeySecret },
      signatureVersion: profile.signatureVersion,
      nonce: randomNonce,
    });

    const dispatcher = new Agent({ connections: o.concurrency, keepAliveTimeout: 30_000 });
    const send = async (r: HttpRequest) => {
      const res = await request(r.url, { method: r.method, headers: r.headers, body: r.body, dispatcher });
      const json = (await res.body.json()) as { Data?: { List?: Array<{ AgentId?: string }> } };
      if (res.statusCode !== 200 || json.Data?.List?.[0]?.AgentId !== AGENT) throw new Error(`bare request failed: ${res.statusCode}`);
    };
    return {
      name: `aliyun-ccc getAgentState${where === 'in-process' ? ', simulator in-process' : ''}`,
      requestsPerCall: 1,
      async adapter() {
        const s = await adapter.getAgentState(AGENT);
        if (s.agentId !== AGENT) throw new Error('wrong agent');
      },
      bareSigned: () => send(sign(unsigned) as HttpRequest),
      presigned(count) {
        const signed: HttpRequest[] = [];
        for (let i = 0; i < count; i++) signed.push(sign(unsigned) as HttpRequest);
        let next = 0;
        return () => send(signed[next++]!);
      },
      signOnce: () => void sign(unsigned),
      notes: [
        'Route: ListRealtimeAgentStates (InstanceId, PageNumber, PageSize in the query; AgentIdList in a form body), V3 ACS3-HMAC-SHA256.',
        'Bare paths send the request the adapter builds (built once), signed by createAliyunSigner with the profile\'s keys (fresh date and nonce ' +
          'per request); the simulator verifies every signature and refuses replayed nonces on all paths.',
        where === 'in-process'
          ? 'The simulator runs on the measuring thread here: CPU µs include its side of every request.'
          : 'Simulator in a worker thread.',
      ],
      async close() {
        await transport.close();
        await dispatcher.close();
        await sim.close();
      },
    };
  };
}
