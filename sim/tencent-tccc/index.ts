// A Tencent Cloud Contact Center (CCC 2020-02-10) endpoint on loopback:
// TC3 signatures checked, Tencent's error envelope, staff with statuses, call
// records from seeded traffic, a movable clock, and faults on demand.
import { FaultPlan, RequestLog, startSimServer } from '../server.ts';
import { trafficLoop } from '../traffic-loop.ts';
import { createTcccHandler, type TencentErrorPlan } from './handler.ts';
import { type SimCdr, type SimStaff, TcccModel } from './model.ts';
import { type TrafficOptions, TcccTraffic } from './traffic.ts';

export interface TencentTcccSimOptions extends TrafficOptions {
  /** @defaultValue 0 (any free port) */
  port?: number;
  /** @defaultValue 1400000001 */
  sdkAppId?: number;
  /** @defaultValue a demo key pair */
  secretId?: string;
  secretKey?: string;
  /** Temporary credentials: requests must carry it as X-TC-Token. */
  token?: string;
  /** Hours of call history generated at start. @defaultValue 24 */
  historyHours?: number;
  /** Mean seconds between calls, in the history and in live traffic. @defaultValue 120 */
  callEverySeconds?: number;
  /** Live traffic: real milliseconds between simulated calls. @defaultValue 2000 */
  trafficIntervalMs?: number;
  /** Requests a second per action before RequestLimitExceeded (TCCC's is 20). @defaultValue off */
  rateLimitPerSecond?: number;
  /** Staff to start with. @defaultValue eight demo agents in mixed statuses */
  staff?: Array<Pick<SimStaff, 'email' | 'status'> & Partial<SimStaff>>;
}

export interface TencentTcccSim {
  url: string;
  close(): Promise<void>;
  log: RequestLog;
  faults: FaultPlan;
  /** Any Tencent error code on demand (e.g. RequestLimitExceeded.UinLimitExceeded). */
  errors: TencentErrorPlan;
  model: TcccModel;
  generator: TcccTraffic;
  traffic: { start(): void; stop(): void };
  /** `n` inbound calls abandoned within the last minute. */
  burst(n: number): SimCdr[];
  demo: { profile: Record<string, unknown>; env: Record<string, string> };
}

const DEMO_SECRET_ENV = 'CCOPS_DEMO_TCCC_SECRET_KEY';

export const DEMO_STAFF: Array<Pick<SimStaff, 'email' | 'status'> & Partial<SimStaff>> = [
  { email: 'agent@tccc-demo', status: 'free' },
  { email: 'li.na@tccc-demo', status: 'free' },
  { email: 'wang.fang@tccc-demo', status: 'busy' },
  { email: 'zhang.wei@tccc-demo', status: 'rest', reason: 'lunch' },
  { email: 'liu.yang@tccc-demo', status: 'notReady', reason: 'training' },
  { email: 'chen.jing@tccc-demo', status: 'afterCallWork' },
  { email: 'zhao.lei@tccc-demo', status: 'offline' },
  { email: 'sun.li@tccc-demo', status: 'free' },
];

export async function startTencentTcccSim(opts: TencentTcccSimOptions = {}): Promise<TencentTcccSim> {
  const model = new TcccModel(opts.sdkAppId ?? 1_400_000_001);
  const secretId = opts.secretId ?? 'AKIDccopsSimulatorTccc0000000000000';
  const secretKey = opts.secretKey ?? 'ccopsSimulatorTcccSecretKey000000';
  model.credentials.set(secretId, { secretKey, ...(opts.token !== undefined ? { token: opts.token } : {}) });
  for (const [i, s] of (opts.staff ?? DEMO_STAFF).entries()) {
    model.addStaff({
      name: s.email.split('@')[0]!,
      staffNumber: String(1001 + i),
      skillGroupId: 101 + (i % 3),
      skillGroupName: ['Sales', 'Support', 'Billing'][i % 3]!,
      ...s,
    });
  }
  const generator = new TcccTraffic(model, opts);
  const every = opts.callEverySeconds ?? 120;
  generator.seedHistory((opts.historyHours ?? 24) * 3600, every);

  const log = new RequestLog();
  const faults = new FaultPlan();
  const { handle, errors } = createTcccHandler({
    model,
    log,
    faults,
    ...(opts.rateLimitPerSecond ? { rateLimitPerSecond: opts.rateLimitPerSecond } : {}),
  });
  const server = await startSimServer(handle, opts.port ?? 0);

  const traffic = trafficLoop(() => {
    generator.callEndingAt(model.clock.nowSeconds());
    generator.churnStaff();
  }, opts.trafficIntervalMs ?? 2_000);

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
    generator,
    traffic,
    burst: (n) => generator.burst(n),
    demo: {
      profile: {
        vendor: 'tencent-tccc',
        endpoint: server.url,
        sdkAppId: model.sdkAppId,
        secretId,
        secretKey: { env: DEMO_SECRET_ENV },
        ...(opts.token !== undefined ? { token: { env: `${DEMO_SECRET_ENV}_TOKEN` } } : {}),
      },
      env: { [DEMO_SECRET_ENV]: secretKey, ...(opts.token !== undefined ? { [`${DEMO_SECRET_ENV}_TOKEN`]: opts.token } : {}) },
    },
  };
}

export { TcccModel } from './model.ts';
export type { SimCdr, SimStaff, SimStaffStatus } from './model.ts';
