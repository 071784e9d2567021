// The vendor-neutral part of the ccops core that the n8n nodes use. Node
// code imports the core only through the files in nodes/core/, so each
// n8n package can carry the core as one bundled module (see build.ts).
export { CALL_OUTCOMES, isAbandoned } from '../../shared/domain.ts';
export type {
  AgentState,
  AgentStateTarget,
  CallRecord,
  Conference,
  Outcome,
  Page,
  VendorId,
} from '../../shared/domain.ts';
export {
  asCcopsError,
  ConfigError,
  ErrorCode,
  InvalidInput,
  TransportError,
  UnsupportedOperation,
  VendorError,
} from '../../shared/errors.ts';
export type { HttpMethod, HttpRequest, HttpResponse, Transport } from '../../shared/http.ts';
export type { Secret } from '../../shared/secret.ts';
export { runOperation } from '../../shared/operations.ts';
export type { OperationValue } from '../../shared/operations.ts';
export { waitForOutcome } from '../../shared/outcome.ts';
export { assertSupported } from '../../shared/port.ts';
export type { Capabilities, ContactCenter, Operation } from '../../shared/port.ts';
