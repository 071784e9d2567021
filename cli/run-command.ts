// Runs one parsed command against a contact center: retries what may be
// retried, follows a pending result to its end, and maps the result to an
// exit code that tells success, user error and vendor error apart.
import type { Outcome } from '../shared/domain.ts';
import { ErrorCode, asCcopsError, type CcopsError } from '../shared/errors.ts';
import type { Command } from '../shared/grammar.ts';
import { commandToOperation, runOperation, type OperationValue } from '../shared/operations.ts';
import { waitForOutcome } from '../shared/outcome.ts';
import { WRITE_OPERATIONS, type ContactCenter } from '../shared/port.ts';
import { defaultRetryPolicy, withRetry } from '../shared/retry.ts';

export const ExitCode = {
  Ok: 0,
  Unexpected: 1,
  /** Bad command or input, unknown center, unsupported operation, bad configuration. */
  UserError: 2,
  /** The vendor refused or failed the operation (or a pending result failed). */
  VendorError: 3,
  /** The vendor could not be reached. */
  NetworkError: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(error: CcopsError): ExitCode {
  switch (error.code) {
    case ErrorCode.InvalidInput:
    case ErrorCode.Unsupported:
    case ErrorCode.Config:
      return ExitCode.UserError;
    case ErrorCode.Vendor:
      return ExitCode.VendorError;
    case ErrorCode.Transport:
      return ExitCode.NetworkError;
    default:
      return ExitCode.Unexpected;
  }
}

export interface RunIo {
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  onProgress: (outcome: Outcome<OperationValue>) => void;
  onRetry: (error: unknown, delayMs: number) => void;
  signal?: AbortSignal;
}

export type RunResult =
  | { kind: 'outcome'; outcome: Outcome<OperationValue>; exitCode: ExitCode }
  | { kind: 'error'; error: CcopsError; exitCode: ExitCode };

export async function runCommand(center: ContactCenter, command: Command, io: RunIo): Promise<RunResult> {
  try {
    const request = commandToOperation(command, io.now());
    if (!request) throw new Error('help has no operation');
    const write = WRITE_OPERATIONS.includes(request.op);
    const first = await withRetry(() => runOperation(center, request.op, request.input, { signal: io.signal }), defaultRetryPolicy, {
      write,
      signal: io.signal,
      onRetry: io.onRetry,
    });
    if (first.status === 'pending') io.onProgress(first);
    const outcome = await waitForOutcome(center, first, {
      sleep: io.sleep,
      now: io.now,
      onProgress: io.onProgress,
      signal: io.signal,
    });
    return { kind: 'outcome', outcome, exitCode: outcome.status === 'done' ? ExitCode.Ok : ExitCode.VendorError };
  } catch (e) {
    const error = asCcopsError(e);
    return { kind: 'error', error, exitCode: exitCodeFor(error) };
  }
}
