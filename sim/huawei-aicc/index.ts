// The Huawei AICC agent-gateway simulator: a real HTTP server with Guid
// sessions (dynamic mode), long-polled events, conference and rest event
// sequences, sign-out of unpolled agents, documented retcodes and faults.
import { FaultPlan, RequestLog, startSimServer } from '../server.ts';
import { trafficLoop } from '../traffic-loop.ts';
import { HuaweiSimModel, type HuaweiSimModelOptions } from './model.ts';
import { huaweiAiccHandler } from './routes.ts';

export { HuaweiSimModel } from './model.ts';
export type { HuaweiSimModelOptions, SimAgent, SimCall } from './model.ts';

export interface HuaweiAiccSimOptions extends HuaweiSimModelOptions {
  /** @defaultValue 0 (any free port) */
  port?: number;
  /** Time between generated inbound calls while traffic runs. @defaultValue 5000 */
  trafficIntervalMs?: number;
  /** Talk time of a generated call. @defaultValue 4000 */
  trafficTalkMs?: number;
}

export interface HuaweiAiccSim {
  /** Base URL of the agent interfaces: …/agentgateway/resource */
  url: string;
  close(): Promise<void>;
  log: RequestLog;
  faults: FaultPlan;
  model: HuaweiSimModel;
  /** Inbound calls to signed-in idle agents, one every trafficIntervalMs. */
  traffic: { start(): void; stop(): void };
  /**
   * The gateway lists no abandoned calls, so there is nothing a burst could
   * show: always 0.
   */
  burst(n: number): number;
  demo: { profile: Record<string, unknown>; env: Record<string, string> };
}

export async function startHuaweiAiccSim(opts: HuaweiAiccSimOptions = {}): Promise<HuaweiAiccSim> {
  const model = new HuaweiSimModel(opts);
  const log = new RequestLog();
  const faults = new FaultPlan();
  const server = await startSimServer(huaweiAiccHandler({ model, log, faults }), opts.port ?? 0);
  const url = `${server.url}/agentgateway/resource`;

  const traffic = trafficLoop(() => {
    const idle = [...model.agents.values()].filter((a) => a.signedIn && a.status === 4 && !a.currentCall);
    const agent = idle[Math.floor(Math.random() * idle.length)];
    if (agent) model.placeCall(agent, { talkMs: opts.trafficTalkMs ?? 4000 });
  }, opts.trafficIntervalMs ?? 5000);
  const first = [...model.agents.values()][0]!;

  return {
    url,
    log,
    faults,
    model,
    traffic,
    burst: () => 0,
    demo: {
      profile: {
        vendor: 'huawei-aicc',
        gatewayUrl: url,
        agentId: first.agentId,
        password: { env: 'HUAWEI_AICC_AGENT_PASSWORD' },
        phoneNumber: first.phoneNumber,
        breakReasons: { lunch: { restCause: 1 }, training: { restCause: 2 }, meeting: { busyReason: 201 } },
      },
      env: { HUAWEI_AICC_AGENT_PASSWORD: first.password },
    },
    async close() {
      traffic.stop();
      model.close();
      await server.close();
    },
  };
}
