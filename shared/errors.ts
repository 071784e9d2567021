// Coded errors. Callers match on `code` (stable strings), not on instanceof,
// which breaks across bundles (the n8n packages carry their own copy).
import type { z } from 'zod/v4';

export const ErrorCode = {
  Vendor: 'ccops_vendor_error',
  Unsupported: 'ccops_unsupported_operation',
  InvalidInput: 'ccops_invalid_input',
  Config: 'ccops_config_error',
  Transport: 'ccops_transport_error',
  Unknown: 'ccops_unknown_error',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export abstract class CcopsError extends Error {
  abstract readonly code: ErrorCode;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export interface VendorErrorDetails {
  vendor: string;
  /** The vendor's own error code, e.g. `InvalidOperation.UserState`, `100-006`. */
  vendorCode: string;
  /** A sentence a supervisor understands: what happened and what to do. */
  message: string;
  requestId?: string;
  httpStatus?: number;
  retryable: boolean;
  /** The vendor asked us to wait this long before retrying. */
  retryAfterMs?: number;
  /** The vendor's message, verbatim, for logs. */
  vendorMessage?: string;
}

/** The vendor answered and refused or failed the request. */
export class VendorError extends CcopsError {
  readonly code = ErrorCode.Vendor;
  readonly vendor: string;
  readonly vendorCode: string;
  readonly requestId: string | undefined;
  readonly httpStatus: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly vendorMessage: string | undefined;

  constructor(d: VendorErrorDetails, options?: ErrorOptions) {
    super(d.message, options);
    this.vendor = d.vendor;
    this.vendorCode = d.vendorCode;
    this.requestId = d.requestId;
    this.httpStatus = d.httpStatus;
    this.retryable = d.retryable;
    this.retryAfterMs = d.retryAfterMs;
    this.vendorMessage = d.vendorMessage;
  }

  toJSON() {
    return {
      code: this.code,
      vendor: this.vendor,
      vendorCode: this.vendorCode,
      message: this.message,
      requestId: this.requestId,
      httpStatus: this.httpStatus,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

/** The vendor has no such operation; the message says what it offers instead. */
export class UnsupportedOperation extends CcopsError {
  readonly code = ErrorCode.Unsupported;
  readonly vendor: string;
  readonly operation: string;
  constructor(vendor: string, operation: string, message: string) {
    super(message);
    this.vendor = vendor;
    this.operation = operation;
  }
}

export interface InputIssue {
  path: string;
  message: string;
}

/** Bad input, refused before any request is sent. */
export class InvalidInput extends CcopsError {
  readonly code = ErrorCode.InvalidInput;
  readonly issues: InputIssue[];
  constructor(message: string, issues: InputIssue[] = []) {
    super(message);
    this.issues = issues;
  }

  static fromZod(what: string, error: z.ZodError): InvalidInput {
    const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const text = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    return new InvalidInput(`Invalid ${what}: ${text}`, issues);
  }
}

export class ConfigError extends CcopsError {
  readonly code = ErrorCode.Config;
}

/**
 * The request did not get a complete answer. `sent` tells whether the vendor
 * may have received it: a write whose request was sent may have been applied.
 */
export class TransportError extends CcopsError {
  readonly code = ErrorCode.Transport;
  /** undici's code (UND_ERR_CONNECT_TIMEOUT, …) or the system's (ECONNRESET, …). */
  readonly transportCode: string;
  readonly sent: boolean;
  constructor(message: string, transportCode: string, sent: boolean, options?: ErrorOptions) {
    super(message, options);
    this.transportCode = transportCode;
    this.sent = sent;
  }
}

export class UnknownError extends CcopsError {
  readonly code = ErrorCode.Unknown;
}

export function isCcopsError(e: unknown): e is CcopsError {
  const code: unknown = e instanceof Error ? (e as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ccops_');
}

/** Every boundary (CLI, workers, bot, nodes) sees a coded error, cause kept. */
export function asCcopsError(e: unknown): CcopsError {
  if (isCcopsError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new UnknownError(`Unexpected error: ${message}`, { cause: e });
}
