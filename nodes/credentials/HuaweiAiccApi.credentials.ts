import type {
  IAuthenticate,
  Icon,
  ICredentialDataDecryptedObject,
  ICredentialTestRequest,
  ICredentialType,
  IDataObject,
  IHttpRequestHelper,
  IHttpRequestOptions,
  INodeProperties,
} from 'n8n-workflow';
import { addGuid, signInForGuid } from './huawei-auth.ts';

export class HuaweiAiccApi implements ICredentialType {
  name = 'huaweiAiccApi';

  displayName = 'Huawei AICC Agent Gateway API';

  icon: Icon = { light: 'file:../icons/huawei.svg', dark: 'file:../icons/huawei.dark.svg' };

  documentationUrl = 'https://github.com/ccops/ccops/blob/main/nodes/README.md#huawei-aicc';

  properties: INodeProperties[] = [
    {
      displayName: 'Gateway URL',
      name: 'gatewayUrl',
      type: 'string',
      required: true,
      default: '',
      placeholder: 'https://10.1.1.1:8043/agentgateway/resource',
      description: 'Base URL of the agent gateway interfaces',
    },
    {
      displayName: 'Agent ID',
      name: 'agentId',
      type: 'string',
      required: true,
      default: '',
      placeholder: '291',
      description: 'The work number the nodes sign in as (101 to 999999)',
    },
    {
      displayName: 'Password',
      name: 'password',
      type: 'string',
      typeOptions: { password: true },
      required: true,
      default: '',
      description: "The agent's CTI password",
    },
    {
      displayName: 'Phone Number',
      name: 'phoneNumber',
      type: 'string',
      required: true,
      default: '',
      placeholder: '40038',
      description: 'The softphone number the agent signs in with',
    },
    {
      displayName: 'Guid',
      name: 'guid',
      type: 'hidden',
      typeOptions: { expirable: true },
      default: '',
    },
  ];

  async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
    return await signInForGuid.call(this, credentials);
  }

  authenticate: IAuthenticate = async (
    credentials: ICredentialDataDecryptedObject,
    requestOptions: IHttpRequestOptions,
  ): Promise<IHttpRequestOptions> => await addGuid(credentials, requestOptions);

  test: ICredentialTestRequest = {
    request: {
      method: 'GET',
      baseURL: '={{$credentials.gatewayUrl.replace(/\\/+$/, "")}}',
      url: '=/onlineagent/{{$credentials.agentId}}/agentstatus',
    },
    // The gateway answers HTTP 200 with a retcode; these mean the Guid is not accepted.
    rules: [
      { type: 'responseSuccessBody', properties: { key: 'retcode', value: '100-006', message: 'The agent is not signed in' } },
      { type: 'responseSuccessBody', properties: { key: 'retcode', value: '000-003', message: 'The gateway refused the Guid' } },
    ],
  };
}
