// The TCCC client over real HTTP against answers that are not TCCC's:
// gateway pages, odd status codes, a response shape ccops does not know.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UndiciTransport } from '../../shared/http.ts';
import { TcccClient, tc3Sign } from '../../shared/vendors/tencent-tccc/client.ts';
import { DescribeTelCdrResponse } from '../../shared/vendors/tencent-tccc/mapping.ts';
import { type SimReply, type SimServer, startSimServer } from '../../sim/server.ts';
import { startTencentTcccSim, type TencentTcccSim } from '../../sim/tencent-tccc/index.ts';

let answer: SimReply = { status: 200, body: '{}' };
let gateway: SimServer;
let sim: TencentTcccSim;
const transport = new UndiciTransport();

beforeAll(async () => {
  gateway = await startSimServer(() => answer);
  sim = await startTencentTcccSim({ historyHours: 0 });
});
afterAll(async () => {
  await gateway.close();
  await sim.close();
  await transport.close();
});

const client = (endpoint = gateway.url) =>
  new TcccClient({ endpoint, transport, sign: tc3Sign({ secretId: 'AKIDx', secretKey: 'k' }) });
const window = { SdkAppId: 1, StartTimeStamp: 1, EndTimeStamp: 2, PageSize: 10, PageNumber: 0 };

describe('TCCC client against answers that are not TCCC envelopes', () => {
  it('a 502 gateway page: retryable for a read, not for a write', async () => {
    answer = { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' };
    const read = await client().call('DescribeTelCdr', window, DescribeTelCdrResponse, { write: false }).catch((e: unknown) => e);
    expect(read).toMatchObject({ vendorCode: 'HTTP 502', httpStatus: 502, retryable: true, message: expect.stringMatching(/may be down/) });
    const write = await client().call('SetStaffStatus', {}, DescribeTelCdrResponse, { write: true }).catch((e: unknown) => e);
    expect(write).toMatchObject({ vendorCode: 'HTTP 502', retryable: false });
  });

  it('a 404 page says to check the endpoint', async () => {
    answer = { status: 404, body: 'not found' };
    await expect(client().call('DescribeTelCdr', window, DescribeTelCdrResponse, { write: false })).rejects.toMatchObject({
      vendorCode: 'HTTP 404',
      retryable: false,
      message: expect.stringMatching(/Check endpoint/),
    });
  });

  it('a 429 without an envelope is throttling, retryable with a pause', async () => {
    answer = { status: 429, body: '' };
    await expect(client().call('SetStaffStatus', {}, DescribeTelCdrResponse, { write: true })).rejects.toMatchObject({
      retryable: true,
      retryAfterMs: 1000,
    });
  });

  it('an error envelope with a non-200 status is still read as the vendor error', async () => {
    answer = { status: 500, body: JSON.stringify({ Response: { Error: { Code: 'InternalError', Message: 'x' }, RequestId: 'r-500' } }) };
    await expect(client().call('DescribeTelCdr', window, DescribeTelCdrResponse, { write: false })).rejects.toMatchObject({
      vendorCode: 'InternalError',
      requestId: 'r-500',
      httpStatus: 500,
      retryable: true,
    });
  });

  it('a success in a shape ccops does not know names the field and keeps the request id', async () => {
    answer = { status: 200, body: JSON.stringify({ Response: { TelCdrList: [], RequestId: 'r-odd' } }) };
    await expect(client().call('DescribeTelCdr', window, DescribeTelCdrResponse, { write: false })).rejects.toMatchObject({
      vendorCode: 'ccops.UnexpectedResponse',
      requestId: 'r-odd',
      message: expect.stringMatching(/TotalCount/),
    });
  });

  it('the simulator serves ServiceUnavailable on demand (the unavailable fault), retryable for reads', async () => {
    sim.faults.inject({ kind: 'unavailable' });
    const c = new TcccClient({
      endpoint: sim.url,
      transport,
      sign: tc3Sign({ secretId: String(sim.demo.profile.secretId), secretKey: sim.demo.env.CCOPS_DEMO_TCCC_SECRET_KEY! }),
    });
    await expect(c.call('DescribeStaffStatusMetrics', { SdkAppId: sim.model.sdkAppId }, DescribeTelCdrResponse, { write: false })).rejects.toMatchObject({
      vendorCode: 'ServiceUnavailable',
      retryable: true,
    });
  });

  it('refuses an endpoint that is not a URL, up front', () => {
    expect(() => client('ccc.tencentcloudapi.com')).toThrow(/endpoint must be a URL/);
  });
});
