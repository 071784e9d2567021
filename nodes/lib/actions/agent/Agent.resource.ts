import type { INodePropertyOptions } from 'n8n-workflow';
import * as getStatus from './getStatus.operation.ts';
import * as setStatus from './setStatus.operation.ts';

export { getStatus, setStatus };

export const operations: INodePropertyOptions[] = [
  { name: 'Get Status', value: 'getStatus', action: 'Get an agent status', description: "Read an agent's current status" },
  {
    name: 'Set Status',
    value: 'setStatus',
    action: 'Set an agent status',
    description: 'Make an agent ready, put them on a break, or sign them in or out',
  },
];
