import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ContactCenter } from '../../../core/index.ts';
import { runItem, waitOption } from '../outcome.ts';
import { splitList } from '../params.ts';

const properties: INodeProperties[] = [
  {
    displayName: 'Participants',
    name: 'participants',
    type: 'string',
    required: true,
    default: '',
    placeholder: '1001, 13175112345',
    description: 'Agent IDs or phone numbers to bring into the conference, separated by commas',
  },
  {
    displayName: 'Host Agent ID',
    name: 'agentId',
    type: 'string',
    default: '',
    description: "The agent who hosts the conference. Leave empty for the contact center's default.",
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add option',
    default: {},
    options: [
      {
        displayName: 'Ring Timeout (Seconds)',
        name: 'timeoutSeconds',
        type: 'number',
        typeOptions: { minValue: 5, maxValue: 600 },
        default: 30,
        description: 'How long each participant may ring before the leg counts as unanswered',
      },
      {
        displayName: 'Tags',
        name: 'tags',
        type: 'string',
        default: '',
        description: 'Free text stored with the conference by the vendor',
      },
      waitOption,
    ],
  },
];

export const description = updateDisplayOptions({ show: { resource: ['conference'], operation: ['start'] } }, properties);

export async function execute(this: IExecuteFunctions, center: ContactCenter, i: number): Promise<IDataObject[]> {
  const options = this.getNodeParameter('options', i, {}) as { timeoutSeconds?: number; tags?: string; waitSeconds?: number };
  const agentId = (this.getNodeParameter('agentId', i, '') as string).trim();
  const input = {
    participants: splitList(this.getNodeParameter('participants', i) as string),
    ...(agentId ? { agentId } : {}),
    ...(options.timeoutSeconds !== undefined ? { timeoutSeconds: options.timeoutSeconds } : {}),
    ...(options.tags ? { tags: options.tags } : {}),
  };
  return [await runItem.call(this, center, 'startConference', input, i, options.waitSeconds)];
}
