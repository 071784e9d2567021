import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { AgentStateTarget, ContactCenter } from '../../../core/index.ts';
import { runItem, waitOption } from '../outcome.ts';
import { splitList } from '../params.ts';

const properties: INodeProperties[] = [
  {
    displayName: 'Agent ID',
    name: 'agentId',
    type: 'string',
    required: true,
    default: '',
    description: "The agent's ID (work number, staff user ID or account) at the vendor",
  },
  {
    displayName: 'Status',
    name: 'status',
    type: 'options',
    options: [
      { name: 'Break', value: 'break', description: 'On a break: no new calls' },
      { name: 'Offline', value: 'offline', description: 'Signed out of the skill groups' },
      { name: 'Online', value: 'online', description: 'Signed in to the skill groups' },
      { name: 'Ready', value: 'ready', description: 'Available for calls' },
    ],
    default: 'ready',
    description: 'What the agent\'s status should become',
  },
  {
    displayName: 'Break Reason',
    name: 'reason',
    type: 'string',
    displayOptions: { show: { status: ['break'] } },
    default: '',
    placeholder: 'lunch',
    description: 'Why the agent is on a break, as the vendor names break reasons',
  },
  {
    displayName: 'Skill Groups',
    name: 'skillGroups',
    type: 'string',
    displayOptions: { show: { status: ['online'] } },
    default: '',
    description: 'Skill group IDs to sign in to, separated by commas. Leave empty for all of the agent\'s groups.',
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

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['setStatus'] } }, properties);

export function targetFrom(status: string, reason: string, skillGroups: string): AgentStateTarget {
  switch (status) {
    case 'break':
      return reason.trim() ? { kind: 'break', reason: reason.trim() } : { kind: 'break' };
    case 'online': {
      const groups = splitList(skillGroups);
      return groups.length ? { kind: 'online', skillGroups: groups } : { kind: 'online' };
    }
    case 'offline':
      return { kind: 'offline' };
    case 'ready':
      return { kind: 'ready' };
    default:
      // From an expression: the core refuses it with the list of valid kinds.
      return { kind: status } as unknown as AgentStateTarget;
  }
}

export async function execute(this: IExecuteFunctions, center: ContactCenter, i: number): Promise<IDataObject[]> {
  const status = this.getNodeParameter('status', i) as string;
  const target = targetFrom(
    status,
    status === 'break' ? (this.getNodeParameter('reason', i, '') as string) : '',
    status === 'online' ? (this.getNodeParameter('skillGroups', i, '') as string) : '',
  );
  const options = this.getNodeParameter('options', i, {}) as { waitSeconds?: number };
  const agentId = (this.getNodeParameter('agentId', i) as string).trim();
  return [await runItem.call(this, center, 'setAgentState', { agentId, target }, i, options.waitSeconds)];
}
