// CC-Gateway retcodes (zh cec_07_0580 "错误结果码", notes B.5) -> a sentence for
// a supervisor and what ccops does about it. Pure.
import { VendorError } from '../../errors.ts';
import { maskPhonesIn } from '../../mask.ts';

export const VENDOR = 'huawei-aicc';

/** What the session does with a retcode before giving up. */
export type RetcodeAction =
  /** Sign in again (the Guid is no longer accepted), then repeat the request once. */
  | 'reauthenticate'
  /** Sign in with forcelogin (sign-in only). */
  | 'forcelogin'
  /** Nothing: report it. `retryable` says whether a caller may try again later. */
  | 'report';

export interface RetcodeInfo {
  sentence: string;
  retryable: boolean;
  action: RetcodeAction;
  /** Wait before a retry, where the code suggests one. */
  retryAfterMs?: number;
}

export const RETCODES: Readonly<Record<string, RetcodeInfo>> = {
  '000-000': { sentence: 'The Huawei agent gateway reported an unknown error.', retryable: true, action: 'report' },
  '000-001': {
    sentence: 'The Huawei agent gateway refused the way ccops asked for agent events (000-001); this is a ccops defect, please report it.',
    retryable: false,
    action: 'report',
  },
  '000-002': {
    sentence: 'The Huawei agent gateway rejected a parameter or address of the request (000-002). Check the agent id, participants and profile settings.',
    retryable: false,
    action: 'report',
  },
  '000-003': {
    sentence: 'The Huawei agent gateway no longer accepts ccops\' agent session (000-003) and signing in again did not help. Check that the agent is not signed in elsewhere.',
    retryable: true,
    action: 'reauthenticate',
  },
  '000-004': {
    sentence: 'The Huawei agent gateway is switching over to its standby (000-004). Try again in a moment.',
    retryable: true,
    action: 'report',
    retryAfterMs: 5_000,
  },
  '000-005': {
    sentence: 'An inspector agent cannot act on itself (000-005). Use another agent.',
    retryable: false,
    action: 'report',
  },
  '000-006': {
    sentence: 'The Huawei agent gateway found an error in the message parameters (000-006).',
    retryable: false,
    action: 'report',
  },
  '000-007': {
    sentence: 'The same request is still being processed by the Huawei agent gateway (000-007). Wait a moment and try again.',
    retryable: true,
    action: 'report',
    retryAfterMs: 1_000,
  },
  '100-001': {
    sentence: 'The Huawei agent gateway rejected the sign-in parameters (100-001). Check the agent id and softphone number in the profile.',
    retryable: false,
    action: 'report',
  },
  '100-002': {
    sentence: 'The agent is already signed in elsewhere (100-002) and ccops could not take the session over.',
    retryable: false,
    action: 'forcelogin',
  },
  '100-003': {
    sentence: 'The Huawei contact center had no resource to sign the agent in (100-003). Try again shortly.',
    retryable: true,
    action: 'report',
    retryAfterMs: 2_000,
  },
  '100-004': {
    sentence: 'The Huawei agent gateway refused the agent id or password (100-004). Check the agent\'s password in the profile.',
    retryable: false,
    action: 'report',
  },
  '100-005': {
    sentence: 'The Huawei agent gateway rejected the sign-out parameters (100-005).',
    retryable: false,
    action: 'report',
  },
  '100-006': {
    sentence: 'The agent is not signed in at the Huawei agent gateway (100-006) and signing in again did not help.',
    retryable: true,
    action: 'reauthenticate',
  },
  '100-007': {
    sentence: 'The Huawei contact center failed while carrying out the agent operation (100-007). ccops will retry; if it persists, ask the gateway\'s operators.',
    retryable: true,
    action: 'report',
    retryAfterMs: 1_000,
  },
  '100-008': { sentence: 'The agent is already signed out (100-008).', retryable: false, action: 'report' },
  '100-009': {
    sentence: 'The Huawei agent gateway would not change the agent\'s state (100-009): the agent is in a state that does not allow it, or lacks the permission.',
    retryable: false,
    action: 'report',
  },
  '100-010': {
    sentence: 'The agent cannot be signed out in its current state (100-010), for example during a call. Try again after the call.',
    retryable: false,
    action: 'report',
  },
  '101-001': {
    sentence: 'The Huawei contact center refused the call operation (101-001). Check that the agent is in a stable call or idle.',
    retryable: false,
    action: 'report',
  },
  '101-002': {
    sentence: 'The Huawei contact center refused to end the conference (101-002); the agent may not be its chair.',
    retryable: false,
    action: 'report',
  },
  '101-007': {
    sentence: 'The Huawei contact center refused to take the agent out of the conference (101-007); the agent may not be in it.',
    retryable: false,
    action: 'report',
  },
};

export function retcodeInfo(retcode: string): RetcodeInfo {
  return (
    RETCODES[retcode] ?? {
      sentence: `The Huawei agent gateway refused the request (code ${retcode}).`,
      retryable: false,
      action: 'report',
    }
  );
}

export const needsReauthentication = (retcode: string): boolean => retcodeInfo(retcode).action === 'reauthenticate';

/** The VendorError for a failed envelope; the vendor's message kept for logs, phone numbers masked (n8n shows it). */
export function gatewayError(retcode: string, vendorMessage: string, httpStatus?: number, operation?: string): VendorError {
  const info = retcodeInfo(retcode);
  return new VendorError({
    vendor: VENDOR,
    vendorCode: retcode,
    message: operation ? `${operation}: ${info.sentence}` : info.sentence,
    httpStatus,
    retryable: info.retryable,
    retryAfterMs: info.retryAfterMs,
    vendorMessage: maskPhonesIn(vendorMessage),
  });
}

/** The gateway answered with something that is not its JSON envelope. */
export function httpError(status: number, bodySnippet: string): VendorError {
  const retryable = status >= 500 || status === 429;
  return new VendorError({
    vendor: VENDOR,
    vendorCode: `HTTP ${status}`,
    message: retryable
      ? `The Huawei agent gateway is unavailable (HTTP ${status}). ccops will retry.`
      : `The Huawei agent gateway answered HTTP ${status} instead of its JSON result. Check gatewayUrl in the profile (it ends in /agentgateway/resource).`,
    httpStatus: status,
    retryable,
    vendorMessage: maskPhonesIn(bodySnippet.slice(0, 200)),
  });
}
