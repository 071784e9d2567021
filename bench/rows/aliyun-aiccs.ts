// The aliyun-aiccs row: AliyunAiccsCenter.getAgentState, which asks two
// actions at once (GetHotlineAgentStatus, a POST with a signed form body, and
// GetHotlineAgentDetail, a GET with a fresh ClientToken in the query), against
// bare undici sending the same two requests at once. The simulator verifies
// every V3 signature and refuses replayed nonces.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';
import { parseConfig } from '../../shared/config.ts';
import { type HttpRequest, UndiciTransport } from '../../shared/http.ts';
import { createAliyunSigner, randomNonce } from '../../shared/vendors/aliyun/request-signer.ts';
import { getHotlineAgentDetail, getHotlineAgentStatus } from '../../shared/vendors/aliyun-aiccs/actions.ts';
import type { AliyunAiccsCenter } from '../../shared/vendors/aliyun-aiccs/adapter.ts';
import { createContactCenter } from '../../shared/vendors/index.ts';
import type { RunOptions, VendorRow } from '../row-runner.ts';
import { startSimThread } from '../sim-thread.ts';

const AGENT = 'li.na@example.com';
const TOKEN = 'CLIENT-TOKEN-PLACEHOLDER';

export function aliyunAiccsRow() {
  return async (o: RunOptions): Promise<VendorRow> => {
    const sim = await startSimThread('../sim/aliyun-aiccs/index.ts', 'startAliyunAiccsSim', { historyCalls: 0 });
    const config = parseConfig({ centers: { bench: sim.demo.profile } }, { env: sim.demo.env });
    const profile = config.centers.bench!;
    if (profile.vendor !== 'aliyun-aiccs') throw new Error('unreachable');
    const transport = new UndiciTransport({ connectionsPerOrigin: o.concurrency });
    const center = createContactCenter('bench', profile, { transport }) as AliyunAiccsCenter;

    // The two requests the adapter sends, before signing (built once; the detail
    // request gets a fresh ClientToken per call, as the adapter's does).
    const build = ({ action, ...params }: ReturnType<typeof getHotlineAgentStatus>) => center.client.rpc.buildRequest(action, params);
    const status: HttpRequest = build(getHotlineAgentStatus(profile.instanceId, AGENT));
    const detail: HttpRequest = build(getHotlineAgentDetail(profile.instanceId, AGENT, TOKEN));
    if (!detail.url.includes(TOKEN)) throw new Error('the detail request carries no ClientToken');
    const freshDetail = (): HttpRequest => ({ ...detail, url: detail.url.replace(TOKEN, randomUUID()) });
    const sign = createAliyunSigner({
      credentials: {
        accessKeyId: profile.accessKeyId,
        accessKeySecret: profile.accessKeySecret,
        ...(profile.securityToken ? { securityToken: profile.securityToken } : {}),
      },
      signatureVersion: profile.signatureVersion,
      nonce: randomNonce,
    });

    const dispatcher = new Agent({ connections: o.concurrency, keepAliveTimeout: 30_000 });
    const send = async (r: HttpRequest) => {
      const res = await request(r.url, { method: r.method, headers: r.headers, body: r.body, dispatcher });
      const json = (await res.body.json()) as { Success?: boolean; Data?: unknown };
      if (res.statusCode !== 200 || json.Success !== true || json.Data == null) throw new Error(`bare request failed: ${res.statusCode}`);
    };
    const both = async (s: HttpRequest, d: HttpRequest) => {
      await Promise.all([send(s), send(d)]);
    };
    return {
      name: 'aliyun-aiccs getAgentState',
      requestsPerCall: 2,
      async adapter() {
        const s = await center.getAgentState(AGENT);
        if (s.agentId !== AGENT) throw new Error('wrong agent');
      },
      bareSigned: () => both(sign(status) as HttpRequest, sign(freshDetail()) as HttpRequest),
      presigned(count) {
        const pairs: Array<[HttpRequest, HttpRequest]> = [];
        for (let i = 0; i < count; i++) pairs.push([sign(status) as HttpRequest, sign(freshDetail()) as HttpRequest]);
        let next = 0;
        return () => {
          const [s, d] = pairs[next++]!;
          return both(s, d);
        };
      },
      signOnce: () => void sign(status),
      notes: [
        'Routes: GetHotlineAgentStatus (POST, InstanceId + AccountName in a signed form body) and GetHotlineAgentDetail (GET, query with a ' +
          'fresh ClientToken), sent at once; V3 ACS3-HMAC-SHA256. Calls/s counts getAgentState calls (two requests each).',
        'Bare paths send the requests the adapter builds (built once, a fresh ClientToken per call), signed by createAliyunSigner with the ' +
          'profile\'s keys (fresh date and nonce per request); the simulator verifies every signature and refuses replayed nonces. ' +
          'Sign µs: the GetHotlineAgentStatus request.',
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
