import type { INodePropertyOptions } from 'n8n-workflow';
import * as end from './end.operation.ts';
import * as start from './start.operation.ts';

export { end, start };

export const operations: INodePropertyOptions[] = [
  { name: 'End', value: 'end', action: 'End a conference', description: 'Hang up every leg of a conference' },
  {
    name: 'Start',
    value: 'start',
    action: 'Start a conference',
    description: 'Call agents and phone numbers into one conference',
  },
];
