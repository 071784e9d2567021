import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { actionProperties } from '../../lib/actions/description.ts';
import { route } from '../../lib/actions/router.ts';
import { aliyunAiccsConnector } from '../../lib/vendors/aliyun-aiccs.ts';

export class AliyunAiccs implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Alibaba Cloud AICCS',
    name: 'aliyunAiccs',
    icon: { light: 'file:../../icons/aliyun.svg', dark: 'file:../../icons/aliyun.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
    description: 'Look up hotline calls and manage agent status in Alibaba Cloud AICCS',
    defaults: { name: 'Alibaba Cloud AICCS' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'aliyunAiccsApi', required: true }],
    properties: actionProperties(aliyunAiccsConnector.operations),
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return await route.call(this, aliyunAiccsConnector);
  }
}
