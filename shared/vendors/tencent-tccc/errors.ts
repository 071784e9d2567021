// Tencent Cloud API 3.0 error codes (Response.Error.Code) -> a sentence for a
// supervisor and a retry decision. Pure. Sources: TCCC error-code page
// (cloud.tencent.com/document/api/679/47722), the Signature v3 page, the CCC
// codes in tencentcloud-sdk-go ccc/v20200210/errors.go (see the vendor notes).
import { VendorError } from '../../errors.ts';
import { maskPhonesIn } from '../../mask.ts';

export const VENDOR = 'tencent-tccc';

/**
 * How an error may be retried:
 * - `always`: the request was refused before anything happened (throttling),
 *   so even a write may be repeated after a pause;
 * - `reads`: a server-side failure; a read may be repeated, a write may
 *   already have been applied, so it is not;
 * - `resign`: the signature expired; the client signs again with a fresh
 *   timestamp once, at once;
 * - `never`: repeating gives the same answer.
 */
export type RetryKind = 'always' | 'reads' | 'resign' | 'never';

export interface ErrorContext {
  action: string;
  /** The action changes something at the vendor. */
  write: boolean;
  requestId?: string;
  httpStatus?: number;
  vendorMessage?: string;
}

interface Rule {
  /** Exact code, or a family when it ends with `*` (`RequestLimitExceeded*` also matches the bare code). */
  code: string;
  retry: RetryKind;
  sentence: (c: ErrorContext) => string;
}

// The vendor's words go to supervisors' channels: phone numbers in them are masked.
const said = (c: ErrorContext) => (c.vendorMessage ? ` Tencent said: "${maskPhonesIn(c.vendorMessage)}".` : '');

