import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { pollAbandonedCalls, triggerProperties } from '../../lib/trigger/poll.ts';
import { aliyunCccConnector } from '../../lib/vendors/aliyun-ccc.ts';

export class AliyunCccTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Alibaba Cloud Contact Center Trigger',
    name: 'aliyunCccTrigger',
    icon: { light: 'file:../../icons/aliyun.svg', dark: 'file:../../icons/aliyun.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: 'New abandoned call',
    description: 'Starts the workflow when an inbound call is abandoned in Alibaba Cloud Contact Center',
    defaults: { name: 'Alibaba Cloud Contact Center Trigger' },
    polling: true,
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'aliyunCccApi', required: true }],
    properties: triggerProperties,
  };

  async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
    return await pollAbandonedCalls.call(this, aliyunCccConnector);
  }
}
