// Pure parts of the TCCC vendor: every example JSON (notes and seed page)
// parses into the domain; the EndStatus table, status table, windows, cursor
// and the error table behave as documented.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgentState, CallRecord, isAbandoned } from '../../shared/domain.ts';
import type { HttpRequest, HttpResponse, Transport } from '../../shared/http.ts';
import { TcccClient } from '../../shared/vendors/tencent-tccc/client.ts';
import { DOCUMENTED_CODES, retryKindOf, tencentError } from '../../shared/vendors/tencent-tccc/errors.ts';
import {
  DescribeSessionDetailResponse,
  DescribeStaffStatusMetricsResponse,
  DescribeTelCdrResponse,
  END_STATUS,
  mapSessionDetail,
  mapSetStaffStatusItem,
  mapStaffStatus,
  mapTelCdr,
  outcomeOf,
  SetStaffStatusResponse,
  stateOf,
} from '../../shared/vendors/tencent-tccc/mapping.ts';
import {
  decodeCursor,
  encodeCursor,
  MAX_WINDOW_SECONDS,
  splitWindow,
} from '../../shared/vendors/tencent-tccc/windows.ts';

const examples = JSON.parse(readFileSync(new URL('../fixtures/tencent-tccc/examples.json', import.meta.url), 'utf8'));

/** The vendor's fixed answer: what arrives over the wire, nothing of ours replaced. */
class FixedAnswer implements Transport {
  readonly sent: HttpRequest[] = [];
  readonly answer: HttpResponse;
  constructor(answer: HttpResponse) {
    this.answer = answer;
  }
  async send(req: HttpRequest): Promise<HttpResponse> {
    this.sent.push(req);
    return this.answer;
  }
  async close(): Promise<void> {}
}

