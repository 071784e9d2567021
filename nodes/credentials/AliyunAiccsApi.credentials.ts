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

export class AliyunAiccsApi implements ICredentialType {
  name = 'aliyunAiccsApi';

  displayName = 'Alibaba Cloud AICCS API';

  icon: Icon = { light: 'file:../icons/aliyun.svg', dark: 'file:../icons/aliyun.dark.svg' };

  documentationUrl = 'https://github.com/ccops/ccops/blob/main/nodes/README.md#aliyun-aiccs';

  properties: INodeProperties[] = [
    {
      displayName: 'AccessKey ID',
      name: 'accessKeyId',
      type: 'string',
      required: true,
      default: '',
    },
    {
      displayName: 'AccessKey Secret',
      name: 'accessKeySecret',
      type: 'string',
      typeOptions: { password: true },
      required: true,
      default: '',
    },
    {
      displayName: 'STS Security Token',
      name: 'securityToken',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      description: 'Only for temporary credentials from STS',
    },
    {
      displayName: 'Region',
      name: 'region',
      type: 'string',
      default: '',
      placeholder: 'cn-shanghai',
      description: 'Used to form the endpoint when Endpoint is empty',
    },
    {
      displayName: 'Endpoint',
      name: 'endpoint',
      type: 'string',
      default: '',
      placeholder: 'https://aiccs.aliyuncs.com',
      description: 'The API endpoint. Leave empty to use the public endpoint of the region.',
    },
    {
      displayName: 'Instance ID',
      name: 'instanceId',
      type: 'string',
      required: true,
      default: '',
      placeholder: 'ccc_xp_pre-cn-test',
      description: 'The AICCS instance ID from the console instance list',
    },
    {
      displayName: 'Signature Version',
      name: 'signatureVersion',
      type: 'options',
      options: [
        { name: 'V3 (ACS3-HMAC-SHA256)', value: 'v3' },
        { name: 'V2 (HMAC-SHA1)', value: 'v2' },
      ],
      default: 'v3',
    },
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
