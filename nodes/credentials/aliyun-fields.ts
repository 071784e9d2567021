// The fields both Alibaba Cloud credentials (CCC, AICCS) ask for: one
// AccessKey pair, an optional STS token, where the API lives, the instance and
// the signature version. Each credential passes what differs per product.
// esbuild bundles this module into each credential's file, so n8n still loads
// one self-contained class per credential.
import type { INodeProperties } from 'n8n-workflow';

export interface AliyunFieldOptions {
  /** Region default; '' leaves it to the endpoint. */
  defaultRegion: string;
  endpointPlaceholder: string;
  instancePlaceholder: string;
  instanceDescription: string;
}

export function aliyunCredentialFields(o: AliyunFieldOptions): INodeProperties[] {
  return [
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
      default: o.defaultRegion,
      placeholder: 'cn-shanghai',
      description: 'Used to form the endpoint when Endpoint is empty',
    },
    {
      displayName: 'Endpoint',
      name: 'endpoint',
      type: 'string',
      default: '',
      placeholder: o.endpointPlaceholder,
      description: 'The API endpoint. Leave empty to use the public endpoint of the region.',
    },
    {
      displayName: 'Instance ID',
      name: 'instanceId',
      type: 'string',
      required: true,
      default: '',
      placeholder: o.instancePlaceholder,
      description: o.instanceDescription,
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
  ];
}
