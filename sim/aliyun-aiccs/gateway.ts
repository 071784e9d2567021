// The Alibaba Cloud API gateway in front of AICCS is the same one that
// fronts CCC: the CCC simulator's verifier (signature V3/v2, AccessKey, clock
// skew, STS token, nonce replay) is reused as is. This module only adds what
// the AICCS simulator reports about a request: its action before
// verification (for faults) and the parameter names in the query, in order
// (tests look at repeat-list flattening).
import {
  decodePairs,
  type GatewayAccepted,
  type GatewayRefused,
  NonceWindow,
  V2_COMMON,
  verifyGatewayRequest,
} from '../aliyun-ccc/gateway.ts';
import type { SimRequest } from '../server.ts';

export { NonceWindow, verifyGatewayRequest };
export type { GatewayAccepted, GatewayRefused };

function queryPairs(req: SimRequest): Array<[string, string]> {
  const q = req.url.indexOf('?');
  return decodePairs(q < 0 ? '' : req.url.slice(q + 1));
}

/** The action a request names (x-acs-action for V3, Action for v2), read before any check. */
export function actionOf(req: SimRequest): string {
  const h = req.headers['x-acs-action'];
  const fromHeader = Array.isArray(h) ? h[0] : h;
  return fromHeader ?? queryPairs(req).find(([k]) => k === 'Action')?.[1] ?? '';
}

/** API parameter names in the URL query, in the order sent (v2's common parameters left out). */
export function queryNames(req: SimRequest): string[] {
  return queryPairs(req)
    .map(([k]) => k)
    .filter((k) => !V2_COMMON.has(k));
}
