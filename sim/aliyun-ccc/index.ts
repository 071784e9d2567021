// An Alibaba Cloud Contact Center (CCC 2020-07-01) endpoint on loopback, for
// tests, benchmarks and the demo: the gateway's signature checks, agents with
// a state machine, conferences whose legs ring then answer or time out, call
// records from seeded traffic, a movable clock, and faults on demand.
import { FaultPlan, RequestLog, startSimServer } from '../server.ts';
import { trafficLoop } from '../traffic-loop.ts';
import type { SimAccessKey } from './gateway.ts';
import { CccErrorPlan, createCccHandler } from './handler.ts';
import { CccModel, type ConferenceTimings, SimClock, type SimAgent, type SimCdr } from './model.ts';
import { CccTraffic, type TrafficOptions } from './traffic.ts';

export interface AliyunCccSimOptions extends TrafficOptions {
  /** @defaultValue 0 (any free port) */
  port?: number;
  /** @defaultValue ccc-test */
  instanceId?: string;
  /** @defaultValue a demo AccessKey pair */
  accessKeyId?: string;
  accessKeySecret?: string;
  /** Also accept an STS key: requests signed with it must carry this token. */
  sts?: { accessKeyId: string; accessKeySecret: string; securityToken: string };
  /** Hours of call history generated at start. @defaultValue 24 */
  historyHours?: number;
  /** Mean seconds between calls in the history. @defaultValue 120 */
  callEverySeconds?: number;
  /** Live traffic: real milliseconds between simulated calls. @defaultValue 2000 */
  trafficIntervalMs?: number;
  /** How fast conference legs ring and answer (simulator clock). */
  timings?: Partial<ConferenceTimings>;
  /** Agents to start with. @defaultValue six demo agents, agent@<instance> READY */
  agents?: Array<Pick<SimAgent, 'userId' | 'extension'> & Partial<SimAgent>>;
}

export interface AliyunCccSim {
  url: string;
  close(): Promise<void>;
  log: RequestLog;
  faults: FaultPlan;
  /** Any CCC error code on demand, e.g. Permission.Common or InternalService.CTI. */
  errors: CccErrorPlan;
  model: CccModel;
  clock: SimClock;
  generator: CccTraffic;
  traffic: { start(): void; stop(): void };
  /** `n` inbound calls abandoned at once, ending within the last minute. */
  burst(n: number): SimCdr[];
  demo: { profile: Record<string, unknown>; env: Record<string, string> };
}

export const DEMO_CCC_SECRET_ENV = 'CCOPS_DEMO_CCC_ACCESS_KEY_SECRET';

/** Extensions 8000-8005, so the CLI's examples (`conference start 8001 …`) reach a real agent. */
export function demoAgents(instanceId: string): Array<Pick<SimAgent, 'userId' | 'extension'> & Partial<SimAgent>> {
  const sales = `skillgroup1@${instanceId}`;
  const support = `support@${instanceId}`;
  return [
    { userId: `agent@${instanceId}`, extension: '8000', state: 'READY', skillGroups: [sales, support] },
    { userId: `li.na@${instanceId}`, extension: '8001', state: 'BREAK', breakCode: 'lunch', skillGroups: [sales] },
    { userId: `wang.fang@${instanceId}`, extension: '8002', state: 'TALKING', skillGroups: [support] },
    { userId: `zhang.wei@${instanceId}`, extension: '8003', state: 'OFFLINE', skillGroups: [sales] },
    { userId: `chen.jing@${instanceId}`, extension: '8004', state: 'WORKING', skillGroups: [support] },
    { userId: `zhao.lei@${instanceId}`, extension: '8005', state: 'READY', skillGroups: [sales, support] },
  ];
}

export async function startAliyunCccSim(opts: AliyunCccSimOptions = {}): Promise<AliyunCccSim> {
  const instanceId = opts.instanceId ?? 'ccc-test';
  const clock = new SimClock();
  const model = new CccModel(instanceId, clock, opts.timings);
  for (const a of opts.agents ?? demoAgents(instanceId)) model.addAgent(a);
  const accessKeyId = opts.accessKeyId ?? 'LTAI5tCcopsSimulatorCcc01';
  const accessKeySecret = opts.accessKeySecret ?? 'ccopsSimulatorCccAccessKeySecret0';
  const keys = new Map<string, SimAccessKey>([[accessKeyId, { secret: accessKeySecret }]]);
  if (opts.sts) keys.set(opts.sts.accessKeyId, { secret: opts.sts.accessKeySecret, securityToken: opts.sts.securityToken });

  const generator = new CccTraffic(model, opts);
  generator.seedHistory((opts.historyHours ?? 24) * 3600, opts.callEverySeconds ?? 120);

  const log = new RequestLog();
  const faults = new FaultPlan();
  const errors = new CccErrorPlan();
  const server = await startSimServer(createCccHandler({ model, keys, log, faults, errors }), opts.port ?? 0);

  const traffic = trafficLoop(() => generator.callEndingNow(), opts.trafficIntervalMs ?? 2_000);

  return {
    url: server.url,
    async close() {
      traffic.stop();
      await server.close();
    },
    log,
    faults,
    errors,
    model,
    clock,
    generator,
    traffic,
    burst: (n) => generator.burst(n),
    demo: {
      profile: {
        vendor: 'aliyun-ccc',
        endpoint: server.url,
        instanceId,
        accessKeyId,
        accessKeySecret: { env: DEMO_CCC_SECRET_ENV },
        signatureVersion: 'v3',
      },
      env: { [DEMO_CCC_SECRET_ENV]: accessKeySecret },
    },
  };
}

export { CccModel, CccFault, SimClock } from './model.ts';
export type { SimAgent, SimCdr, SimJob, UserState, LegBehaviour } from './model.ts';
export { CccErrorPlan, CCC_ACTIONS } from './handler.ts';
export { verifyGatewayRequest, NonceWindow, MAX_SKEW_MS } from './gateway.ts';
