// The core's coded errors as n8n errors. Vendor refusals and network failures
// become NodeApiError (with the vendor's code and request id, so a support
// ticket can quote them); bad input and operations the vendor lacks become
// NodeOperationError with the core's sentence. Matching is on `code`, not on
// instanceof, because each package bundles its own copy of the core.
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { asCcopsError, ErrorCode, type InvalidInput, type TransportError, type VendorError } from '../core/index.ts';

export type NodeError = NodeApiError | NodeOperationError;

function isNodeError(e: unknown): e is NodeError {
  return e instanceof NodeApiError || e instanceof NodeOperationError;
}

/** What a `continueOnFail` item carries about the error, besides its message. */
export function errorDetails(e: unknown): JsonObject {
  // Read field by field: the error may come from another bundle's copy of the core.
  const err = e as {
    code?: unknown;
    vendor?: unknown;
    vendorCode?: unknown;
    requestId?: unknown;
    httpStatus?: unknown;
    retryable?: unknown;
    transportCode?: unknown;
    issues?: Array<{ path: string; message: string }>;
  };
  const details: JsonObject = {};
  if (typeof err.code === 'string') details.code = err.code;
  if (typeof err.vendor === 'string') details.vendor = err.vendor;
  if (typeof err.vendorCode === 'string') details.vendorCode = err.vendorCode;
  if (typeof err.requestId === 'string') details.requestId = err.requestId;
  if (typeof err.httpStatus === 'number') details.httpStatus = err.httpStatus;
  if (typeof err.retryable === 'boolean') details.retryable = err.retryable;
  if (typeof err.transportCode === 'string') details.transportCode = err.transportCode;
  if (Array.isArray(err.issues)) details.issues = err.issues.map((i) => ({ path: i.path, message: i.message }));
  return details;
}

/** Wraps any error thrown by the core (or by n8n) for item `itemIndex`. */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeError {
  if (isNodeError(error)) return error;
  const e = asCcopsError(error);
  const at = itemIndex === undefined ? {} : { itemIndex };
  switch (e.code) {
    case ErrorCode.Vendor: {
      const v = e as VendorError;
      const parts = [`${v.vendor} error ${v.vendorCode}`];
      if (v.requestId) parts.push(`request id ${v.requestId}`);
      if (v.vendorMessage) parts.push(`vendor message: ${v.vendorMessage}`);
      return new NodeApiError(node, { ...errorDetails(v), message: v.message }, {
        ...at,
        message: v.message,
        description: parts.join('; '),
        ...(v.httpStatus ? { httpCode: String(v.httpStatus) } : {}),
      });
    }
    case ErrorCode.Transport: {
      const t = e as TransportError;
      return new NodeApiError(node, { ...errorDetails(t), message: t.message }, {
        ...at,
        message: t.message,
        description: t.sent
          ? 'The request may have reached the vendor: check the result before repeating a change.'
          : 'The request did not reach the vendor: check the endpoint and the network, then try again.',
      });
    }
    case ErrorCode.InvalidInput: {
      const i = e as InvalidInput;
      return new NodeOperationError(node, i.message, {
        ...at,
        description: i.issues.map((x) => (x.path ? `${x.path}: ${x.message}` : x.message)).join('\n') || undefined,
      });
    }
    default:
      // Unsupported operations, configuration problems and the unexpected: the core's sentence as is.
      return new NodeOperationError(node, e.message, at);
  }
}
