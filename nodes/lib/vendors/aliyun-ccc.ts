// Alibaba Cloud Contact Center (CCC) in n8n: the core's adapter over the n8n
// Transport; the `aliyunCccApi` credential signs every request.
import { AliyunCccAdapter } from '../../core/aliyun.ts';
import type { Operation } from '../../core/index.ts';
import { type CenterConnector, type CenterContext, SIGNED_BY_CREDENTIAL } from '../connector.ts';
import { aliyunEndpoint } from '../endpoints.ts';
import { N8nTransport } from '../transport.ts';

export const CREDENTIAL = 'aliyunCccApi';

/** CCC has every operation ccops knows. */
export const CCC_OPERATIONS: readonly Operation[] = [
  'startConference',
  'endConference',
  'getCall',
  'searchCalls',
  'getAgentState',
  'setAgentState',
  'listAbandonedCalls',
];

export const aliyunCccConnector: CenterConnector = {
  vendor: 'aliyun-ccc',
  credentialName: CREDENTIAL,
  operations: CCC_OPERATIONS,
  async connect(ctx: CenterContext) {
    const credentials = await ctx.getCredentials(CREDENTIAL);
    return new AliyunCccAdapter({
      center: ctx.getNode().name,
      profile: {
        vendor: 'aliyun-ccc',
        endpoint: aliyunEndpoint(credentials, 'ccc'),
        instanceId: String(credentials.instanceId ?? '').trim(),
        accessKeyId: String(credentials.accessKeyId ?? '').trim(),
        accessKeySecret: SIGNED_BY_CREDENTIAL,
        signatureVersion: credentials.signatureVersion === 'v2' ? 'v2' : 'v3',
        deviceId: 'ccops-n8n',
      },
      deps: { transport: new N8nTransport(ctx, CREDENTIAL) },
      sign: (request) => request,
    });
  },
};
