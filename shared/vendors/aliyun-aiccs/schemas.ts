// The AICCS 2019-10-15 wire formats we read, as zod schemas. Unknown fields
// are kept (loose objects): the mapping stores each payload in `raw`.
// Source: HotlineSessionQuery doc page and the TS SDK models (see
// ../shared/vendor-docs/notes-aliyun-ccc-aiccs.md §2).
import { z } from 'zod/v4';

/** Optional text that the vendor may send as null or as a number. */
const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));

/** Optional count that the vendor may send as a string, null or empty. */
const count = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v === '') return undefined;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n)) {
      ctx.issues.push({ code: 'custom', input: v, message: 'expected a number' });
      return z.NEVER;
    }
    return n;
  });

/** Every AICCS answer, success or business error. */
export const AiccsEnvelope = z.looseObject({
  RequestId: z.string().optional(),
  Code: z.string().optional(),
  Success: z.boolean().optional(),
  Message: z.string().nullish(),
  HttpStatusCode: z.number().optional(),
  Data: z.unknown().optional(),
});
export type AiccsEnvelope = z.infer<typeof AiccsEnvelope>;

/** One row of HotlineSessionQuery's `Data.CallDetailRecord`. */
export const AiccsCallDetailRecord = z.looseObject({
  Acid: text,
  Id: text,
  CallType: count,
  CallResult: text,
  CallingNumber: text,
  CalledNumber: text,
  TrunkCall: text,
  CreateTime: text,
  InQueueTime: text,
  OutQueueTime: text,
  RingStartTime: text,
  RingEndTime: text,
  PickUpTime: text,
  HangUpTime: text,
  CallContinueTime: count,
  QueueUpContinueTime: count,
  RingContinueTime: count,
  HangUpRole: text,
  GroupId: text,
  GroupName: text,
  ServicerId: text,
  ServicerName: text,
  MemberId: text,
  MemberName: text,
  EvaluationLevel: count,
  EvaluationScore: count,
  ActiveTransferId: text,
  PassiveTransferId: text,
  PassiveTransferIdType: text,
});
export type AiccsCallDetailRecord = z.infer<typeof AiccsCallDetailRecord>;

export const HotlineSessionQueryData = z.looseObject({
  PageNumber: count,
  PageSize: count,
  TotalCount: count,
  CallDetailRecord: z.array(z.record(z.string(), z.unknown())).nullish(),
});
export type HotlineSessionQueryData = z.infer<typeof HotlineSessionQueryData>;

/** GetHotlineAgentStatus: `Data` is the agent's state in Chinese, e.g. `小休-就餐`. */
export const HotlineAgentStatusData = z.string().min(1);

/** GetHotlineAgentDetail's `Data`. */
export const HotlineAgentDetailData = z.looseObject({
  AgentId: text,
  AgentStatus: count,
  AgentStatusCode: text,
  Assigned: z.boolean().nullish(),
  RestType: count,
  TenantId: text,
  Token: text,
});
export type HotlineAgentDetailData = z.infer<typeof HotlineAgentDetailData>;

/** The POP gateway's own error body (signature, throttling, …). */
export const GatewayErrorBody = z.looseObject({
  RequestId: z.string().optional(),
  HostId: z.string().optional(),
  Code: z.string(),
  Message: z.string().optional(),
  Recommend: z.string().optional(),
});
