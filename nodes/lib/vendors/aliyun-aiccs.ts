// Alibaba Cloud AICCS in n8n: the adapter of the core, sending through the
// n8n Transport; the `aliyunAiccsApi` credential signs every request.
import { AICCS_CAPABILITIES, AliyunAiccsCenter } from '../../core/aliyun.ts';
import type { Operation } from '../../core/index.ts';
import { type CenterConnector, type CenterContext, SIGNED_BY_CREDENTIAL } from '../connector.ts';
import { aliyunEndpoint } from '../endpoints.ts';
import { N8nTransport } from '../transport.ts';

export const CREDENTIAL = 'aliyunAiccsApi';

export const aliyunAiccsConnector: CenterConnector = {
  vendor: 'aliyun-aiccs',
  credentialName: CREDENTIAL,
  operations: (Object.keys(AICCS_CAPABILITIES) as Operation[]).filter((op) => AICCS_CAPABILITIES[op].supported),
  async connect(ctx: CenterContext) {
    const credentials = await ctx.getCredentials(CREDENTIAL);
    return new AliyunAiccsCenter({
      center: ctx.getNode().name,
      profile: {
        endpoint: aliyunEndpoint(credentials, 'aiccs'),
        instanceId: String(credentials.instanceId ?? '').trim(),
        accessKeyId: String(credentials.accessKeyId ?? '').trim(),
        accessKeySecret: SIGNED_BY_CREDENTIAL,
        signatureVersion: credentials.signatureVersion === 'v2' ? 'v2' : 'v3',
        timeZone: String(credentials.timeZone ?? '').trim() || 'Asia/Shanghai',
      },
      transport: new N8nTransport(ctx, CREDENTIAL),
      sign: (request) => request,
    });
  },
};
