import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { actionProperties } from '../../lib/actions/description.ts';
import { route } from '../../lib/actions/router.ts';
import { tencentTcccConnector } from '../../lib/vendors/tencent-tccc.ts';

export class TencentTccc implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Tencent Cloud Contact Center',
    name: 'tencentTccc',
    icon: { light: 'file:../../icons/tencent.svg', dark: 'file:../../icons/tencent.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
    description: 'Look up calls and manage agent status in Tencent Cloud Contact Center (TCCC)',
    defaults: { name: 'Tencent Cloud Contact Center' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'tencentTcccApi', required: true }],
    properties: actionProperties(tencentTcccConnector.operations),
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return await route.call(this, tencentTcccConnector);
  }
}
