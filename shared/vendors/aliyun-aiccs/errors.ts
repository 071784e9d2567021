// AICCS's own business error codes, added to the Alibaba gateway table
// (signature, throttling, InternalError, … in ../aliyun/errors.ts). AICCS
// documents them in its envelope {RequestId, Code, Success, Message,
// HttpStatusCode, Data}, as HTTP 500 (notes §2), so they are matched by code
// before any status rule: NoAgentFound at HTTP 500 is not worth retrying.
import type { AliyunEnvelope, AliyunErrorTable } from '../aliyun/index.ts';
import { VendorError } from '../../errors.ts';
import { maskPhonesIn } from '../../mask.ts';

export const VENDOR = 'aliyun-aiccs';

export function aiccsErrorTable(instanceId: string): AliyunErrorTable {
  return {
    NoAgentFound: {
      message:
        "AICCS has no such agent in this instance. Use the agent's account name (the login phone number or e-mail shown in the AICCS console).",
      retryable: false,
    },
    NoTenantFound: {
      message: `AICCS does not know instance ${instanceId}. Check instanceId in the ccops configuration against the console's instance list (实例管理).`,
      retryable: false,
    },
    SystemError: {
      message: (c) => `AICCS had an internal error while handling ${c.action}. It is usually brief; ccops retries.`,
      retryable: true,
    },
    // A parameter the API refused (the simulator's answer to QueryStartTime in seconds).
    InvalidParameter: {
      message: (c) => `AICCS refused a parameter of ${c.action}${c.vendorMessage ? `: ${c.vendorMessage}` : ''}. Retrying will not help.`,
      retryable: false,
    },
  };
}

/** A 2xx answer whose envelope says it failed. */
export const isAiccsBodyError = (e: AliyunEnvelope): boolean => e.Success === false || e.Success === 'false';

/** NoAgentFound names the agent the user typed (phone-like names masked). */
export function withAgent(error: unknown, accountName: string): unknown {
  if (!(error instanceof VendorError) || error.vendorCode !== 'NoAgentFound') return error;
  return new VendorError(
    {
      vendor: error.vendor,
      vendorCode: error.vendorCode,
      message: maskPhonesIn(
        `AICCS has no agent "${accountName}" in this instance. Use the agent's account name (the login phone number or e-mail shown in the AICCS console).`,
      ),
      requestId: error.requestId,
      httpStatus: error.httpStatus,
      retryable: error.retryable,
      retryAfterMs: error.retryAfterMs,
      vendorMessage: error.vendorMessage,
    },
    { cause: error },
  );
}
