// The agent gateway's JSON as it arrives: the response envelope, events and
// the results ccops reads. Pure zod schemas; unknown fields are kept (loose
// objects) so mapping can put them in `raw`. Sources: notes B.0-B.6.
import { z } from 'zod/v4';

/** Ids and numbers arrive as numbers or strings depending on the page. */
const idLike = z.union([z.string(), z.number()]).transform((v) => String(v));

/** `{ message, retcode, result }`; retcode "0" is success (a string). Event polls carry `event`. */
export const GatewayEnvelope = z.looseObject({
  message: z.string().nullish().transform((v) => v ?? ''),
  retcode: idLike,
  result: z.unknown().optional(),
  event: z.unknown().optional(),
});
export type GatewayEnvelope = z.infer<typeof GatewayEnvelope>;

/** One event from `GET agentevent/{agentid}`: `{eventType, workNo, content, eventGenTime?}`. */
export const GatewayEvent = z.looseObject({
  eventType: z.string().min(1),
  workNo: idLike,
  /** An object, a plain string (a call id) or null, depending on the event. */
  content: z.unknown().optional().transform((v) => v ?? null),
  /** Milliseconds; only 2025 doc examples carry it. */
  eventGenTime: z.number().optional(),
});
export type GatewayEvent = z.infer<typeof GatewayEvent>;

/** The poll answer: an event, or none when the long poll ran out (null or absent: unconfirmed which). */
export function eventOf(envelope: GatewayEnvelope): GatewayEvent | undefined {
  if (envelope.event === undefined || envelope.event === null) return undefined;
  return GatewayEvent.parse(envelope.event);
}

// --- event contents ccops reads ------------------------------------------------

export const ConfRequestSuccess = z.looseObject({ confId: idLike });
export const ConfRequestFailed = z.looseObject({ cause: idLike.optional() });
export const ConfIdContent = z.looseObject({ confId: idLike.optional() });
export const NotReadyContent = z.looseObject({ reason: idLike.optional() });
export const CustomerAlerting = z.looseObject({
  callid: idLike,
  otherPhoneWorkno: z.string().optional(),
  otherPhone: idLike.optional(),
  type: z.string().optional(),
});
export const CustomerRelease = z.looseObject({ callid: idLike.optional(), number: idLike.optional() });
export const PhoneOffhook = z.looseObject({ type: z.string().optional() });
export const PhoneRelease = z.looseObject({ phoneState: idLike.optional() });

/** Content schemas by event type, for the events whose content the docs show. */
export const EVENT_CONTENT = {
  AgentConf_RequestSuccess: ConfRequestSuccess,
  AgentConf_RequestFailed: ConfRequestFailed,
  AgentConf_SelfJoinResult: ConfIdContent,
  AgentConf_Timeout: ConfIdContent,
  AgentState_SetNotReady_Success: NotReadyContent,
  AgentEvent_Customer_Alerting: CustomerAlerting,
  AgentEvent_Customer_Release: CustomerRelease,
  AgentOther_PhoneOffhook: PhoneOffhook,
  AgentOther_PhoneRelease: PhoneRelease,
  /** content is the call id as a string */
  AgentEvent_Call_Release: z.union([z.string(), z.number()]).transform(String),
  AgentEvent_Hold: z.union([z.string(), z.number()]).transform(String),
} as const;

/** Parses an event's content when its type has a known shape; undefined otherwise. */
export function contentOf<K extends keyof typeof EVENT_CONTENT>(
  event: GatewayEvent,
  type: K,
): z.infer<(typeof EVENT_CONTENT)[K]> | undefined {
  if (event.eventType !== type) return undefined;
  const parsed = EVENT_CONTENT[type].safeParse(event.content);
  return parsed.success ? (parsed.data as z.infer<(typeof EVENT_CONTENT)[K]>) : undefined;
}

// --- results --------------------------------------------------------------------

/** Sign-in result (cec_07_1202 sample). */
export const SignInResult = z.looseObject({
  vdnid: idLike.optional(),
  workno: idLike.optional(),
  mediatype: z.string().optional(),
  loginTime: idLike.optional(),
  isForceChange: z.union([z.string(), z.boolean()]).optional(),
  serverName: z.string().optional(),
  timeRemaining: idLike.optional(),
});

/**
 * `GET onlineagent/{agentid}/agentstatus`: "result = status code" (cec_07_1222).
 * The field layout is unconfirmed, so a bare code, a numeric string or an
 * object with a status field are all read.
 */
export const AgentStatusResult = z.union([
  idLike,
  z
    .looseObject({ status: idLike.optional(), agentState: idLike.optional(), state: idLike.optional() })
    .transform((o, ctx) => {
      const code = o.status ?? o.agentState ?? o.state;
      if (code === undefined) {
        ctx.issues.push({ code: 'custom', input: o, message: 'no status code in the agentstatus result' });
        return z.NEVER;
      }
      return code;
    }),
]);

/**
 * `GET calldata/{agentid}/callinfo` result (fields of cec_07_1261/1265/1266).
 * `caller`/`called` are documented as int but are phone numbers: read as strings.
 */
export const CallInfo = z.looseObject({
  callid: idLike,
  callfeature: idLike.optional(),
  caller: idLike.optional(),
  called: idLike.optional(),
  callskill: z.string().optional(),
  callskillid: idLike.optional(),
  orgicallednum: idLike.optional(),
  calldata: z.string().optional(),
  /** Answer time, ms. */
  begintime: z.union([z.number(), z.string()]).optional(),
  endtime: z.union([z.number(), z.string()]).optional(),
  /** Seconds waited before the answer. */
  waitTime: z.union([z.number(), z.string()]).optional(),
  mediaType: idLike.optional(),
});
export type CallInfo = z.infer<typeof CallInfo>;

/** Request bodies ccops sends (checked in tests against the doc samples). */
export const SignInBody = z.looseObject({
  password: z.string().max(32),
  phonenum: z.string().min(1).max(24),
  autoanswer: z.union([z.boolean(), z.string()]).optional(),
  autoenteridle: z.union([z.boolean(), z.string()]).optional(),
  releasephone: z.union([z.boolean(), z.string()]).optional(),
  agenttype: idLike.optional(),
  status: idLike.optional(),
});

export const RequestAgentConfBody = z.looseObject({
  memberNum: z.number().int().min(1).max(120),
  confCallerNo: z.string().max(24).optional(),
  time: z.number().int().min(4).max(1440).optional(),
  promptTime: z.number().int().min(3).max(1440).optional(),
  beepTone: z.boolean().optional(),
  playMode: z.number().int().optional(),
  voicePath: z.string().max(127).optional(),
});

export const BatchAddParticipantBody = z.looseObject({
  addresses: z
    .array(z.looseObject({ addressType: z.enum(['6', '9']), address: z.string().min(1) }))
    .min(1)
    .max(120),
  beepTone: z.boolean().optional(),
  playMode: z.number().int().optional(),
  voicePath: z.string().max(127).optional(),
  caller: z.string().max(24).optional(),
});
