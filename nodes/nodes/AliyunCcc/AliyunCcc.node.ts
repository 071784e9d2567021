import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { actionProperties } from '../../lib/actions/description.ts';
import { route } from '../../lib/actions/router.ts';
import { aliyunCccConnector } from '../../lib/vendors/aliyun-ccc.ts';

export class AliyunCcc implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Alibaba Cloud Contact Center',
    name: 'aliyunCcc',
    icon: { light: 'file:../../icons/aliyun.svg', dark: 'file:../../icons/aliyun.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
    description: 'Start and end conferences, look up calls and manage agent status in Alibaba Cloud Contact Center',
    defaults: { name: 'Alibaba Cloud Contact Center' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'aliyunCccApi', required: true }],
    properties: actionProperties(aliyunCccConnector.operations),
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return await route.call(this, aliyunCccConnector);
  }
}
