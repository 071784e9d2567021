import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ContactCenter } from '../../../core/index.ts';
import { runItem } from '../outcome.ts';

const properties: INodeProperties[] = [
  {
    displayName: 'Call ID',
    name: 'callId',
    type: 'string',
    required: true,
    default: '',
    description: "The vendor's call or session ID",
  },
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, center: ContactCenter, i: number): Promise<IDataObject[]> {
  const callId = (this.getNodeParameter('callId', i) as string).trim();
  return [await runItem.call(this, center, 'getCall', { callId }, i)];
}
