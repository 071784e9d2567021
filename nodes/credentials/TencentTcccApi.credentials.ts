import type {
  IAuthenticate,
  Icon,
  ICredentialDataDecryptedObject,
  ICredentialTestRequest,
  ICredentialType,
  IHttpRequestOptions,
  INodeProperties,
} from 'n8n-workflow';
import { signTencentRequest } from './tencent-auth.ts';

const AUTH_FAILURE = 'The SecretId or SecretKey is not valid for this account';

export class TencentTcccApi implements ICredentialType {
  name = 'tencentTcccApi';

  displayName = 'Tencent Cloud Contact Center API';

  icon: Icon = { light: 'file:../icons/tencent.svg', dark: 'file:../icons/tencent.dark.svg' };

  documentationUrl = 'https://github.com/ccops/ccops/blob/main/nodes/README.md#tencent-tccc';

  properties: INodeProperties[] = [
    {
      displayName: 'SecretId',
      name: 'secretId',
      type: 'string',
      required: true,
      default: '',
    },
    {
      displayName: 'SecretKey',
      name: 'secretKey',
      type: 'string',
      typeOptions: { password: true },
      required: true,
      default: '',
    },
    {
      displayName: 'Session Token',
      name: 'token',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      description: 'Only for temporary credentials (sent as X-TC-Token)',
    },
    {
      displayName: 'SdkAppId',
      name: 'sdkAppId',
      type: 'number',
      required: true,
      default: 0,
      placeholder: '1400000000',
      description: 'The TCCC application ID',
    },
    {
      displayName: 'Endpoint',
      name: 'endpoint',
      type: 'string',
      default: 'https://ccc.tencentcloudapi.com',
      description: 'The TCCC API endpoint; https://ccc.intl.tencentcloudapi.com for the international site',
    },
    {
      displayName: 'Region',
      name: 'region',
      type: 'string',
      default: '',
      placeholder: 'ap-guangzhou',
      description: 'Sent as X-TC-Region when set; TCCC does not require it',
    },
  ];

  authenticate: IAuthenticate = async (
    credentials: ICredentialDataDecryptedObject,
    requestOptions: IHttpRequestOptions,
  ): Promise<IHttpRequestOptions> => await signTencentRequest(credentials, requestOptions);

  test: ICredentialTestRequest = {
    request: {
      method: 'POST',
      baseURL: '={{$credentials.endpoint}}',
      url: '/',
      headers: { 'X-TC-Action': 'DescribeStaffStatusMetrics', 'X-TC-Version': '2020-02-10' },
      body: { SdkAppId: '={{$credentials.sdkAppId}}' },
    },
    // TCCC answers HTTP 200 with Response.Error for bad keys.
    rules: [
      { type: 'responseSuccessBody', properties: { key: 'Response.Error.Code', value: 'AuthFailure.SignatureFailure', message: AUTH_FAILURE } },
      { type: 'responseSuccessBody', properties: { key: 'Response.Error.Code', value: 'AuthFailure.SecretIdNotFound', message: AUTH_FAILURE } },
      { type: 'responseSuccessBody', properties: { key: 'Response.Error.Code', value: 'AuthFailure.InvalidSecretId', message: AUTH_FAILURE } },
      { type: 'responseSuccessBody', properties: { key: 'Response.Error.Code', value: 'AuthFailure.TokenFailure', message: 'The session token is not valid' } },
      { type: 'responseSuccessBody', properties: { key: 'Response.Error.Code', value: 'AuthFailure.UnauthorizedOperation', message: 'These keys may not call TCCC (CAM policy)' } },
      { type: 'responseSuccessBody', properties: { key: 'Response.Error.Code', value: 'InvalidParameterValue.InstanceNotExist', message: 'No TCCC application with this SdkAppId' } },
    ],
  };
}
