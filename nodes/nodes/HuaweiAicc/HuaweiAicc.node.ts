import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { actionProperties } from '../../lib/actions/description.ts';
import { route } from '../../lib/actions/router.ts';
import { huaweiAiccConnector } from '../../lib/vendors/huawei-aicc.ts';

export class HuaweiAicc implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Huawei AICC',
    name: 'huaweiAicc',
    icon: { light: 'file:../../icons/huawei.svg', dark: 'file:../../icons/huawei.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
    description: "Start and end conferences, look up the agent's calls and manage agent status in Huawei Cloud AICC",
    defaults: { name: 'Huawei AICC' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'huaweiAiccApi', required: true }],
    properties: actionProperties(huaweiAiccConnector.operations),
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return await route.call(this, huaweiAiccConnector);
  }
}
