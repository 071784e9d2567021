import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { CALL_OUTCOMES, type CallRecord, type Page, runOperation, type ContactCenter } from '../../../core/index.ts';
import { toItemJson } from '../../items.ts';
import { isoOrUndefined, splitList } from '../params.ts';

/** Records asked for per vendor request; the vendors cap pages at 100. */
const PAGE_SIZE = 100;

const outcomeNames: Record<(typeof CALL_OUTCOMES)[number], string> = {
  abandoned_in_queue: 'Abandoned in Queue',
  abandoned_ivr: 'Abandoned in IVR',
  abandoned_ringing: 'Abandoned While Ringing',
  answered: 'Answered',
  failed: 'Failed',
  missed: 'Missed',
};

const properties: INodeProperties[] = [
  {
    displayName: 'From',
    name: 'from',
    type: 'dateTime',
    required: true,
    default: '',
    description: 'Start of the time window (calls started at or after this time)',
  },
  {
    displayName: 'To',
    name: 'to',
    type: 'dateTime',
    default: '',
    description: 'End of the time window. Leave empty for now.',
  },
  {
    displayName: 'Return All',
    name: 'returnAll',
    type: 'boolean',
    default: false,
    description: 'Whether to return all results or only up to a given limit',
  },
  {
    displayName: 'Limit',
    name: 'limit',
    type: 'number',
    displayOptions: { show: { returnAll: [false] } },
    typeOptions: { minValue: 1 },
    default: 50,
    description: 'Max number of results to return',
  },
  {
    displayName: 'Filters',
    name: 'filters',
    type: 'collection',
    placeholder: 'Add filter',
    default: {},
    options: [
      {
        displayName: 'Agent ID',
        name: 'agentId',
        type: 'string',
        default: '',
        description: 'Only calls handled by this agent',
      },
      {
        displayName: 'Outcomes',
        name: 'outcomes',
        type: 'multiOptions',
        options: CALL_OUTCOMES.map((value) => ({ name: outcomeNames[value], value })),
        default: [],
        description: 'Only calls that ended this way',
      },
      {
        displayName: 'Phone Number',
        name: 'number',
        type: 'string',
        default: '',
        description: 'Only calls from or to this number',
      },
    ],
  },
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['search'] } }, properties);

/** One item per call record, following the vendor's pages up to the limit. */
export async function execute(this: IExecuteFunctions, center: ContactCenter, i: number): Promise<IDataObject[]> {
  const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
  const limit = returnAll ? Infinity : (this.getNodeParameter('limit', i, 50) as number);
  const filters = this.getNodeParameter('filters', i, {}) as { agentId?: string; outcomes?: string[]; number?: string };
  const base = {
    from: isoOrUndefined(this.getNodeParameter('from', i)),
    to: isoOrUndefined(this.getNodeParameter('to', i, '')) ?? new Date().toISOString(),
    ...(filters.agentId?.trim() ? { agentId: filters.agentId.trim() } : {}),
    ...(filters.number?.trim() ? { number: filters.number.trim() } : {}),
    ...(filters.outcomes?.length ? { outcomes: splitList(filters.outcomes) } : {}),
  };
  const records: IDataObject[] = [];
  let cursor: string | undefined;
  do {
    const pageSize = Math.min(PAGE_SIZE, limit - records.length);
    const outcome = await runOperation(center, 'searchCalls', { ...base, pageSize, ...(cursor ? { cursor } : {}) });
    const page = (outcome.status === 'done' ? outcome.value : { items: [] }) as Page<CallRecord>;
    for (const record of page.items) {
      if (records.length >= limit) break;
      records.push(toItemJson(record));
    }
    cursor = page.nextCursor;
  } while (cursor && records.length < limit);
  return records;
}
