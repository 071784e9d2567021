// Every documented CCC and gateway error, produced by the simulator over real
// HTTP, becomes a VendorError with the vendor's code, the request id, a
// sentence and the right retry decision; throttling is retried by withRetry
// after x-acs-retry-after, each attempt signed with a fresh nonce; transport
// faults; v2 signatures and STS tokens.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VendorError } from '../../shared/errors.ts';
import { parseConfig } from '../../shared/config.ts';
import { type Transport, UndiciTransport } from '../../shared/http.ts';
import { AliyunCccAdapter } from '../../shared/vendors/aliyun-ccc/adapter.ts';
import type { ContactCenter } from '../../shared/port.ts';
import { decideRetry, withRetry } from '../../shared/retry.ts';
import { CCC_ERRORS } from '../../shared/vendors/aliyun-ccc/errors.ts';
import { ALIYUN_GATEWAY_ERRORS } from '../../shared/vendors/aliyun/errors.ts';
import { type AliyunCccSim, startAliyunCccSim } from '../../sim/aliyun-ccc/index.ts';
import { cccCenter, thrown } from './helpers.ts';

let sim: AliyunCccSim;
let center: ContactCenter;
let transport: Transport;
const AGENT = 'agent@ccc-test';
const STS = { accessKeyId: 'STS.ccopsTemp', accessKeySecret: 'temp-secret', securityToken: 'sts-token-1' };

beforeAll(async () => {
  sim = await startAliyunCccSim({ historyHours: 1, sts: STS });
  ({ center, transport } = cccCenter(sim));
});
afterAll(async () => {
  await transport.close();
  await sim.close();
});
beforeEach(() => {
  sim.log.clear();
  sim.faults.clear();
  sim.errors.clear();
  sim.model.setAgentState(AGENT, 'READY');
});

/** [code, HTTP status, retryable]: every code the CCC reference pages list for the actions ccops uses, and the gateway's. */
const DOCUMENTED: Array<[string, number, boolean]> = [
  ['Parameter.Blank', 400, false],
  ['Parameter.Empty', 400, false],
  ['Parameter.Enumeration', 400, false],
  ['InvalidOperation.UserState', 400, false],
  ['InvalidOperation.ChannelState', 400, false],
  ['NotExists.InstanceId', 404, false],
  ['NotExists.UserId', 404, false],
  ['NotExists.Number', 404, false],
  ['Permission.Common', 403, false],
  ['Permission.SkillGroup', 403, false],
  ['InternalService.CTI', 500, true],
  ['InternalService.Common', 500, true],
  ['SignatureDoesNotMatch', 400, false],
  ['IncompleteSignature', 400, false],
  ['IllegalTimestamp', 400, false],
  ['SignatureNonceUsed', 400, false],
  ['InvalidAccessKeyId.NotFound', 404, false],
  ['Forbidden.RAM', 403, false],
  ['Throttling', 400, true],
  ['Throttling.User', 400, true],
  ['Throttling.Api', 400, true],
  ['InternalError', 500, true],
  ['ServiceUnavailable', 503, true],
  // Not documented: the fallback on the HTTP status.
  ['Some.NewCode', 502, true],
  ['Some.OtherCode', 409, false],
];

describe('every documented error code', () => {
  it('has its own entry in the CCC or gateway table', () => {
    for (const [code] of DOCUMENTED.filter(([c]) => !c.startsWith('Some.'))) {
      expect(CCC_ERRORS[code] ?? ALIYUN_GATEWAY_ERRORS[code], code).toBeDefined();
    }
  });

  it.each(DOCUMENTED)('%s (HTTP %i) -> VendorError, retryable %s', async (code, status, retryable) => {
    sim.errors.inject({ code, status, message: `simulated ${code} for 13175112345` }, { action: 'TakeBreak' });
    const e = await thrown(() => center.setAgentState({ agentId: AGENT, target: { kind: 'break', reason: 'lunch' } }));
    expect(e).toBeInstanceOf(VendorError);
    expect(e).toMatchObject({ code: 'ccops_vendor_error', vendor: 'aliyun-ccc', vendorCode: code, httpStatus: status, retryable, requestId: expect.stringMatching(/^[0-9A-F-]{36}$/) });
    // A sentence, never the vendor's words verbatim with a full phone number in it.
    expect(String(e.message)).toMatch(/^[A-Z].+[.)]$/);
    expect(String(e.message)).not.toContain('13175112345');
    expect(String(e.vendorMessage)).not.toContain('13175112345');
    // The retry policy follows the table for reads; a write is retried only if the vendor said so.
    expect(decideRetry(e, 1).retry).toBe(retryable);
  });
});

