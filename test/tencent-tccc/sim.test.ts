// The TCCC simulator itself, spoken to with bare undici: it recomputes TC3
// from what it received, answers in Tencent's envelope, and its traffic,
// burst, clock and demo profile do what the tests and the demo rely on.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signTc3 } from '../../shared/vendors/tencent-tccc/signer.ts';
import { startTencentTcccSim, type TencentTcccSim } from '../../sim/tencent-tccc/index.ts';

let sim: TencentTcccSim;
beforeAll(async () => {
  sim = await startTencentTcccSim({ historyHours: 2, trafficIntervalMs: 10 });
});
afterAll(() => sim.close());

const secretId = () => String(sim.demo.profile.secretId);
const secretKey = () => sim.demo.env.CCOPS_DEMO_TCCC_SECRET_KEY!;

async function post(action: string, params: unknown, o: { contentType?: string; sendContentType?: string; timestamp?: number; key?: string } = {}) {
  const body = JSON.stringify(params);
  const host = new URL(sim.url).host;
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
  const contentType = o.contentType ?? 'application/json; charset=utf-8';
  const sig = signTc3({ host, service: 'ccc', action, timestamp, contentType, body }, { secretId: secretId(), secretKey: o.key ?? secretKey() });
  const res = await request(`${sim.url}/`, {
    method: 'POST',
    body,
    headers: {
      'content-type': o.sendContentType ?? contentType,
      'x-tc-action': action,
      'x-tc-version': '2020-02-10',
      'x-tc-timestamp': String(timestamp),
      authorization: sig.authorization,
    },
  });
  return { status: res.statusCode, json: (await res.body.json()) as { Response: Record<string, unknown> & { Error?: { Code: string; Message: string }; RequestId: string } } };
}

describe('TCCC simulator', () => {
  it('accepts a correctly signed request and answers in the Response envelope', async () => {
    const r = await post('DescribeStaffStatusMetrics', { SdkAppId: sim.model.sdkAppId });
    expect(r.status).toBe(200);
    expect(r.json.Response.Error).toBeUndefined();
    expect(r.json.Response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Array.isArray(r.json.Response.Metrics)).toBe(true);
  });

  it('recomputes the signature from what it received: a content-type other than the signed one fails', async () => {
    const r = await post('DescribeStaffStatusMetrics', { SdkAppId: sim.model.sdkAppId }, { sendContentType: 'application/json' });
    expect(r.json.Response.Error?.Code).toBe('AuthFailure.SignatureFailure');
    expect(r.json.Response.RequestId).toBeTruthy();
  });

  it('refuses a wrong key, a stale timestamp, an unknown action and a window of 90 days', async () => {
    expect((await post('DescribeStaffStatusMetrics', { SdkAppId: sim.model.sdkAppId }, { key: 'x' })).json.Response.Error?.Code).toBe(
      'AuthFailure.SignatureFailure',
    );
    const stale = Math.floor(Date.now() / 1000) - 301;
    expect((await post('DescribeStaffStatusMetrics', { SdkAppId: sim.model.sdkAppId }, { timestamp: stale })).json.Response.Error?.Code).toBe(
      'AuthFailure.SignatureExpire',
    );
    expect((await post('StartConference', { SdkAppId: sim.model.sdkAppId })).json.Response.Error?.Code).toBe('InvalidAction');
    const now = Math.floor(Date.now() / 1000);
    const tooLong = await post('DescribeTelCdr', { SdkAppId: sim.model.sdkAppId, StartTimeStamp: now - 90 * 86_400, EndTimeStamp: now, PageSize: 10, PageNumber: 0 });
    expect(tooLong.json.Response.Error).toMatchObject({ Code: 'InvalidParameterValue', Message: expect.stringMatching(/shorter than 90 days/) });
    const bigPage = await post('DescribeTelCdr', { SdkAppId: sim.model.sdkAppId, StartTimeStamp: now - 3600, EndTimeStamp: now, PageSize: 101, PageNumber: 0 });
    expect(bigPage.json.Response.Error?.Code).toBe('InvalidParameterValue');
  });

  it('follows its movable clock when checking timestamps', async () => {
    sim.model.clock.advance(-10 * 60_000);
    try {
      const r = await post('DescribeStaffStatusMetrics', { SdkAppId: sim.model.sdkAppId });
      expect(r.json.Response.Error?.Code).toBe('AuthFailure.SignatureExpire');
    } finally {
      sim.model.clock.reset();
    }
  });

  it('generates seeded history with the configured abandoned share, live traffic and bursts', async () => {
    const again = await startTencentTcccSim({ historyHours: 2 });
    try {
      const ids = (s: TencentTcccSim) => s.model.cdrsBetween(0, 2 ** 31).map((c) => [c.EndStatus, c.Caller]);
      expect(ids(again)).toEqual(ids(sim).slice(-ids(again).length)); // same seed, same calls
    } finally {
      await again.close();
    }
    const heavy = await startTencentTcccSim({ historyHours: 48, callEverySeconds: 60, abandonedShare: 0.5, outboundShare: 0 });
    try {
      const all = heavy.model.cdrsBetween(0, 2 ** 31);
      const abandoned = all.filter((c) => [102, 103, 104].includes(c.EndStatus)).length / all.length;
      expect(abandoned).toBeGreaterThan(0.4);
      expect(abandoned).toBeLessThan(0.6);
    } finally {
      await heavy.close();
    }

    const before = sim.model.cdrCount;
    sim.traffic.start();
    while (sim.model.cdrCount < before + 3) await new Promise((r) => setTimeout(r, 10));
    sim.traffic.stop();
    const stopped = sim.model.cdrCount;
    const burst = sim.burst(5);
    expect(burst.every((c) => [102, 103, 104].includes(c.EndStatus) && c.Direction === 0)).toBe(true);
    expect(sim.model.cdrCount).toBe(stopped + 5);
  });

  it('gives a demo profile whose secrets are env references', () => {
    expect(sim.demo.profile).toMatchObject({ vendor: 'tencent-tccc', endpoint: sim.url, sdkAppId: sim.model.sdkAppId, secretKey: { env: 'CCOPS_DEMO_TCCC_SECRET_KEY' } });
    expect(JSON.stringify(sim.demo.profile)).not.toContain(secretKey());
  });
});
