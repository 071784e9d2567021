// The action node's execute: for every input item, read the resource and
// operation, run it on the vendor's adapter and output normalized items.
// Errors become NodeApiError / NodeOperationError for that item, or an error
// item when "Continue On Fail" is set. Every output item is paired with its
// input item.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { assertSupported, type ContactCenter, InvalidInput, UnsupportedOperation } from '../../core/index.ts';
import type { CenterConnector } from '../connector.ts';
import { errorDetails, toNodeError } from '../errors.ts';
import * as agent from './agent/Agent.resource.ts';
import * as call from './call/Call.resource.ts';
import * as conference from './conference/Conference.resource.ts';
import { coreOperation } from './description.ts';

type OperationModule = {
  execute(this: IExecuteFunctions, center: ContactCenter, itemIndex: number): Promise<IDataObject[]>;
};

const modules: Record<string, Record<string, OperationModule>> = {
  agent: { getStatus: agent.getStatus, setStatus: agent.setStatus },
  call: { get: call.get, search: call.search },
  conference: { end: conference.end, start: conference.start },
};

function operationModule(resource: string, operation: string, center: ContactCenter, connector: CenterConnector) {
  const op = coreOperation(resource, operation);
  const mod = modules[resource]?.[operation];
  if (!op || !mod) throw new InvalidInput(`The operation "${operation}" of "${resource}" is not known to this node.`);
  // Hidden in the editor when the vendor lacks it, but reachable through an
  // expression or an edited workflow: the adapter's own sentence says why.
  assertSupported(center, op);
  if (!connector.operations.includes(op)) {
    throw new UnsupportedOperation(connector.vendor, op, `This node does not offer ${op} for ${connector.vendor}.`);
  }
  return mod;
}

export async function route(this: IExecuteFunctions, connector: CenterConnector): Promise<INodeExecutionData[][]> {
  const items = this.getInputData();
  const out: INodeExecutionData[] = [];
  let center: ContactCenter;
  try {
    center = await connector.connect(this);
  } catch (error) {
    throw toNodeError(this.getNode(), error);
  }
  try {
    for (let i = 0; i < items.length; i++) {
      try {
        const resource = this.getNodeParameter('resource', i) as string;
        const operation = this.getNodeParameter('operation', i) as string;
        const mod = operationModule(resource, operation, center, connector);
        const results = await mod.execute.call(this, center, i);
        out.push(...results.map((json) => ({ json, pairedItem: { item: i } })));
      } catch (error) {
        const nodeError = toNodeError(this.getNode(), error, i);
        if (this.continueOnFail()) {
          out.push({
            json: { error: nodeError.message, ...errorDetails(error), ...(nodeError.description ? { description: nodeError.description } : {}) },
            pairedItem: { item: i },
          });
          continue;
        }
        throw nodeError;
      }
    }
  } finally {
    await center.close().catch((error: unknown) => {
      // Closing only releases a session; the items are already computed.
      this.logger.warn(`Could not close the contact-center session: ${String(error)}`);
    });
  }
  return [out];
}
