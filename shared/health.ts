// "Does this center answer?" without changing anything at the vendor. A
// vendor error that is not about credentials still proves the endpoint is
// reachable and our signature accepted.
import { TransportError, VendorError } from './errors.ts';
import type { ContactCenter } from './port.ts';

export interface CenterHealth {
  center: string;
  vendor: string;
  ok: boolean;
  /** One line for operators: what answered, or what failed and what to check. */
  detail: string;
  latencyMs: number;
}

const CREDENTIAL_CODES = /signature|accesskey|secretid|auth|forbidden|permission|000-003|100-006/i;
const PROBE_AGENT = 'ccops-health-probe';
/**
 * Codes the vendor clients give an answer that carried no vendor error (a bare
 * `HTTP 404` page, a body that is not the vendor's JSON): something answered,
 * but not the vendor's API, so the endpoint is wrong or a proxy is in the way.
 */
const NOT_THE_VENDOR = /^(HTTP ?\d{3}|ccops\.InvalidResponse)$/;

export async function probeCenter(center: ContactCenter, now: () => Date = () => new Date()): Promise<CenterHealth> {
  const started = Date.now();
  const base = { center: center.center, vendor: center.vendor };
  try {
    if (center.probe) {
      return { ...base, ok: true, detail: await center.probe(), latencyMs: Date.now() - started };
    }
    if (center.capabilities.listAbandonedCalls.supported) {
      await center.listAbandonedCalls({ since: new Date(now().getTime() - 60_000).toISOString() });
    } else {
      await center.getAgentState(PROBE_AGENT);
    }
    return { ...base, ok: true, detail: 'answers', latencyMs: Date.now() - started };
  } catch (e) {
    const latencyMs = Date.now() - started;
    if (e instanceof VendorError) {
      if (CREDENTIAL_CODES.test(e.vendorCode)) {
        return { ...base, ok: false, detail: `credentials refused (${e.vendorCode}): check the keys in the configuration`, latencyMs };
      }
      if (e.retryable) return { ...base, ok: false, detail: `answers with errors (${e.vendorCode})`, latencyMs };
      if (NOT_THE_VENDOR.test(e.vendorCode)) {
        return { ...base, ok: false, detail: `not the vendor's API (${e.vendorCode}): check the endpoint in the configuration`, latencyMs };
      }
      return { ...base, ok: true, detail: `answers (${e.vendorCode} for the probe)`, latencyMs };
    }
    if (e instanceof TransportError) {
      return { ...base, ok: false, detail: `unreachable: ${e.message} Check the endpoint.`, latencyMs };
    }
    return { ...base, ok: false, detail: `probe failed: ${(e as Error).message}`, latencyMs };
  }
}
