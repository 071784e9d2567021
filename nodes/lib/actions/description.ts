// The action node's parameters for one vendor: only the resources and
// operations that vendor really offers (its adapter's capabilities), so a
// user never picks something that cannot work.
import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../core/index.ts';
import * as agent from './agent/Agent.resource.ts';
import * as call from './call/Call.resource.ts';
import * as conference from './conference/Conference.resource.ts';

/** Node resource -> node operation -> core operation. */
export const NODE_OPERATIONS = {
  agent: { getStatus: 'getAgentState', setStatus: 'setAgentState' },
  call: { get: 'getCall', search: 'searchCalls' },
  conference: { start: 'startConference', end: 'endConference' },
} as const satisfies Record<string, Record<string, Operation>>;

export type NodeResource = keyof typeof NODE_OPERATIONS;

const resources = [
  { name: 'Agent', value: 'agent', module: agent },
  { name: 'Call', value: 'call', module: call },
  { name: 'Conference', value: 'conference', module: conference },
] as const;

/** The core operation behind a resource/operation pair, if the node has it. */
export function coreOperation(resource: string, operation: string): Operation | undefined {
  const ops = (NODE_OPERATIONS as Record<string, Record<string, Operation>>)[resource];
  return ops?.[operation];
}

export function actionProperties(offered: readonly Operation[]): INodeProperties[] {
  const available = resources.filter((r) =>
    Object.values(NODE_OPERATIONS[r.value]).some((op) => offered.includes(op)),
  );
  if (available.length === 0) throw new Error('actionProperties: the vendor offers none of the node operations');
  const properties: INodeProperties[] = [
    {
      displayName: 'Resource',
      name: 'resource',
      type: 'options',
      noDataExpression: true,
      options: available.map((r) => ({ name: r.name, value: r.value })),
      default: available[0]!.value,
    },
  ];
  for (const r of available) {
    const ops = r.module.operations.filter((o) =>
      offered.includes((NODE_OPERATIONS[r.value] as Record<string, Operation>)[String(o.value)]!),
    );
    properties.push({
      displayName: 'Operation',
      name: 'operation',
      type: 'options',
      noDataExpression: true,
      displayOptions: { show: { resource: [r.value] } },
      options: ops,
      default: String(ops[0]!.value),
    });
    for (const o of ops) {
      const op = (r.module as unknown as Record<string, { description: INodeProperties[] }>)[String(o.value)];
      properties.push(...op!.description);
    }
  }
  return properties;
}
