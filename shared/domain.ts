// Vendor-neutral contact-center types. Every value that crosses a boundary
// (job payloads, CLI output, n8n items, Slack views) is one of these, so each
// has a zod schema and is plain JSON: times are ISO-8601 strings, durations
// whole seconds.
import { z } from 'zod/v4';

export const VENDOR_IDS = ['aliyun-ccc', 'aliyun-aiccs', 'huawei-aicc', 'tencent-tccc'] as const;
export const VendorId = z.enum(VENDOR_IDS);
export type VendorId = z.infer<typeof VendorId>;

const isoTime = z.iso.datetime({ offset: true });
/** Vendor payload as received, kept for users who need a field we do not map. */
const raw = z.record(z.string(), z.unknown());

// --- agents -----------------------------------------------------------------

export const AGENT_STATES = [
  'ready',
  'break',
  'acw',
  'not_ready',
  'talking',
  'ringing',
  'dialing',
  'offline',
] as const;
export const AgentStateKind = z.enum(AGENT_STATES);
export type AgentStateKind = z.infer<typeof AgentStateKind>;

export const AgentState = z.object({
  center: z.string(),
  agentId: z.string(),
  state: AgentStateKind,
  /** Why the agent is on break (the vendor's break code or our reading of it). */
  reason: z.string().optional(),
  /** The vendor's own state value, unmapped (e.g. `BREAK`, `小休-就餐`, `3`). */
  vendorState: z.string(),
  /** When the agent entered this state, where the vendor says. */
  since: isoTime.optional(),
  skillGroups: z.array(z.string()).optional(),
  raw,
});
export type AgentState = z.infer<typeof AgentState>;

/** What a supervisor can ask an agent's state to become. */
export const AgentStateTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }),
  z.object({ kind: z.literal('break'), reason: z.string().min(1).max(64).optional() }),
  z.object({ kind: z.literal('offline') }),
  z.object({ kind: z.literal('online'), skillGroups: z.array(z.string().min(1)).optional() }),
]);
export type AgentStateTarget = z.infer<typeof AgentStateTarget>;

export const SetAgentStateInput = z.object({
  agentId: z.string().min(1),
  target: AgentStateTarget,
});
export type SetAgentStateInput = z.infer<typeof SetAgentStateInput>;

// --- calls ------------------------------------------------------------------

export const CALL_OUTCOMES = [
  'answered',
  'abandoned_in_queue',
  'abandoned_ringing',
  'abandoned_ivr',
  'missed',
  'failed',
] as const;
export const CallOutcome = z.enum(CALL_OUTCOMES);
export type CallOutcome = z.infer<typeof CallOutcome>;

export const ABANDONED_OUTCOMES: readonly CallOutcome[] = [
  'abandoned_in_queue',
  'abandoned_ringing',
  'abandoned_ivr',
];
export const isAbandoned = (outcome: CallOutcome): boolean => ABANDONED_OUTCOMES.includes(outcome);

export const CallDirection = z.enum(['inbound', 'outbound', 'internal', 'other']);
export type CallDirection = z.infer<typeof CallDirection>;

export const CallRecord = z.object({
  center: z.string(),
  id: z.string(),
  direction: CallDirection,
  /** Phone numbers as the vendor gives them; mask before showing (see mask.ts). */
  caller: z.string().optional(),
  callee: z.string().optional(),
  agents: z.array(z.string()),
  skillGroup: z.string().optional(),
  startedAt: isoTime.optional(),
  queuedAt: isoTime.optional(),
  ringingAt: isoTime.optional(),
  answeredAt: isoTime.optional(),
  releasedAt: isoTime.optional(),
  durations: z.object({
    total: z.number().nonnegative().optional(),
    queue: z.number().nonnegative().optional(),
    ring: z.number().nonnegative().optional(),
    talk: z.number().nonnegative().optional(),
  }),
  outcome: CallOutcome,
  /** The vendor's own disposition / end status, unmapped. */
  vendorOutcome: z.string(),
  releasedBy: z.enum(['agent', 'customer', 'system', 'unknown']).optional(),
  satisfaction: z.number().optional(),
  raw,
});
export type CallRecord = z.infer<typeof CallRecord>;

export const SearchCallsInput = z
  .object({
    from: isoTime,
    to: isoTime,
    number: z.string().min(1).optional(),
    agentId: z.string().min(1).optional(),
    outcomes: z.array(CallOutcome).min(1).optional(),
    pageSize: z.number().int().min(1).max(100).default(20),
    /** Opaque, from a previous Page's nextCursor. */
    cursor: z.string().optional(),
  })
  .refine((v) => Date.parse(v.from) < Date.parse(v.to), {
    message: 'the start of the window must be before its end',
    path: ['from'],
  });
export type SearchCallsInput = z.input<typeof SearchCallsInput>;

export const ListAbandonedInput = z.object({
  since: isoTime,
  until: isoTime.optional(),
  cursor: z.string().optional(),
});
export type ListAbandonedInput = z.infer<typeof ListAbandonedInput>;

export interface Page<T> {
  items: T[];
  /** Present when there is more; pass back as `cursor`. */
  nextCursor?: string;
  total?: number;
}
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional(), total: z.number().optional() });

// --- conferences ------------------------------------------------------------

export const ParticipantState = z.enum(['calling', 'ringing', 'joined', 'left', 'no_answer', 'failed']);
export type ParticipantState = z.infer<typeof ParticipantState>;

export const Participant = z.object({
  /** Agent extension / id, or a phone number. */
  address: z.string(),
  kind: z.enum(['agent', 'phone']),
  state: ParticipantState,
  detail: z.string().optional(),
});
export type Participant = z.infer<typeof Participant>;

export const Conference = z.object({
  center: z.string(),
  /** What ends it: the vendor's call / conference id. */
  id: z.string(),
  chair: z.string().optional(),
  participants: z.array(Participant),
  raw,
});
export type Conference = z.infer<typeof Conference>;

export const StartConferenceInput = z.object({
  /** The agent who hosts the conference; the vendor's default when absent. */
  agentId: z.string().min(1).optional(),
  participants: z.array(z.string().min(1)).min(1, 'name at least one participant'),
  timeoutSeconds: z.number().int().min(5).max(600).default(30),
  tags: z.string().optional(),
});
export type StartConferenceInput = z.input<typeof StartConferenceInput>;

export const EndConferenceInput = z.object({
  conferenceId: z.string().min(1),
  agentId: z.string().min(1).optional(),
});
export type EndConferenceInput = z.infer<typeof EndConferenceInput>;

// --- outcomes ---------------------------------------------------------------

/**
 * The result of an operation whose effect may arrive later. `pending` carries
 * an opaque token for `pollOutcome` and the latest known value, so a front end
 * can show progress ("ringing 1317511****").
 */
export type Outcome<T> =
  | { status: 'done'; value: T }
  | { status: 'pending'; token: string; value?: T; progress?: string; pollAfterMs: number; deadline: string }
  | { status: 'failed'; reason: string; code?: string; value?: T };

export const outcomeSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('status', [
    z.object({ status: z.literal('done'), value }),
    z.object({
      status: z.literal('pending'),
      token: z.string(),
      value: value.optional(),
      progress: z.string().optional(),
      pollAfterMs: z.number().int().nonnegative(),
      deadline: isoTime,
    }),
    z.object({ status: z.literal('failed'), reason: z.string(), code: z.string().optional(), value: value.optional() }),
  ]);

export const done = <T>(value: T): Outcome<T> => ({ status: 'done', value });
