import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { pollAbandonedCalls, triggerProperties } from '../../lib/trigger/poll.ts';
import { aliyunAiccsConnector } from '../../lib/vendors/aliyun-aiccs.ts';

export class AliyunAiccsTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Alibaba Cloud AICCS Trigger',
    name: 'aliyunAiccsTrigger',
    icon: { light: 'file:../../icons/aliyun.svg', dark: 'file:../../icons/aliyun.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: 'New abandoned call',
    description: 'Starts the workflow when a hotline call is abandoned in Alibaba Cloud AICCS',
    defaults: { name: 'Alibaba Cloud AICCS Trigger' },
    polling: true,
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'aliyunAiccsApi', required: true }],
    properties: triggerProperties,
  };

  async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
    return await pollAbandonedCalls.call(this, aliyunAiccsConnector);
  }
}