describe('examples parse into the domain', () => {
  it('SetStaffStatus official example: the item becomes a ready agent', () => {
    const r = SetStaffStatusResponse.parse(examples.setStaffStatus.response.Response);
    const item = r.StaffStatusList![0]!;
    const state = AgentState.parse(mapSetStaffStatusItem('sz', item, new Date('2026-01-01T00:00:00Z')));
    expect(state).toMatchObject({ agentId: 'weijuny***nt.com', state: 'ready', vendorState: 'free' });
    expect(state.raw).toMatchObject({ PreviousStatus: 'rest' });
    // The request example is what the adapter sends for a ready agent with a reason.
    expect(examples.setStaffStatus.request.StaffStatusList[0]).toMatchObject({ Status: 'free' });
  });

  it('the error envelope example becomes a VendorError with its request id', async () => {
    const transport = new FixedAnswer({ status: 200, headers: {}, body: JSON.stringify(examples.errorEnvelope.response) });
    const client = new TcccClient({ endpoint: 'https://ccc.tencentcloudapi.com', transport, sign: () => ({ Authorization: 'x' }) });
    const err = await client.call('DescribeTelCdr', {}, DescribeTelCdrResponse, { write: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'ccops_vendor_error',
      vendor: 'tencent-tccc',
      vendorCode: 'AuthFailure.SignatureFailure',
      requestId: 'ed93f3cb-…',
      retryable: false,
    });
    expect((err as Error).message).toMatch(/SecretKey does not belong to the SecretId/);
    expect(transport.sent).toHaveLength(1); // a bad signature is not re-signed
  });

  it('every Web SDK agent status (seed page) maps to a normalized state', () => {
    const got = examples.webSdkAgentStatuses.statusChangedEvents.map((e: { status: string }) => [e.status, stateOf(e.status)]);
    expect(Object.fromEntries(got)).toEqual({ free: 'ready', busy: 'talking', arrange: 'acw', notReady: 'not_ready', rest: 'break' });
  });

  it('DescribeTelCdr records become call records (abandoned in queue; answered)', () => {
    const r = DescribeTelCdrResponse.parse(examples.describeTelCdr.response.Response);
    const [abandoned, answered] = r.TelCdrList!.map((c) => CallRecord.parse(mapTelCdr('sz', c)));
    expect(abandoned).toMatchObject({
      id: '1f0c3b5e-3a2d-4c1e-9b8a-7d6e5f4a3b2c',
      direction: 'inbound',
      outcome: 'abandoned_in_queue',
      vendorOutcome: 'waitingGiveUp (103)',
      agents: [],
      skillGroup: 'Support',
      queuedAt: '2025-11-13T02:13:32.000Z',
      releasedBy: 'customer',
      durations: { total: 95, queue: 83 },
    });
    expect(abandoned!.answeredAt).toBeUndefined();
    expect(answered).toMatchObject({
      outcome: 'answered',
      agents: ['li.na@example.com'],
      releasedBy: 'agent',
      durations: { total: 233, talk: 185, ring: 8, queue: 31 },
    });
    // Unmapped fields stay in raw.
    expect(answered!.raw).toMatchObject({ RecordId: 'rec-1', AsrStatus: 'Complete' });
  });

  it('a DescribeSessionDetail answer becomes a call record (abandoned while ringing)', () => {
    const d = DescribeSessionDetailResponse.parse(examples.describeSessionDetail.response.Response);
    const call = CallRecord.parse(mapSessionDetail('sz', examples.describeSessionDetail.sessionId, d));
    expect(call).toMatchObject({
      id: examples.describeSessionDetail.sessionId,
      direction: 'inbound',
      outcome: 'abandoned_ringing',
      vendorOutcome: 'ringingGiveUp (104)',
      agents: ['wang.fang@example.com'],
      durations: { total: 81, queue: 60, ring: 6 },
    });
    expect(call.raw).not.toHaveProperty('RequestId');
    expect(call.raw).toHaveProperty('Events');
  });

  it('DescribeStaffStatusMetrics entries become agent states', () => {
    const r = DescribeStaffStatusMetricsResponse.parse(examples.describeStaffStatusMetrics.response.Response);
    const [resting, busy] = r.Metrics!.map((m) => AgentState.parse(mapStaffStatus('sz', m)));
    expect(resting).toMatchObject({ agentId: 'li.na@example.com', state: 'break', reason: 'lunch', vendorState: 'rest', since: '2025-11-13T03:03:20.000Z' });
    expect(busy).toMatchObject({ state: 'talking', vendorState: 'busy' });
    expect(busy!.reason).toBeUndefined();
  });
});

describe('EndStatus table', () => {
  it('abandoned means inbound 102, 103, 104; 105 and 106 are missed', () => {
    expect(outcomeOf(102, 'inbound', false)).toBe('abandoned_ivr');
    expect(outcomeOf(103, 'inbound', false)).toBe('abandoned_in_queue');
    expect(outcomeOf(104, 'inbound', false)).toBe('abandoned_ringing');
    expect(outcomeOf(105, 'inbound', false)).toBe('missed');
    expect(outcomeOf(106, 'inbound', false)).toBe('missed');
    const abandonedCodes = Object.keys(END_STATUS)
      .map(Number)
      .filter((code) => isAbandoned(outcomeOf(code, 'inbound', false)));
    expect(abandonedCodes).toEqual([102, 103, 104]);
  });

  it('an abandon code on a call that is not inbound is not an abandoned call', () => {
    expect(outcomeOf(103, 'outbound', false)).toBe('failed');
  });

  it('covers every documented code, and unknown codes fall back on whether an agent answered', () => {
    const documented = [1, 17, 100, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 215, 216, 217, 218, 219, 220, 221, 222, 225, 226, 227, 228, 229, 230, 231, 232, 233, 501, 502, 503];
    for (const code of documented) expect(END_STATUS[code], String(code)).toBeDefined();
    expect(outcomeOf(999, 'inbound', true)).toBe('answered');
    expect(outcomeOf(999, 'inbound', false)).toBe('failed');
  });
});

