// From an Alibaba Cloud error answer to a VendorError: the vendor's code and
// request id, a sentence a supervisor understands, and whether retrying can
// help. The gateway's own codes (signature, throttling, …) are shared by every
// Alibaba product; each vendor adds its business codes in its own table.
import { z } from 'zod/v4';
import { VendorError } from '../../errors.ts';
import { maskPhonesIn } from '../../mask.ts';

export interface AliyunErrorContext {
  action: string;
  httpStatus: number;
  /** The vendor's message, phone numbers masked, without its final full stop. */
  vendorMessage: string;
}

export interface AliyunErrorEntry {
  /** What happened and what to do, for a supervisor. */
  message: string | ((ctx: AliyunErrorContext) => string);
  retryable: boolean;
}

/** Exact codes, or `Prefix.*` entries that cover a family (`Throttling.*`). */
export type AliyunErrorTable = Readonly<Record<string, AliyunErrorEntry>>;

/** Codes the API gateway answers for any Alibaba Cloud product (notes §1.6). */
export const ALIYUN_GATEWAY_ERRORS: AliyunErrorTable = {
  SignatureDoesNotMatch: {
    message:
      'Alibaba Cloud rejected the request signature. The AccessKey secret in the configuration is probably wrong: check accessKeySecret for this center.',
    retryable: false,
  },
  IncompleteSignature: {
    message: 'Alibaba Cloud says the request signature is incomplete. This is a ccops bug or a proxy altering requests; report it with the request id.',
    retryable: false,
  },
  IllegalTimestamp: {
    message:
      "Alibaba Cloud refused the request because this machine's clock is more than 15 minutes off. Fix the system clock (NTP) and try again.",
    retryable: false,
  },
  SignatureNonceUsed: {
    message: 'Alibaba Cloud saw this request twice (its nonce was already used). Nothing was done twice; send the command again.',
    retryable: false,
  },
  'InvalidAccessKeyId.NotFound': {
    message: 'Alibaba Cloud does not know the AccessKey id in the configuration. Check accessKeyId for this center.',
    retryable: false,
  },
  'InvalidAccessKeyId.Inactive': {
    message: 'The AccessKey in the configuration is disabled. Enable it in the RAM console or configure another one.',
    retryable: false,
  },
  InvalidSecurityToken: {
    message: 'The STS security token is invalid or expired. Refresh the temporary credentials for this center.',
    retryable: false,
  },
  'Forbidden.RAM': {
    message: 'The RAM user of this AccessKey is not allowed to do this. Ask an administrator to grant the contact-center permission.',
    retryable: false,
  },
  'InvalidAction.NotFound': {
    message: (c) => `Alibaba Cloud does not offer the action ${c.action} at this endpoint. Check the endpoint URL of this center.`,
    retryable: false,
  },
  Throttling: {
    message: 'Alibaba Cloud is limiting the request rate. Wait a moment and try again; if this persists, send fewer requests.',
    retryable: true,
  },
  'Throttling.User': {
    message: 'This Alibaba Cloud account sent too many requests (user flow control). Wait a moment and try again.',
    retryable: true,
  },
  'Throttling.Api': {
    message: (c) => `Alibaba Cloud is limiting calls to ${c.action} for everyone right now. Wait a moment and try again.`,
    retryable: true,
  },
  'Throttling.*': {
    message: 'Alibaba Cloud is limiting the request rate. Wait a moment and try again.',
    retryable: true,
  },
  InternalError: {
    message: 'Alibaba Cloud had an internal error. It is usually temporary: try again in a minute.',
    retryable: true,
  },
  ServiceUnavailable: {
    message: 'The Alibaba Cloud service is unavailable right now. Try again in a minute; if it persists, check the Alibaba Cloud status page.',
    retryable: true,
  },
};

/** Error body, leniently: gateway `{RequestId, HostId, Code, Message, Recommend}`, business envelope, or lower-case keys. */
export const AliyunErrorBody = z.looseObject({
  RequestId: z.string().optional(),
  requestId: z.string().optional(),
  HostId: z.string().optional(),
  Code: z.union([z.string(), z.number()]).optional(),
  code: z.union([z.string(), z.number()]).optional(),
  Message: z.string().optional(),
  message: z.string().optional(),
  Recommend: z.string().optional(),
});

export interface ParsedAliyunError {
  code: string;
  message: string;
  requestId?: string;
  hostId?: string;
  recommend?: string;
}

export function parseAliyunError(status: number, body: unknown): ParsedAliyunError {
  const parsed = AliyunErrorBody.safeParse(body);
  const b = parsed.success ? parsed.data : {};
  const code = b.Code ?? b.code;
  return {
    code: code === undefined || code === '' ? `HTTP${status}` : String(code),
    message: b.Message ?? b.message ?? '',
    requestId: b.RequestId ?? b.requestId,
    hostId: b.HostId,
    recommend: b.Recommend,
  };
}

/** `x-acs-retry-after` in milliseconds (the unit the SDK's own test uses). */
export function retryAfterMs(headers: Record<string, string>): number | undefined {
  const raw = headers['x-acs-retry-after'];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? Math.round(n) : undefined;
}

export function lookupError(code: string, table: AliyunErrorTable): AliyunErrorEntry | undefined {
  const exact = table[code] ?? ALIYUN_GATEWAY_ERRORS[code];
  if (exact) return exact;
  const dot = code.indexOf('.');
  if (dot < 0) return undefined;
  const family = `${code.slice(0, dot)}.*`;
  return table[family] ?? ALIYUN_GATEWAY_ERRORS[family];
}

/** Unknown codes: 5xx and 429 are worth retrying, other 4xx are not. */
export function fallbackEntry(status: number, code: string): AliyunErrorEntry {
  if (status >= 500 || status === 429) {
    return {
      message: `Alibaba Cloud failed with a server error (HTTP ${status}, ${code}). It is usually temporary: try again in a minute.`,
      retryable: true,
    };
  }
  return {
    message: (c) =>
      `Alibaba Cloud refused ${c.action} (HTTP ${status}, ${code})${c.vendorMessage ? `: ${c.vendorMessage}` : ''}.`,
    retryable: false,
  };
}

export interface ToVendorErrorInput {
  vendor: string;
  action: string;
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body, or undefined when it was not JSON. */
  body: unknown;
  table: AliyunErrorTable;
}

export function toVendorError(input: ToVendorErrorInput): VendorError {
  const e = parseAliyunError(input.status, input.body);
  const entry = lookupError(e.code, input.table) ?? fallbackEntry(input.status, e.code);
  const vendorMessage = maskPhonesIn(e.message);
  // Sentences quote the vendor's words in parentheses; its closing full stop would double ours.
  const ctx: AliyunErrorContext = { action: input.action, httpStatus: input.status, vendorMessage: vendorMessage.replace(/[\s.。]+$/u, '') };
  const message = typeof entry.message === 'function' ? entry.message(ctx) : entry.message;
  return new VendorError({
    vendor: input.vendor,
    vendorCode: e.code,
    message,
    requestId: e.requestId,
    httpStatus: input.status,
    retryable: entry.retryable,
    retryAfterMs: retryAfterMs(input.headers),
    vendorMessage,
  });
}
