// The aliyun-ccc rows: AliyunCccAdapter.getAgentState (ListRealtimeAgentStates,
// AgentIdList in a signed form body) against bare undici on the same route.
// The simulator verifies every signature and refuses replayed nonces, so the
// baseline sends requests signed before the clock starts, one per request:
// the simulator does the same work for both paths, and everything the
// adapter does on top (input checks, signing, parsing, mapping) is counted
// against it.
//   'worker':     the simulator runs in a worker thread, like a remote endpoint
//   'in-process': the simulator shares the measuring thread (the strictest view)
import { Worker } from 'node:worker_threads';
import { Agent, request } from 'undici';
import { parseConfig } from '../../shared/config.ts';
import { type HttpRequest, UndiciTransport } from '../../shared/http.ts';
import { createAliyunSigner, randomNonce } from '../../shared/vendors/aliyun/request-signer.ts';
import { AliyunCccAdapter } from '../../shared/vendors/aliyun-ccc/adapter.ts';
import { startAliyunCccSim } from '../../sim/aliyun-ccc/index.ts';
import type { RunOptions, VendorRow } from '../row-runner.ts';

const AGENT = 'agent@ccc-test';
const SIM_OPTIONS = { historyHours: 0 };

interface RunningSim {
  demo: { profile: Record<string, unknown>; env: Record<string, string> };
  close(): Promise<void>;
}

async function simInWorker(): Promise<RunningSim> {
  const worker = new Worker(new URL('../sim-worker.ts', import.meta.url), {
    workerData: { module: '../sim/aliyun-ccc/index.ts', start: 'startAliyunCccSim', options: SIM_OPTIONS },
  });
  const { demo } = await new Promise<{ demo: RunningSim['demo'] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    demo,
    async close() {
      worker.postMessage('close');
      await new Promise((r) => worker.once('message', r));
      await worker.terminate();
    },
  };
}

export function aliyunCccRow(where: 'worker' | 'in-process') {
  return async (o: RunOptions): Promise<VendorRow> => {
    const sim: RunningSim = where === 'worker' ? await simInWorker() : await startAliyunCccSim(SIM_OPTIONS);
    const config = parseConfig({ centers: { bench: sim.demo.profile } }, { env: sim.demo.env });
    const profile = config.centers.bench!;
    if (profile.vendor !== 'aliyun-ccc') throw new Error('unreachable');
    const transport = new UndiciTransport({ connectionsPerOrigin: o.concurrency });
    const adapter = new AliyunCccAdapter({ center: 'bench', profile, deps: { transport } });

    // Exactly what the adapter sends, before signing.
    const unsigned: HttpRequest = adapter.client.rpc.buildRequest('ListRealtimeAgentStates', {
      query: { InstanceId: profile.instanceId, PageNumber: 1, PageSize: 1 },
      form: { AgentIdList: [AGENT] },
    });
    const sign = createAliyunSigner({
      credentials: { accessKeyId: profile.accessKeyId, accessKeySecret: profile.accessKeySecret },
      nonce: randomNonce,
    });
    // Warm-up plus every round of the baseline, each with its own nonce.
    const needed = Math.max(100, Math.floor(o.requests / 10)) + o.requests * o.rounds + 100;
    const presigned: HttpRequest[] = [];
    for (let i = 0; i < needed; i++) presigned.push(sign(unsigned) as HttpRequest);
    let next = 0;

    const dispatcher = new Agent({ connections: o.concurrency, keepAliveTimeout: 30_000 });
    return {
      name: `aliyun-ccc getAgentState, simulator ${where === 'worker' ? 'in a worker thread' : 'in-process'}`,
      async adapter() {
        const s = await adapter.getAgentState(AGENT);
        if (s.agentId !== AGENT) throw new Error('wrong agent');
      },
      async baseline() {
        const r = presigned[next++];
        if (!r) throw new Error('ran out of pre-signed requests');
        const res = await request(r.url, { method: r.method, headers: r.headers, body: r.body, dispatcher });
        const json = (await res.body.json()) as { Data?: { List?: Array<{ AgentId?: string }> } };
        if (res.statusCode !== 200 || json.Data?.List?.[0]?.AgentId !== AGENT) throw new Error(`baseline failed: ${res.statusCode}`);
      },
      baselineNote:
        'bare undici (same keep-alive pool size) sends the same ListRealtimeAgentStates request (same query and form body), pre-signed before timing ' +
        'with a fresh nonce each, so the simulator verifies both paths alike and the adapter pays for signing, checks, parsing and mapping inside the ' +
        'measured time. Sign µs = createAliyunSigner (V3, fresh date and nonce) on that request.',
      signOnce: () => void sign(unsigned),
      async close() {
        await transport.close();
        await dispatcher.close();
        await sim.close();
      },
    };
  };
}
