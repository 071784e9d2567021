// All the simulators a configuration-less `npm start` runs, each under the
// center name the demo configuration gives it.
import type { VendorId } from '../shared/domain.ts';
import { startAliyunAiccsSim } from './aliyun-aiccs/index.ts';
import { startAliyunCccSim } from './aliyun-ccc/index.ts';
import { startHuaweiAiccSim } from './huawei-aicc/index.ts';
import type { FaultPlan, RequestLog } from './server.ts';
import { startTencentTcccSim } from './tencent-tccc/index.ts';

/** What every vendor simulator offers, whatever else it has. */
export interface VendorSimulator {
  url: string;
  log: RequestLog;
  faults: FaultPlan;
  traffic: { start(): void; stop(): void };
  /** Abandons `n` calls at once (a burst); returns them, or 0 where the vendor lists none. */
  burst(n: number): unknown;
  demo: { profile: Record<string, unknown>; env: Record<string, string> };
  close(): Promise<void>;
}

export interface RunningSimulator extends VendorSimulator {
  center: string;
  vendor: VendorId;
}

export interface RunningSimulators {
  list: RunningSimulator[];
  byCenter(name: string): RunningSimulator | undefined;
  close(): Promise<void>;
}

const SIMULATORS: Array<{ center: string; vendor: VendorId; start: () => Promise<VendorSimulator> }> = [
  // First, so it is the demo's default center: `ccops agent agent@ccc-test break lunch` works as is.
  { center: 'shanghai', vendor: 'aliyun-ccc', start: () => startAliyunCccSim() },
  { center: 'hotline', vendor: 'aliyun-aiccs', start: () => startAliyunAiccsSim() },
  { center: 'hw-prod', vendor: 'huawei-aicc', start: () => startHuaweiAiccSim() },
  { center: 'guangzhou', vendor: 'tencent-tccc', start: () => startTencentTcccSim() },
];

export async function startSimulators(opts: { traffic?: boolean } = {}): Promise<RunningSimulators> {
  const list: RunningSimulator[] = [];
  try {
    for (const s of SIMULATORS) list.push({ ...(await s.start()), center: s.center, vendor: s.vendor });
  } catch (e) {
    await Promise.all(list.map((s) => s.close()));
    throw e;
  }
  if (opts.traffic) for (const s of list) s.traffic.start();
  return {
    list,
    byCenter: (name) => list.find((s) => s.center === name),
    async close() {
      for (const s of list) s.traffic.stop();
      await Promise.all(list.map((s) => s.close()));
    },
  };
}
