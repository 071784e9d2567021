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

export class AliyunAiccsApi implements ICredentialType {
  name = 'aliyunAiccsApi';

  displayName = 'Alibaba Cloud AICCS API';

  icon: Icon = { light: 'file:../icons/aliyun.svg', dark: 'file:../icons/aliyun.dark.svg' };

  documentationUrl = 'https://github.com/ccops/ccops/blob/main/nodes/README.md#aliyun-aiccs';

  properties: INodeProperties[] = [
    ...aliyunCredentialFields({
      defaultRegion: '',
      endpointPlaceholder: 'https://aiccs.aliyuncs.com',
      instancePlaceholder: 'ccc_xp_pre-cn-test',
      instanceDescription: 'The AICCS instance ID from the console instance list',
    }),
    {
      displayName: 'Time Zone',
      name: 'timeZone',
      type: 'string',
      default: 'Asia/Shanghai',
      description: 'The IANA time zone the instance writes its call times in',
    },
  ];

  authenticate: IAuthenticate = async (
    credentials: ICredentialDataDecryptedObject,
    requestOptions: IHttpRequestOptions,
  ): Promise<IHttpRequestOptions> => await signAliyunRequest(credentials, requestOptions);

  test: ICredentialTestRequest = {
    request: {
      method: 'POST',
      baseURL:
        '={{ $credentials.endpoint ? $credentials.endpoint : ($credentials.region ? "https://aiccs." + $credentials.region + ".aliyuncs.com" : "https://aiccs.aliyuncs.com") }}',
      url: '/',
      headers: { 'x-acs-action': 'HotlineSessionQuery', 'x-acs-version': '2019-10-15' },
      qs: { InstanceId: '={{$credentials.instanceId}}', PageNo: 1, PageSize: 1 },
    },
  };
}
