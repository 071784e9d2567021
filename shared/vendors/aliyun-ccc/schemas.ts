// zod schemas for the CCC 2020-07-01 answers ccops reads (the `Data` of each
// action). Lenient on purpose: fields the docs show as numbers arrive as
// strings in some editions (HttpStatusCode, CallDuration), unknown fields are
// kept (looseObject) so mapping can hand them on in `raw`.
import { z } from 'zod/v4';

// One custom check per field instead of a union of types: these run for every
// field of every row, and a union tries each member in turn. They are bare
// z.transform()s, not z.unknown().transform(): the same function on the same
// input, without a pipe and an unknown-schema step per field (a quarter of a
// row's parse time).
const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** A number the API may send as a number, a numeric string, or "" / null for "none". */
export const lenientNumber = z.transform((v: unknown, ctx): number | undefined => {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  ctx.issues.push({ code: 'custom', input: v, message: `expected a number or a numeric string, got ${kindOf(v)}` });
  return z.NEVER;
});

/** A string that may be absent, null or padded (the doc examples carry stray newlines). */
export const lenientString = z.transform((v: unknown, ctx): string | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' ? undefined : s;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  ctx.issues.push({ code: 'custom', input: v, message: `expected a string, got ${kindOf(v)}` });
  return z.NEVER;
});

const stringList = z
  .union([z.array(z.union([z.string(), z.number()])), z.string(), z.null()])
  .optional()
  .transform((v) => {
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
    return v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  });

export const ChannelContext = z.looseObject({
  ChannelId: lenientString,
  ChannelState: lenientString,
  ChannelFlags: lenientString,
  CallType: lenientString,
  Destination: lenientString,
  Originator: lenientString,
  JobId: lenientString,
  ReleaseInitiator: lenientString,
  ReleaseReason: lenientString,
  Timestamp: lenientNumber,
  UserExtension: lenientString,
  UserId: lenientString,
});
export type ChannelContext = z.infer<typeof ChannelContext>;

export const CallContext = z.looseObject({
  CallType: lenientString,
  InstanceId: lenientString,
  JobId: lenientString,
  ChannelContexts: z.array(ChannelContext).nullish().transform((v) => v ?? []),
});
export type CallContext = z.infer<typeof CallContext>;

export const UserContext = z.looseObject({
  UserId: lenientString,
  UserState: lenientString,
  BreakCode: lenientString,
  Extension: lenientString,
  DeviceId: lenientString,
  DeviceState: lenientString,
  WorkMode: lenientString,
  JobId: lenientString,
  Mobile: lenientString,
  InstanceId: lenientString,
  Heartbeat: lenientNumber,
  Reserved: lenientNumber,
  OutboundScenario: z.union([z.boolean(), z.string()]).nullish(),
  SignedSkillGroupIdList: stringList,
});
export type UserContext = z.infer<typeof UserContext>;

/** StartConference, EndConference, PollUserStatus: the call and the agent as they are now. */
export const CallAndUserData = z.looseObject({
  CallContext: CallContext.nullish(),
  UserContext: UserContext.nullish(),
  ContextId: lenientNumber,
});
export type CallAndUserData = z.infer<typeof CallAndUserData>;

/** ReadyForService, TakeBreak, SignInGroup, SignOutGroup answer with the agent's UserContext. */
export const AgentActionData = UserContext;

export const RealtimeAgentState = z.looseObject({
  AgentId: lenientString,
  AgentName: lenientString,
  State: lenientString,
  StateCode: lenientString,
  StateTime: lenientNumber,
  Duration: lenientNumber,
  BreakCode: lenientString,
  CallType: lenientString,
  CounterParty: lenientString,
  Extension: lenientString,
  InstanceId: lenientString,
  Mobile: lenientString,
  WorkMode: lenientString,
  SkillGroupIdList: stringList,
  SkillGroupNameList: stringList,
});
export type RealtimeAgentState = z.infer<typeof RealtimeAgentState>;

export const PagedList = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    PageNumber: lenientNumber,
    PageSize: lenientNumber,
    TotalCount: lenientNumber,
    List: z.array(item).nullish().transform((v) => v ?? []),
  });

export const RealtimeAgentStatesData = PagedList(RealtimeAgentState);

const EventSequence = z
  .array(z.looseObject({ Event: lenientString, EventTime: lenientNumber, Duration: lenientNumber }))
  .nullish()
  .transform((v) => v ?? []);

/** GetCallDetailRecord's Data and ListCallDetailRecordsV2's List items (CallDuration: number there, string here). */
export const CallDetailRecord = z.looseObject({
  ContactId: z.string().min(1),
  ContactType: lenientString,
  ContactDisposition: lenientString,
  CallingNumber: lenientString,
  CalledNumber: lenientString,
  StartTime: lenientNumber,
  EstablishedTime: lenientNumber,
  ReleaseTime: lenientNumber,
  CallDuration: lenientNumber,
  RingTime: lenientNumber,
  WaitTime: lenientNumber,
  QueueTime: lenientNumber,
  IvrTime: lenientNumber,
  TalkTime: lenientNumber,
  ReleaseInitiator: lenientString,
  ReleaseReason: lenientString,
  Satisfaction: lenientNumber,
  SatisfactionIndex: lenientNumber,
  AgentIds: stringList,
  AgentNames: stringList,
  SkillGroupIds: stringList,
  SkillGroupNames: stringList,
  QueueEvents: z
    .array(z.looseObject({ QueueId: lenientString, EventSequence }))
    .nullish()
    .transform((v) => v ?? []),
  AgentEvents: z
    .array(z.looseObject({ AgentId: lenientString, EventSequence }))
    .nullish()
    .transform((v) => v ?? []),
});
export type CallDetailRecord = z.infer<typeof CallDetailRecord>;

export const CallDetailRecordsData = PagedList(CallDetailRecord);
