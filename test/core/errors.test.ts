// One table over every error class in shared/errors.ts: its stable code, its
// name, the fields it carries, and that asCcopsError keeps coded errors and
// wraps anything else (the cause kept).
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import {
  asCcopsError,
  type CcopsError,
  ConfigError,
  ErrorCode,
  InvalidInput,
  isCcopsError,
  TransportError,
  UnknownError,
  UnsupportedOperation,
  VendorError,
} from '../../shared/errors.ts';

const vendor = new VendorError({
  vendor: 'aliyun-ccc',
  vendorCode: 'Throttling.User',
  message: 'Wait a moment and try again.',
  requestId: 'r-1',
  httpStatus: 400,
  retryable: true,
  retryAfterMs: 1000,
  vendorMessage: 'Request was denied due to user flow control.',
});

const scenarios: Array<[string, CcopsError, string, Record<string, unknown>]> = [
  ['VendorError', vendor, ErrorCode.Vendor, { vendor: 'aliyun-ccc', vendorCode: 'Throttling.User', requestId: 'r-1', httpStatus: 400, retryable: true, retryAfterMs: 1000 }],
  ['UnsupportedOperation', new UnsupportedOperation('tencent-tccc', 'startConference', 'TCCC has no server-side conference.'), ErrorCode.Unsupported, { vendor: 'tencent-tccc', operation: 'startConference' }],
  ['InvalidInput', new InvalidInput('Invalid conference: tags too long', [{ path: 'tags', message: 'too long' }]), ErrorCode.InvalidInput, { issues: [{ path: 'tags', message: 'too long' }] }],
  ['ConfigError', new ConfigError('The configuration is not valid'), ErrorCode.Config, {}],
  ['TransportError', new TransportError('Network error', 'ECONNRESET', true), ErrorCode.Transport, { transportCode: 'ECONNRESET', sent: true }],
  ['UnknownError', new UnknownError('Unexpected error: boom'), ErrorCode.Unknown, {}],
];

describe('error classes', () => {
  it.each(scenarios)('%s', (name, error, code, fields) => {
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(code.startsWith('ccops_')).toBe(true);
    expect(error).toMatchObject(fields);
    expect(isCcopsError(error)).toBe(true);
    expect(asCcopsError(error)).toBe(error);
  });

  it('every ErrorCode has a class in the table', () => {
    expect(new Set(scenarios.map(([, , c]) => c))).toEqual(new Set(Object.values(ErrorCode)));
  });

  it('VendorError serialises without the vendor text but with what a user needs', () => {
    expect(JSON.parse(JSON.stringify(vendor))).toEqual({
      code: 'ccops_vendor_error',
      vendor: 'aliyun-ccc',
      vendorCode: 'Throttling.User',
      message: 'Wait a moment and try again.',
      requestId: 'r-1',
      httpStatus: 400,
      retryable: true,
      retryAfterMs: 1000,
    });
  });

  it('InvalidInput.fromZod names each field', () => {
    const r = z.object({ a: z.string(), b: z.number() }).safeParse({ a: 1 });
    if (r.success) throw new Error('unreachable');
    const e = InvalidInput.fromZod('thing', r.error);
    expect(e.issues.map((i) => i.path)).toEqual(['a', 'b']);
    expect(e.message).toMatch(/^Invalid thing: a: .+; b: .+/);
  });

  it.each([
    [new Error('boom'), 'Unexpected error: boom'],
    ['text', 'Unexpected error: text'],
    [Object.assign(new Error('x'), { code: 'ECONNRESET' }), 'Unexpected error: x'],
  ])('asCcopsError wraps %s', (input, message) => {
    const e = asCcopsError(input);
    expect(e).toMatchObject({ code: 'ccops_unknown_error', message });
    expect(e.cause).toBe(input);
  });
});
