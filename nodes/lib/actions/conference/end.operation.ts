import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ContactCenter } from '../../../core/index.ts';
import { runItem, waitOption } from '../outcome.ts';

const properties: INodeProperties[] = [
  {
    displayName: 'Conference ID',
    name: 'conferenceId',
    type: 'string',
    required: true,
    default: '',
    description: 'The ID returned by Start (the vendor\'s call or conference ID)',
  },
  {
    displayName: 'Host Agent ID',
    name: 'agentId',
    type: 'string',
    default: '',
    description: 'The agent hosting the conference, where the vendor needs it',
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add option',
    default: {},
    options: [waitOption],
  },
];

export const description = updateDisplayOptions({ show: { resource: ['conference'], operation: ['end'] } }, properties);

export async function execute(this: IExecuteFunctions, center: ContactCenter, i: number): Promise<IDataObject[]> {
  const options = this.getNodeParameter('options', i, {}) as { waitSeconds?: number };
  const agentId = (this.getNodeParameter('agentId', i, '') as string).trim();
  const input = { conferenceId: (this.getNodeParameter('conferenceId', i) as string).trim(), ...(agentId ? { agentId } : {}) };
  return [await runItem.call(this, center, 'endConference', input, i, options.waitSeconds)];
}
