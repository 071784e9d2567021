import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ContactCenter } from '../../../core/index.ts';
import { runItem } from '../outcome.ts';

const properties: INodeProperties[] = [
  {
    displayName: 'Agent ID',
    name: 'agentId',
    type: 'string',
    required: true,
    default: '',
    description: "The agent's ID (work number, staff user ID or account) at the vendor",
  },
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['getStatus'] } }, properties);

export async function execute(this: IExecuteFunctions, center: ContactCenter, i: number): Promise<IDataObject[]> {
  const agentId = (this.getNodeParameter('agentId', i) as string).trim();
  return [await runItem.call(this, center, 'getAgentState', { agentId }, i)];
}