describe('gateway refusals from real conditions', () => {
  it('a wrong secret: SignatureDoesNotMatch', async () => {
    const { center: c, transport: t } = cccCenter(sim, { env: { CCOPS_DEMO_CCC_ACCESS_KEY_SECRET: 'wrong' } });
    expect(await thrown(() => c.getAgentState(AGENT))).toMatchObject({ vendorCode: 'SignatureDoesNotMatch', httpStatus: 400, retryable: false, message: expect.stringContaining('accessKeySecret') });
    await t.close();
  });

  it('an unknown AccessKey id: InvalidAccessKeyId.NotFound', async () => {
    const { center: c, transport: t } = cccCenter(sim, { profile: { accessKeyId: 'LTAI-nobody' } });
    expect(await thrown(() => c.getAgentState(AGENT))).toMatchObject({ vendorCode: 'InvalidAccessKeyId.NotFound', httpStatus: 404 });
    await t.close();
  });

  it('a clock 16 minutes off: IllegalTimestamp', async () => {
    const { center: c, transport: t } = cccCenter(sim, { deps: { now: () => new Date(sim.clock.nowMs() - 16 * 60_000) } });
    expect(await thrown(() => c.getAgentState(AGENT))).toMatchObject({ vendorCode: 'IllegalTimestamp', message: expect.stringContaining('clock') });
    await t.close();
  });

  it('a replayed nonce: SignatureNonceUsed', async () => {
    const { center: c, transport: t } = cccCenter(sim, { deps: { randomId: () => 'always-the-same-nonce' } });
    await c.getAgentState(AGENT);
    expect(await thrown(() => c.getAgentState(AGENT))).toMatchObject({ vendorCode: 'SignatureNonceUsed' });
    await t.close();
  });

  it('an unsigned request: IncompleteSignature', async () => {
    const t = new UndiciTransport();
    const profile = parseConfig({ centers: { s: sim.demo.profile } }, { env: sim.demo.env }).centers.s!;
    if (profile.vendor !== 'aliyun-ccc') throw new Error('unreachable');
    const unsigned = new AliyunCccAdapter({ center: 's', profile, deps: { transport: t }, sign: (r) => r });
    expect(await thrown(() => unsigned.getAgentState(AGENT))).toMatchObject({ vendorCode: 'IncompleteSignature', httpStatus: 400 });
    await t.close();
  });

  it('an instance that does not exist: NotExists.InstanceId', async () => {
    const { center: c, transport: t } = cccCenter(sim, { profile: { instanceId: 'ccc-nope' } });
    expect(await thrown(() => c.getAgentState('agent'))).toMatchObject({ vendorCode: 'NotExists.InstanceId', httpStatus: 404 });
    await t.close();
  });
});