describe('DescribeTelCdr windows and cursors', () => {
  it('splits a long range into windows shorter than 90 days that neither overlap nor leave gaps', () => {
    const start = 1_700_000_000;
    const end = start + 200 * 86_400;
    const windows = splitWindow(start, end);
    expect(windows).toHaveLength(3);
    expect(windows[0]!.start).toBe(start);
    expect(windows.at(-1)!.end).toBe(end);
    for (const [i, w] of windows.entries()) {
      expect(w.end - w.start).toBeLessThan(90 * 86_400);
      expect(w.end - w.start).toBeLessThanOrEqual(MAX_WINDOW_SECONDS);
      if (i > 0) expect(w.start).toBe(windows[i - 1]!.end + 1);
    }
    expect(splitWindow(start, start + 60)).toEqual([{ start, end: start + 60 }]);
  });

  it('round-trips a cursor and refuses a foreign one with a sentence', () => {
    const c = { w: 1_700_000_000, p: 3, i: 7, s: 100 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(() => decodeCursor('not-a-cursor')).toThrow(/start the listing again/);
  });
});

describe('error table', () => {
  it('retries throttling (all sub-codes), re-signs an expired signature, never retries the rest', () => {
    for (const code of ['RequestLimitExceeded', 'RequestLimitExceeded.UinLimitExceeded', 'RequestLimitExceeded.IPLimitExceeded', 'RequestLimitExceeded.GlobalRegionUinLimitExceeded']) {
      expect(retryKindOf(code)).toBe('always');
      const e = tencentError(code, { action: 'SetStaffStatus', write: true });
      expect(e.retryable).toBe(true);
      expect(e.retryAfterMs).toBeGreaterThan(0);
    }
    expect(retryKindOf('AuthFailure.SignatureExpire')).toBe('resign');
    expect(tencentError('AuthFailure.SignatureExpire', { action: 'X', write: false }).retryable).toBe(false);
    for (const code of ['AuthFailure.SecretIdNotFound', 'AuthFailure.SignatureFailure', 'InvalidParameter', 'InvalidParameterValue.AccountNotExist', 'ResourceNotFound', 'FailedOperation.SeatStatusBusy', 'UnauthorizedOperation', 'LimitExceeded.OutOfCountLimit']) {
      expect(tencentError(code, { action: 'X', write: false }).retryable, code).toBe(false);
    }
  });

  it('retries server errors for reads only (a write may have been applied)', () => {
    expect(tencentError('InternalError', { action: 'DescribeTelCdr', write: false }).retryable).toBe(true);
    expect(tencentError('InternalError.DBError', { action: 'DescribeTelCdr', write: false }).retryable).toBe(true);
    const write = tencentError('InternalError', { action: 'SetStaffStatus', write: true });
    expect(write.retryable).toBe(false);
    expect(write.message).toMatch(/may or may not have been applied/);
  });

  it('gives every documented code a sentence, and unknown codes one too', () => {
    for (const rule of DOCUMENTED_CODES) {
      const code = rule.replace(/\*$/, '.Something');
      const e = tencentError(code, { action: 'DescribeTelCdr', write: false, vendorMessage: 'detail', requestId: 'r-1' });
      expect(e.message, code).toMatch(/^[A-Z].*[.)]$/);
      expect(e.message).not.toMatch(/undefined/);
      expect(e).toMatchObject({ vendor: 'tencent-tccc', vendorCode: code, requestId: 'r-1', vendorMessage: 'detail' });
    }
    const withNumber = tencentError('InvalidParameterValue', { action: 'DescribeTelCdr', write: false, vendorMessage: 'Phones 008613012345678 is invalid' });
    expect(withNumber.message).toContain('0086130****');
    expect(withNumber.message).not.toContain('13012345678');
    expect(withNumber.vendorMessage).toBe('Phones 0086130**** is invalid');
    expect(tencentError('Brand.NewCode', { action: 'X', write: false, vendorMessage: 'why' }).message).toBe(
      'TCCC refused X with Brand.NewCode. Tencent said: "why".',
    );
  });
});
