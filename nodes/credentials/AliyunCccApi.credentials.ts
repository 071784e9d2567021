import type {
  IAuthenticate,
  Icon,
  ICredentialDataDecryptedObject,
  ICredentialTestRequest,
  ICredentialType,
  IHttpRequestOptions,
  INodeProperties,
} from 'n8n-workflow';
import { signAliyunRequest } from './aliyun-auth.ts';
import { aliyunCredentialFields } from './aliyun-fields.ts';

export class AliyunCccApi implements ICredentialType {
  name = 'aliyunCccApi';

  displayName = 'Alibaba Cloud Contact Center API';

  icon: Icon = { light: 'file:../icons/aliyun.svg', dark: 'file:../icons/aliyun.dark.svg' };

  documentationUrl = 'https://github.com/ccops/ccops/blob/main/nodes/README.md#aliyun-ccc';

  properties: INodeProperties[] = aliyunCredentialFields({
    defaultRegion: 'cn-shanghai',
    endpointPlaceholder: 'https://ccc.aliyuncs.com',
    instancePlaceholder: 'ccc-test',
    instanceDescription: 'The CCC instance ID from the console, e.g. ccc-test',
  });

  authenticate: IAuthenticate = async (
    credentials: ICredentialDataDecryptedObject,
    requestOptions: IHttpRequestOptions,
  ): Promise<IHttpRequestOptions> => await signAliyunRequest(credentials, requestOptions);

  test: ICredentialTestRequest = {
    request: {
      method: 'POST',
      baseURL:
        '={{ $credentials.endpoint ? $credentials.endpoint : ($credentials.region ? "https://ccc." + $credentials.region + ".aliyuncs.com" : "https://ccc.aliyuncs.com") }}',
      url: '/',
      headers: { 'x-acs-action': 'ListRealtimeAgentStates', 'x-acs-version': '2020-07-01' },
      qs: { InstanceId: '={{$credentials.instanceId}}', PageNumber: 1, PageSize: 1 },
    },
  };
}
