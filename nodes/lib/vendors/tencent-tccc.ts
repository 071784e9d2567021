// Tencent Cloud Contact Center in n8n: the core's adapter over the n8n
// Transport; the `tencentTcccApi` credential signs every request (TC3).
import { TencentTcccAdapter } from '../../core/tencent-tccc.ts';
import type { Operation } from '../../core/index.ts';
import { type CenterConnector, type CenterContext, SIGNED_BY_CREDENTIAL } from '../connector.ts';
import { N8nTransport } from '../transport.ts';

export const CREDENTIAL = 'tencentTcccApi';

/** TCCC has no server-side conference (the adapter says so when asked). */
export const TCCC_OPERATIONS: readonly Operation[] = [
  'getCall',
  'searchCalls',
  'getAgentState',
  'setAgentState',
  'listAbandonedCalls',
];

export const tencentTcccConnector: CenterConnector = {
  vendor: 'tencent-tccc',
  credentialName: CREDENTIAL,
  operations: TCCC_OPERATIONS,
  async connect(ctx: CenterContext) {
    const credentials = await ctx.getCredentials(CREDENTIAL);
    const region = String(credentials.region ?? '').trim();
    return new TencentTcccAdapter({
      center: ctx.getNode().name,
      profile: {
        vendor: 'tencent-tccc',
        endpoint: String(credentials.endpoint ?? '').trim() || 'https://ccc.tencentcloudapi.com',
        sdkAppId: Number(credentials.sdkAppId),
        secretId: String(credentials.secretId ?? '').trim(),
        secretKey: SIGNED_BY_CREDENTIAL,
        ...(region ? { region } : {}),
      },
      transport: new N8nTransport(ctx, CREDENTIAL),
      // The credential signs; the client only builds the request.
      sign: () => ({}),
      // n8n's "Retry On Fail" setting retries a node; no timers inside nodes.
      retry: false,
    });
  },
};
