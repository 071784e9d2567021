import type { INodePropertyOptions } from 'n8n-workflow';
import * as get from './get.operation.ts';
import * as search from './search.operation.ts';

export { get, search };

export const operations: INodePropertyOptions[] = [
  { name: 'Get', value: 'get', action: 'Get a call', description: 'Get one call record by its ID' },
  {
    name: 'Search',
    value: 'search',
    action: 'Search calls',
    description: 'Find call records in a time window, by number, agent or outcome',
  },
];
