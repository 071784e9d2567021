import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { pollAbandonedCalls, triggerProperties } from '../../lib/trigger/poll.ts';
import { tencentTcccConnector } from '../../lib/vendors/tencent-tccc.ts';

export class TencentTcccTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Tencent Cloud Contact Center Trigger',
    name: 'tencentTcccTrigger',
    icon: { light: 'file:../../icons/tencent.svg', dark: 'file:../../icons/tencent.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: 'New abandoned call',
    description: 'Starts the workflow when a call is abandoned in Tencent Cloud Contact Center (TCCC)',
    defaults: { name: 'Tencent Cloud Contact Center Trigger' },
    polling: true,
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'tencentTcccApi', required: true }],
    properties: triggerProperties,
  };

  async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
    return await pollAbandonedCalls.call(this, tencentTcccConnector);
  }
}
