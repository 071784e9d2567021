// The one interface every vendor adapter implements, and what each vendor
// really offers. Front ends and workers depend on this, never on a vendor.
import type {
  AgentState,
  CallRecord,
  Conference,
  EndConferenceInput,
  ListAbandonedInput,
  Outcome,
  Page,
  SearchCallsInput,
  SetAgentStateInput,
  StartConferenceInput,
  VendorId,
} from './domain.ts';
import { UnsupportedOperation } from './errors.ts';

export const OPERATIONS = [
  'startConference',
  'endConference',
  'getCall',
  'searchCalls',
  'getAgentState',
  'setAgentState',
  'listAbandonedCalls',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Operations that change something at the vendor (never blindly repeated). */
export const WRITE_OPERATIONS: readonly Operation[] = ['startConference', 'endConference', 'setAgentState'];

export type Capability = { supported: true } | { supported: false; reason: string };
export type Capabilities = Record<Operation, Capability>;

export const supported: Capability = { supported: true };
export const unsupported = (reason: string): Capability => ({ supported: false, reason });

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ContactCenter {
  readonly vendor: VendorId;
  /** The configured profile name, e.g. `shanghai`. */
  readonly center: string;
  readonly capabilities: Capabilities;

  startConference(input: StartConferenceInput, opts?: CallOptions): Promise<Outcome<Conference>>;
  endConference(input: EndConferenceInput, opts?: CallOptions): Promise<Outcome<Conference>>;
  getCall(callId: string, opts?: CallOptions): Promise<CallRecord>;
  searchCalls(input: SearchCallsInput, opts?: CallOptions): Promise<Page<CallRecord>>;
  getAgentState(agentId: string, opts?: CallOptions): Promise<AgentState>;
  setAgentState(input: SetAgentStateInput, opts?: CallOptions): Promise<Outcome<AgentState>>;
  /** Inbound calls abandoned (in IVR, queue or while ringing) since a time, oldest first. */
  listAbandonedCalls(input: ListAbandonedInput, opts?: CallOptions): Promise<Page<CallRecord>>;
  /** Re-checks a `pending` result by its token. */
  pollOutcome(token: string, opts?: CallOptions): Promise<Outcome<Conference | AgentState>>;
  /**
   * Checks that the vendor answers without changing anything, where reading
   * an agent or the calls would not (Huawei's gateway acts only as its own
   * signed-in agents). Says what answered.
   */
  probe?(opts?: CallOptions): Promise<string>;
  /** Releases connections and sessions (Huawei signs its agent out). */
  close(): Promise<void>;
}

/** Throws the vendor's sentence when it lacks the operation. */
export function assertSupported(center: Pick<ContactCenter, 'vendor' | 'capabilities'>, op: Operation): void {
  const cap = center.capabilities[op];
  if (!cap.supported) throw new UnsupportedOperation(center.vendor, op, cap.reason);
}
