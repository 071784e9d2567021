// Starts the Huawei AICC simulator and an adapter configured against it the
// way production is (a config file parsed, the password by env reference).
import { parseConfig } from '../../shared/config.ts';
import { UndiciTransport } from '../../shared/http.ts';
import { type HuaweiAiccAdapter, type HuaweiAiccConfig, type HuaweiAiccDeps, createHuaweiAiccAdapter } from '../../shared/vendors/huawei-aicc/adapter.ts';
import { type HuaweiAiccSim, type HuaweiAiccSimOptions, startHuaweiAiccSim } from '../../sim/huawei-aicc/index.ts';

export interface Harness {
  sim: HuaweiAiccSim;
  adapter: HuaweiAiccAdapter;
  profile: HuaweiAiccConfig;
  /** Another adapter on the same profile (another process, as far as sessions go). */
  another(deps?: Partial<HuaweiAiccDeps>): HuaweiAiccAdapter;
  close(): Promise<void>;
}

export async function startHarness(
  opts: { sim?: HuaweiAiccSimOptions; profile?: Record<string, unknown>; env?: Record<string, string>; deps?: Partial<HuaweiAiccDeps> } = {},
): Promise<Harness> {
  const sim = await startHuaweiAiccSim({ pollHoldMs: 1000, eventDelayMs: 10, ...opts.sim });
  const config = parseConfig(
    {
      centers: {
        hw: {
          ...sim.demo.profile,
          agents: [{ agentId: '292', password: { env: 'HUAWEI_AICC_AGENT_PASSWORD' }, phoneNumber: '40039' }],
          breakReasons: { lunch: { restCause: 1 }, meeting: { busyReason: 201 } },
          ...opts.profile,
        },
      },
    },
    { env: { ...sim.demo.env, ...opts.env } },
  );
  const profile = config.centers.hw as HuaweiAiccConfig;
  const transport = new UndiciTransport({ headersTimeoutMs: 30_000, bodyTimeoutMs: 30_000 });
  const adapters: HuaweiAiccAdapter[] = [];
  const make = (deps: Partial<HuaweiAiccDeps> = {}) => {
    const a = createHuaweiAiccAdapter('hw', profile, { transport, poller: { idleRepollMs: 20, errorBackoffMs: 50 }, ...opts.deps, ...deps });
    adapters.push(a);
    return a;
  };
  const adapter = make();
  return {
    sim,
    adapter,
    profile,
    another: make,
    async close() {
      await Promise.allSettled(adapters.map((a) => a.close()));
      await transport.close();
      await sim.close();
    },
  };
}

/** Waits until `check` holds (bounded by the test's own timeout). */
export async function until(check: () => boolean | Promise<boolean>, what: string, limitMs = 15_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

type Pollable<T> = { status: 'done'; value: T } | { status: 'pending'; token: string } | { status: 'failed'; reason: string };

/** Polls an outcome until it settles, the way a worker would (without its delay). */
export async function settle<T>(first: Pollable<T>, poll: (token: string) => Promise<Pollable<T>>): Promise<Pollable<T>> {
  let out = first;
  for (let i = 0; out.status === 'pending' && i < 2000; i++) {
    await new Promise((r) => setTimeout(r, 20));
    out = await poll(out.token);
  }
  return out;
}
