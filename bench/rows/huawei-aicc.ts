// The huawei-aicc row: HuaweiAiccAdapter.getAgentState (GET
// onlineagent/{id}/agentstatus with the session's Guid) against bare undici on
// the same route with a Guid of its own. Nothing is signed per request: the
// Guid from sign-in authenticates every call. What the adapter must do
// instead is keep the gateway's rule of one request at a time per agent (it
// refuses overlapping calls with 000-007), so its calls queue on the agent.
//   (a) bare undici with the same rule: one request in flight for its agent
//   (b) bare undici ignoring it: all callers in flight on one Guid, which the
//       simulator tolerates and the real gateway refuses (shows the rule's cost)
import { Agent, request } from 'undici';
import { parseConfig } from '../../shared/config.ts';
import { UndiciTransport } from '../../shared/http.ts';
import type { HuaweiAiccAdapter } from '../../shared/vendors/huawei-aicc/adapter.ts';
import { createContactCenter } from '../../shared/vendors/index.ts';
import type { RunOptions, VendorRow } from '../row-runner.ts';
import { startSimThread } from '../sim-thread.ts';

const AGENTS = [
  { agentId: '291', password: 'bench-password-291', phoneNumber: '40038' },
  { agentId: '292', password: 'bench-password-292', phoneNumber: '40039' },
];
const ADAPTER_AGENT = AGENTS[0]!;
const BARE_AGENT = AGENTS[1]!;
// Long enough that the bare agent, which never polls events, stays signed in through the run.
const SIM_OPTIONS = { agents: AGENTS, signOutAfterMs: 30 * 60_000 };

/** One task at a time, in call order (what the adapter's session does per agent). */
function serial(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const result = tail.then(task);
    tail = result.catch(() => {});
    return result;
  };
}

export function huaweiAiccRow() {
  return async (o: RunOptions): Promise<VendorRow> => {
    const sim = await startSimThread('../sim/huawei-aicc/index.ts', 'startHuaweiAiccSim', SIM_OPTIONS);
    const config = parseConfig({ centers: { bench: sim.demo.profile } }, { env: sim.demo.env });
    const profile = config.centers.bench!;
    if (profile.vendor !== 'huawei-aicc' || profile.agentId !== ADAPTER_AGENT.agentId) throw new Error('unexpected demo profile');
    // One connection more than the bare client: the adapter's event long poll holds one.
    const transport = new UndiciTransport({ connectionsPerOrigin: o.concurrency + 1 });
    const center = createContactCenter('bench', profile, { transport }) as HuaweiAiccAdapter;
    await center.signIn(); // and its event poller runs beside the measured calls, as in the product

    const dispatcher = new Agent({ connections: o.concurrency, keepAliveTimeout: 30_000 });
    const base = profile.gatewayUrl.replace(/\/+$/, '');
    const signIn = await request(`${base}/onlineagent/${BARE_AGENT.agentId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: JSON.stringify({ password: BARE_AGENT.password, phonenum: BARE_AGENT.phoneNumber, status: '4', releasephone: 'true', agenttype: '4' }),
      dispatcher,
    });
    const signedIn = (await signIn.body.json()) as { retcode?: string };
    const guid = String(signIn.headers['set-guid'] ?? '').split(';')[0]!.replace(/^JSESSIONID=/i, '');
    if (signedIn.retcode !== '0' || !guid) throw new Error(`bare sign-in failed: ${JSON.stringify(signedIn)}`);

    const url = `${base}/onlineagent/${BARE_AGENT.agentId}/agentstatus`;
    const headers = { 'content-type': 'application/json; charset=UTF-8', guid };
    const send = async () => {
      const res = await request(url, { method: 'GET', headers, dispatcher });
      const json = (await res.body.json()) as { retcode?: string; result?: unknown };
      if (res.statusCode !== 200 || json.retcode !== '0' || json.result === undefined) throw new Error(`bare request failed: ${JSON.stringify(json)}`);
    };
    const oneAtATime = serial();
    return {
      name: 'huawei-aicc getAgentState',
      requestsPerCall: 1,
      async adapter() {
        const s = await center.getAgentState(ADAPTER_AGENT.agentId);
        if (s.agentId !== ADAPTER_AGENT.agentId || s.state === 'offline') throw new Error(`unexpected state ${s.state}`);
      },
      bareSigned: () => oneAtATime(send),
      presigned: () => send,
      signOnce: { none: 'n/a (session Guid)' },
      notes: [
        'Route: GET onlineagent/{agentid}/agentstatus with the Guid header; no per-request signing (the Guid from sign-in authenticates).',
        `The adapter reads agent ${ADAPTER_AGENT.agentId} through its session (signed in once, its event long poll running beside); ` +
          `bare undici signs in as agent ${BARE_AGENT.agentId} once and reuses its Guid.`,
        '(a) here: bare undici keeping the gateway\'s one-request-at-a-time rule per agent, as the adapter must, so both have one request ' +
          'in flight whatever the concurrency. (b) here: no signing exists to do beforehand, so (b) instead drops that rule and puts all ' +
          `${o.concurrency} callers in flight on one Guid, which the simulator tolerates and the real gateway refuses (000-007): adapter/(b) is the cost of the rule.`,
      ],
      async close() {
        await center.close();
        await request(`${base}/onlineagent/${BARE_AGENT.agentId}/logout`, { method: 'DELETE', headers, dispatcher }).then((r) => r.body.dump());
        await transport.close();
        await dispatcher.close();
        await sim.close();
      },
    };
  };
}
