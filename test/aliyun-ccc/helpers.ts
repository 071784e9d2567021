// Builds a CCC adapter the way the product does (configuration -> profile ->
// createContactCenter) against a running simulator, on the simulator's clock.
import { parseConfig } from '../../shared/config.ts';
import { type Transport, UndiciTransport, type UndiciTransportOptions } from '../../shared/http.ts';
import type { ContactCenter } from '../../shared/port.ts';
import { type AdapterDeps, createContactCenter } from '../../shared/vendors/index.ts';
import type { AliyunCccSim } from '../../sim/aliyun-ccc/index.ts';

export function cccCenter(
  sim: AliyunCccSim,
  o: {
    profile?: Record<string, unknown>;
    env?: Record<string, string>;
    deps?: Partial<AdapterDeps>;
    transport?: Transport;
    transportOptions?: UndiciTransportOptions;
  } = {},
): { center: ContactCenter; transport: Transport } {
  const config = parseConfig(
    { centers: { shanghai: { ...sim.demo.profile, ...o.profile } } },
    { env: { ...sim.demo.env, ...o.env } },
  );
  const transport = o.transport ?? new UndiciTransport(o.transportOptions);
  const center = createContactCenter('shanghai', config.centers.shanghai!, {
    transport,
    now: () => sim.clock.now(),
    ...o.deps,
  });
  return { center, transport };
}

/** Runs `fn` and returns what it threw (fails the test when nothing was thrown). */
export async function thrown(fn: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await fn();
  } catch (e) {
    return e as Record<string, unknown>;
  }
  throw new Error('expected an error, got none');
}
