// The error bodies in the notes, read into VendorError without a server.
import { describe, expect, it } from 'vitest';
import { decideRetry } from '../../shared/retry.ts';
import { toVendorError } from '../../shared/vendors/aliyun/index.ts';
import { aiccsErrorTable, isAiccsBodyError, withAgent } from '../../shared/vendors/aliyun-aiccs/errors.ts';
import notes from '../fixtures/aliyun-aiccs/notes-examples.json' with { type: 'json' };

const table = aiccsErrorTable('ccc_xp_pre-cn-test');
const read = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  toVendorError({ vendor: 'aliyun-aiccs', action: 'GetHotlineAgentStatus', status, headers, body, table });

describe('AICCS error bodies', () => {
  it('reads the gateway error example of the notes (an unknown code: not retried at 4xx)', () => {
    const e = read(404, notes.gatewayErrorExample.body);
    expect(e).toMatchObject({
      vendor: 'aliyun-aiccs',
      vendorCode: 'InvalidImageId.NotFound',
      requestId: '6BE56E05-…',
      httpStatus: 404,
      retryable: false,
      vendorMessage: 'The specified ImageId does not exist.',
    });
    expect(e.message).toContain('The specified ImageId does not exist.');
  });

  it.each(notes.documentedErrors.codes)('reads the AICCS envelope with %s at HTTP 500', (code) => {
    const body = { RequestId: 'R-1', Code: code, Success: false, Message: 'x', HttpStatusCode: notes.documentedErrors.httpStatus };
    const e = read(500, body);
    expect(e.vendorCode).toBe(code);
    expect(e.requestId).toBe('R-1');
    // documented as HTTP 500, but only SystemError is worth another attempt
    expect(e.retryable).toBe(code === 'SystemError');
    expect(decideRetry(e, 1).retry).toBe(code === 'SystemError');
  });

  it('a 200 answer with Success false is an error', () => {
    expect(isAiccsBodyError({ Success: false, Code: 'NoAgentFound' })).toBe(true);
    expect(isAiccsBodyError({ Success: true, Code: 'Success' })).toBe(false);
    expect(isAiccsBodyError({ Code: 'Success' })).toBe(false);
  });

  it('NoTenantFound names the configured instance; NoAgentFound names the agent once the client knows it', () => {
    expect(read(500, { Code: 'NoTenantFound' }).message).toContain('ccc_xp_pre-cn-test');
    const named = withAgent(read(500, { Code: 'NoAgentFound' }), 'a@example.com') as Error;
    expect(named.message).toContain('"a@example.com"');
  });

  it('throttling keeps the gateway\'s x-acs-retry-after (ms)', () => {
    const e = read(400, { Code: 'Throttling.User', Message: 'Request was denied due to user flow control.' }, { 'x-acs-retry-after': '1200' });
    expect(e).toMatchObject({ retryable: true, retryAfterMs: 1200 });
  });
});