describe('retries (withRetry decides; the client never retries)', () => {
  it('throttling: waits at least x-acs-retry-after, then succeeds; each attempt has a fresh nonce', async () => {
    sim.faults.inject({ kind: 'throttle', retryAfterMs: 40 }, { action: 'ListRealtimeAgentStates', times: 2 });
    const delays: number[] = [];
    const state = await withRetry(() => center.getAgentState(AGENT), { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 }, {
      onRetry: (e, ms) => {
        expect(e).toMatchObject({ vendorCode: 'Throttling.User', retryAfterMs: 40 });
        delays.push(ms);
      },
    });
    expect(state.state).toBe('ready');
    expect(delays).toEqual([40, 40]); // jitter alone would be < 5 ms
    const attempts = sim.log.entries({ action: 'ListRealtimeAgentStates' });
    expect(attempts.map((a) => a.status)).toEqual([400, 400, 200]);
    expect(new Set(attempts.map((a) => a.detail?.nonce)).size).toBe(3);
  });

  it('500 InternalError and 503 ServiceUnavailable are retried; a state refusal is not', async () => {
    sim.faults.inject({ kind: 'internal' }, { action: 'ListRealtimeAgentStates' });
    sim.faults.inject({ kind: 'unavailable' }, { action: 'ListRealtimeAgentStates' });
    await withRetry(() => center.getAgentState(AGENT), { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 });
    expect(sim.log.entries({ action: 'ListRealtimeAgentStates' }).map((e) => e.error ?? e.status)).toEqual(['InternalError', 'ServiceUnavailable', 200]);

    sim.log.clear();
    sim.model.setAgentState(AGENT, 'OFFLINE');
    await expect(
      withRetry(() => center.setAgentState({ agentId: AGENT, target: { kind: 'ready' } }), { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 }, { write: true }),
    ).rejects.toMatchObject({ vendorCode: 'InvalidOperation.UserState' });
    expect(sim.log.entries()).toHaveLength(1);
  });

  it('StartConference is not repeated after a server-side failure (it may have dialled), but is after throttling', async () => {
    sim.faults.inject({ kind: 'internal' }, { action: 'StartConference' });
    const e = await thrown(() =>
      withRetry(() => center.startConference({ agentId: AGENT, participants: ['8001'] }), { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 }, { write: true }),
    );
    expect(e).toMatchObject({ vendorCode: 'InternalError', retryable: false, httpStatus: 500 });
    expect(e.message).toMatch(/may have started anyway/);
    expect(sim.log.entries({ action: 'StartConference' })).toHaveLength(1);

    sim.log.clear();
    sim.faults.inject({ kind: 'throttle', retryAfterMs: 5 }, { action: 'StartConference' });
    const r = await withRetry(() => center.startConference({ agentId: AGENT, participants: ['8001'] }), { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 }, { write: true });
    expect(r.status).not.toBe('failed');
    expect(sim.log.entries({ action: 'StartConference' }).map((a) => a.status)).toEqual([400, 200]);
  });

  it('a dropped connection is a TransportError; a write that was sent is not repeated, a read is', async () => {
    sim.faults.inject({ kind: 'drop' }, { action: 'TakeBreak' });
    const e = await thrown(() =>
      withRetry(() => center.setAgentState({ agentId: AGENT, target: { kind: 'break' } }), { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 }, { write: true }),
    );
    expect(e).toMatchObject({ code: 'ccops_transport_error', sent: true });
    expect(sim.log.entries({ action: 'TakeBreak' })).toHaveLength(1);

    sim.faults.inject({ kind: 'drop' }, { action: 'ListRealtimeAgentStates' });
    const s = await withRetry(() => center.getAgentState(AGENT), { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 });
    expect(s.agentId).toBe(AGENT);
  });

  it('a slow answer beyond the headers timeout is a TransportError', async () => {
    const { center: c, transport: t } = cccCenter(sim, { transportOptions: { headersTimeoutMs: 100 } });
    // undici checks these timeouts on a coarse (~0.5 s) tick, so the answer comes well after it.
    sim.faults.inject({ kind: 'slow', ms: 2_500 }, { action: 'ListRealtimeAgentStates' });
    expect(await thrown(() => c.getAgentState(AGENT))).toMatchObject({ code: 'ccops_transport_error', transportCode: 'UND_ERR_HEADERS_TIMEOUT' });
    await t.close();
  });
});

describe('signature versions and STS', () => {
  it('v2 (HMAC-SHA1) requests are accepted, form body included', async () => {
    const { center: c, transport: t } = cccCenter(sim, { profile: { signatureVersion: 'v2' } });
    expect((await c.getAgentState(AGENT)).state).toBe('ready');
    expect(await c.setAgentState({ agentId: AGENT, target: { kind: 'break', reason: 'coffee' } })).toMatchObject({ value: { reason: 'coffee' } });
    expect(sim.log.entries().map((e) => e.detail?.signature)).toEqual(['v2', 'v2']);
    await t.close();
  });

  it.each(['v3', 'v2'])('STS credentials (%s) carry the security token; without it they are refused', async (signatureVersion) => {
    const sts = {
      profile: { accessKeyId: STS.accessKeyId, accessKeySecret: { env: 'STS_SECRET' }, securityToken: { env: 'STS_TOKEN' }, signatureVersion },
      env: { STS_SECRET: STS.accessKeySecret, STS_TOKEN: STS.securityToken },
    };
    const ok = cccCenter(sim, sts);
    expect((await ok.center.getAgentState(AGENT)).agentId).toBe(AGENT);
    await ok.transport.close();
    const bad = cccCenter(sim, { ...sts, env: { ...sts.env, STS_TOKEN: 'stale' } });
    expect(await thrown(() => bad.center.getAgentState(AGENT))).toMatchObject({ vendorCode: 'InvalidSecurityToken.Mismatch', retryable: false });
    await bad.transport.close();
  });
});
