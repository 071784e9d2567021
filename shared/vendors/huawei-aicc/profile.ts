import { z } from 'zod/v4';
import { SecretRef } from '../../secret.ts';

// Agent ids run 101-59999 in older docs and 101-999999 in 2025 docs (notes B.0).
const agentId = z.string().regex(/^[1-9]\d{2,5}$/, 'an agent id (work number) from 101 to 999999, e.g. "291"');

/** One agent ccops signs in as: the gateway only acts for a signed-in agent (its Guid). */
export const HuaweiAiccAgent = z.strictObject({
  agentId,
  /** CTI agent password, sent in the sign-in body. */
  password: SecretRef,
  /** The softphone number bound at sign-in (`phonenum`, at most 24 characters). */
  phoneNumber: z.string().min(1, 'the softphone number the agent signs in with, e.g. "40038"').max(24),
});

/** How a break reason named by a supervisor becomes a gateway call. */
export const HuaweiBreakReason = z.union([
  /** `rest/{time}/{restcause}`: a break (rest cause 0-255). */
  z.strictObject({ restCause: z.number().int().min(0).max(255) }),
  /** `saybusy?reason=`: not ready (custom busy reasons 200-250). */
  z.strictObject({ busyReason: z.number().int().min(200).max(250) }),
]);

/**
 * A configured Huawei Cloud AICC (CEC) agent gateway. ccops signs in as
 * `agentId` (the default chair of conferences) and keeps it signed in by
 * polling its events; `agents` lists further agents it may act as.
 */
export const HuaweiAiccProfile = z.strictObject({
  vendor: z.literal('huawei-aicc'),
  /** Base of the agent operation interfaces, e.g. https://10.1.1.1:8043/agentgateway/resource */
  gatewayUrl: z.url({ message: 'expected the gateway base URL, e.g. https://10.1.1.1:8043/agentgateway/resource' }),
  agentId,
  password: SecretRef,
  phoneNumber: HuaweiAiccAgent.shape.phoneNumber,
  /** More agents ccops may sign in as (state changes, their own calls). @defaultValue [] */
  agents: z.array(HuaweiAiccAgent).default([]),
  /** Caller id shown to invited participants (`confCallerNo`); the VDN's default when absent. */
  confCallerNo: z.string().min(1).max(24).optional(),
  /** Conference length asked for, minutes (4-1440). @defaultValue 60 */
  conferenceMinutes: z.number().int().min(4).max(1440).default(60),
  /** Length of a break, seconds (1-86399). @defaultValue 3600 */
  breakSeconds: z.number().int().min(1).max(86_399).default(3600),
  /** How long a break may wait for AgentState_SetRest_Success, seconds. @defaultValue 60 */
  breakConfirmSeconds: z.number().int().min(5).max(3600).default(60),
  /** Named break reasons, e.g. {"lunch": {"restCause": 1}, "meeting": {"busyReason": 201}}. @defaultValue {} */
  breakReasons: z.record(z.string().min(1).max(64), HuaweiBreakReason).default({}),
});
export type HuaweiAiccProfileInput = z.input<typeof HuaweiAiccProfile>;