// Ordered: the first match wins, so specific codes come before their family.
const RULES: Rule[] = [
  {
    code: 'RequestLimitExceeded*',
    retry: 'always',
    sentence: (c) =>
      `Tencent Cloud is throttling ${c.action} (TCCC allows about 20 requests a second per action), so nothing was done. Try again in a few seconds.`,
  },
  {
    code: 'AuthFailure.SignatureExpire',
    retry: 'resign',
    sentence: () =>
      "Tencent Cloud refused the request because its signature had expired: this machine's clock differs from Tencent's by more than 5 minutes. Synchronise the clock (NTP) and try again.",
  },
  {
    code: 'AuthFailure.SecretIdNotFound',
    retry: 'never',
    sentence: () =>
      'Tencent Cloud does not know the SecretId in this profile (deleted or disabled). Check secretId against the API keys in the Tencent Cloud console (CAM > API keys).',
  },
  {
    code: 'AuthFailure.InvalidSecretId',
    retry: 'never',
    sentence: () =>
      'The SecretId in this profile is not a valid Tencent Cloud key id (it starts with AKID). Check secretId in the ccops configuration.',
  },
  {
    code: 'AuthFailure.SignatureFailure',
    retry: 'never',
    sentence: () =>
      'Tencent Cloud rejected the request signature: the SecretKey does not belong to the SecretId. Check secretKey (and that nothing between ccops and Tencent rewrites the request).',
  },
  {
    code: 'AuthFailure.TokenFailure',
    retry: 'never',
    sentence: () =>
      'The temporary-credential token in this profile is invalid or has expired. Issue new temporary credentials and update token, secretId and secretKey together.',
  },
  {
    code: 'AuthFailure.InvalidAuthorization',
    retry: 'never',
    sentence: () =>
      'Tencent Cloud could not read the Authorization header of the request. This is a ccops fault or a proxy altering headers; report it with the request id.',
  },
  {
    code: 'AuthFailure.MFAFailure',
    retry: 'never',
    sentence: () => 'The API key requires multi-factor authentication, which ccops cannot provide. Use a key without MFA protection for API calls.',
  },
  {
    code: 'AuthFailure.UnauthorizedOperation',
    retry: 'never',
    sentence: (c) =>
      `The API key is not allowed to call ${c.action}. Grant its user a CAM policy that allows ccc:${c.action} (for example QcloudCCCFullAccess).`,
  },
  {
    code: 'AuthFailure*',
    retry: 'never',
    sentence: (c) => `Tencent Cloud did not accept the credentials of this profile.${said(c)} Check secretId and secretKey.`,
  },
  {
    code: 'UnauthorizedOperation*',
    retry: 'never',
    sentence: (c) =>
      `The API key is not allowed to call ${c.action} on this TCCC application. Grant its user a CAM policy that allows ccc:${c.action} and check that the key belongs to the account owning the SdkAppId.`,
  },
  {
    code: 'InvalidParameterValue.InstanceNotExist',
    retry: 'never',
    sentence: () =>
      'The SdkAppId in this profile is not a TCCC application of this Tencent Cloud account. Check sdkAppId against the TCCC console.',
  },
  {
    code: 'InvalidParameter.InstanceNotExist',
    retry: 'never',
    sentence: () =>
      'The SdkAppId in this profile is not a TCCC application of this Tencent Cloud account. Check sdkAppId against the TCCC console.',
  },
  {
    code: 'InvalidParameterValue.AccountNotExist',
    retry: 'never',
    sentence: () =>
      'No such agent in this TCCC application. TCCC names agents by their account (usually an e-mail address); check the spelling.',
  },
  {
    code: 'InvalidParameterValue.RecordNotExist',
    retry: 'never',
    sentence: () => 'TCCC has no record matching that id in the searched time window.',
  },
  {
    code: 'InvalidParameter*',
    retry: 'never',
    sentence: (c) => `TCCC refused a parameter of ${c.action}.${said(c)} Correct the request and try again.`,
  },
  {
    code: 'InvalidParameterValue*',
    retry: 'never',
    sentence: (c) => `TCCC refused a parameter value of ${c.action}.${said(c)} Correct the request and try again.`,
  },
  {
    code: 'MissingParameter*',
    retry: 'never',
    sentence: (c) => `TCCC says ${c.action} lacks a required parameter.${said(c)} This is a ccops fault; report it with the request id.`,
  },
  {
    code: 'UnknownParameter*',
    retry: 'never',
    sentence: (c) => `TCCC does not know a parameter ccops sent with ${c.action}.${said(c)} This is a ccops fault; report it with the request id.`,
  },
  {
    code: 'ResourceNotFound*',
    retry: 'never',
    sentence: (c) => `TCCC found nothing matching the request.${said(c)}`,
  },
  {
    code: 'FailedOperation.CurStateNotAllowModify',
    retry: 'never',
    sentence: () =>
      "The agent's current state does not allow this change (for example the agent is offline). Bring the agent online first, or choose another state.",
  },
  {
    code: 'FailedOperation.SeatStatusBusy',
    retry: 'never',
    sentence: () => 'The agent is busy on a call, so TCCC will not change their status now. Try again when the call has ended.',
  },
  {
    code: 'FailedOperation.PermissionDenied',
    retry: 'never',
    sentence: (c) => `TCCC denied ${c.action} for this account.${said(c)}`,
  },
  {
    code: 'FailedOperation.DuplicatedAccount',
    retry: 'never',
    sentence: () => 'TCCC says the agent account already exists.',
  },
  {
    code: 'FailedOperation*',
    retry: 'never',
    sentence: (c) => `TCCC could not carry out ${c.action}.${said(c)}`,
  },
  {
    code: 'InternalError*',
    retry: 'reads',
    sentence: (c) =>
      c.write
        ? `Tencent Cloud had an internal error during ${c.action}; the change may or may not have been applied. Check the current state before trying again.`
        : `Tencent Cloud had an internal error during ${c.action}. Try again in a moment; if it persists, report it to Tencent with the request id.`,
  },
  {
    code: 'ServiceUnavailable*',
    retry: 'reads',
    sentence: (c) => `Tencent Cloud's TCCC service is temporarily unavailable (${c.action}). Try again in a minute.`,
  },
  {
    code: 'ResourceUnavailable*',
    retry: 'reads',
    sentence: (c) => `The TCCC resource is temporarily unavailable (${c.action}).${said(c)} Try again in a minute.`,
  },
  {
    code: 'ResourceInUse*',
    retry: 'never',
    sentence: (c) => `The TCCC resource is in use by another operation.${said(c)}`,
  },
  {
    code: 'ResourceInsufficient*',
    retry: 'never',
    sentence: (c) => `The TCCC application lacks the resources for ${c.action} (seats, numbers or package minutes).${said(c)}`,
  },
  {
    code: 'LimitExceeded*',
    retry: 'never',
    sentence: (c) => `A TCCC quota was exceeded by ${c.action}.${said(c)}`,
  },
  {
    code: 'IpInBlacklist',
    retry: 'never',
    sentence: () => "Tencent Cloud blocks this server's IP address. Remove it from the blacklist in the Tencent Cloud console.",
  },
  {
    code: 'IpNotInWhitelist',
    retry: 'never',
    sentence: () => "This server's IP address is not on the API key's IP whitelist. Add it in the Tencent Cloud console (CAM > API keys).",
  },
  {
    code: 'OperationDenied*',
    retry: 'never',
    sentence: (c) => `Tencent Cloud denied ${c.action} for this account.${said(c)}`,
  },
  {
    code: 'InvalidAction',
    retry: 'never',
    sentence: (c) => `TCCC does not offer the action ${c.action} (API 2020-02-10). This is a ccops fault; report it.`,
  },
  {
    code: 'ActionOffline',
    retry: 'never',
    sentence: (c) => `Tencent has taken the action ${c.action} offline. ccops needs an update for this vendor.`,
  },
  { code: 'NoSuchVersion', retry: 'never', sentence: () => 'TCCC does not accept API version 2020-02-10 at this endpoint. Check endpoint in the profile.' },
  { code: 'NoSuchProduct', retry: 'never', sentence: () => 'The endpoint in this profile is not a TCCC endpoint. Use https://ccc.tencentcloudapi.com (or the .intl. host).' },
  { code: 'UnsupportedRegion', retry: 'never', sentence: () => 'TCCC is not offered in the region set in this profile. Remove region, or set one TCCC supports.' },
  { code: 'UnsupportedProtocol', retry: 'never', sentence: () => 'The endpoint refused the protocol: use an https:// endpoint.' },
  { code: 'UnsupportedOperation*', retry: 'never', sentence: (c) => `TCCC does not support this use of ${c.action}.${said(c)}` },
  { code: 'RequestSizeLimitExceeded', retry: 'never', sentence: (c) => `The ${c.action} request was too large for Tencent Cloud; ask for less at a time.` },
  { code: 'ResponseSizeLimitExceeded', retry: 'never', sentence: (c) => `The answer to ${c.action} would be too large; ask for a smaller page or window.` },
  { code: 'InvalidRequest', retry: 'never', sentence: (c) => `Tencent Cloud could not read the ${c.action} request.${said(c)} This is a ccops fault; report it.` },
  { code: 'DryRunOperation', retry: 'never', sentence: (c) => `${c.action} was only checked (dry run), not carried out.` },
];

