// Running one core operation for one item and turning its Outcome into the
// item n8n outputs. A pending result (a conference leg still ringing, a
// Huawei event not yet arrived) is followed with the core's waitForOutcome
// for at most "Wait for Outcome (Seconds)", sleeping with n8n-workflow's
// sleep: n8n's rules forbid timers in nodes.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import { toItemJson } from '../items.ts';
import { type Outcome, runOperation, type OperationValue, waitForOutcome, type ContactCenter, type Operation } from '../../core/index.ts';

/** Not more than this, so one item cannot hold a workflow for long. */
export const MAX_WAIT_SECONDS = 300;

export const waitOption: INodeProperties = {
  displayName: 'Wait for Outcome (Seconds)',
  name: 'waitSeconds',
  type: 'number',
  typeOptions: { minValue: 0, maxValue: MAX_WAIT_SECONDS },
  default: 0,
  description:
    'How long to wait for a result that arrives later (a participant answering, an agent state confirmed). 0 returns at once with the outcome "pending".',
};

/** The item for a value: the domain object itself plus where it stands. */
export function outcomeToJson(outcome: Outcome<OperationValue>): IDataObject {
  switch (outcome.status) {
    case 'done':
      return { ...toItemJson(outcome.value), outcome: 'done' };
    case 'pending':
      return {
        ...toItemJson(outcome.value ?? {}),
        outcome: 'pending',
        ...(outcome.progress ? { progress: outcome.progress } : {}),
        outcomeToken: outcome.token,
        deadline: outcome.deadline,
      };
    case 'failed':
      // Never reached: failed outcomes are raised (see runItem).
      return { ...toItemJson(outcome.value ?? {}), outcome: 'failed', reason: outcome.reason };
  }
}

/**
 * Runs `op` with `input` for item `itemIndex`, waits up to `waitSeconds` for a
 * pending result, and returns the item's JSON. A failed outcome is an error
 * of the item (NodeOperationError with the vendor's reason).
 */
export async function runItem(
  this: IExecuteFunctions,
  center: ContactCenter,
  op: Operation,
  input: unknown,
  itemIndex: number,
  waitSeconds = 0,
): Promise<IDataObject> {
  let outcome = await runOperation(center, op, input);
  if (outcome.status === 'pending' && waitSeconds > 0) {
    outcome = await waitForOutcome(center, outcome as Outcome<OperationValue>, {
      sleep: async (ms) => await sleep(ms),
      maxWaitMs: Math.min(waitSeconds, MAX_WAIT_SECONDS) * 1000,
    });
  }
  if (outcome.status === 'failed') {
    throw new NodeOperationError(this.getNode(), outcome.reason, {
      itemIndex,
      description: outcome.code ? `Outcome code: ${outcome.code}` : undefined,
    });
  }
  return outcomeToJson(outcome);
}