function matches(rule: string, code: string): boolean {
  if (!rule.endsWith('*')) return rule === code;
  const family = rule.slice(0, -1);
  return code === family || code.startsWith(`${family}.`);
}

export function retryKindOf(code: string): RetryKind {
  return RULES.find((r) => matches(r.code, code))?.retry ?? 'never';
}

/** Throttling asks for a pause: TCCC counts requests per second. */
const THROTTLE_PAUSE_MS = 1_000;

/** The VendorError for a Tencent error code. */
export function tencentError(code: string, c: ErrorContext): VendorError {
  const rule = RULES.find((r) => matches(r.code, code));
  const retry = rule?.retry ?? 'never';
  const message = rule
    ? rule.sentence(c)
    : `TCCC refused ${c.action} with ${code}.${said(c)}`;
  return new VendorError({
    vendor: VENDOR,
    vendorCode: code,
    message,
    requestId: c.requestId,
    httpStatus: c.httpStatus,
    // `resign` is handled (once) inside the client; if it still fails, the clock is wrong.
    retryable: retry === 'always' || (retry === 'reads' && !c.write),
    retryAfterMs: retry === 'always' ? THROTTLE_PAUSE_MS : undefined,
    ...(c.vendorMessage !== undefined ? { vendorMessage: maskPhonesIn(c.vendorMessage) } : {}),
  });
}

/** Documented codes, for the tests and the simulator (the table above is the source of truth). */
export const DOCUMENTED_CODES = RULES.map((r) => r.code);
