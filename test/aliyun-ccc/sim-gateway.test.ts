// The simulator checks requests as the Alibaba Cloud gateway does, from what
// it receives: raw signed requests, tampered after signing or replayed, get
// the gateway's error body; good ones get the documented envelope.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../shared/http.ts';
import { Secret } from '../../shared/secret.ts';
import { signAcs3Request, signRpcV2Request } from '../../shared/vendors/aliyun/request-signer.ts';
import { type AliyunCccSim, startAliyunCccSim } from '../../sim/aliyun-ccc/index.ts';
import startExample from '../fixtures/aliyun-ccc/StartConference.example.json' with { type: 'json' };
import endExample from '../fixtures/aliyun-ccc/EndConference.example.json' with { type: 'json' };

let sim: AliyunCccSim;
let creds: { accessKeyId: string; accessKeySecret: Secret };
let n = 0;

beforeAll(async () => {
  sim = await startAliyunCccSim({ historyHours: 1 });
  creds = {
    accessKeyId: sim.demo.profile.accessKeyId as string,
    accessKeySecret: new Secret(Object.values(sim.demo.env)[0]!),
  };
});
afterAll(() => sim.close());

function unsigned(action: string, query: string, over: Partial<HttpRequest> = {}): HttpRequest {
  return {
    method: 'POST',
    url: `${sim.url}/?${query}`,
    headers: { 'x-acs-action': action, 'x-acs-version': '2020-07-01', accept: 'application/json' },
    ...over,
  };
}
const v3 = (r: HttpRequest, now = sim.clock.now()) => signAcs3Request(r, creds, { now, nonce: `n-${++n}` }).request;

async function send(r: HttpRequest): Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, unknown> }> {
  const res = await request(r.url, { method: r.method, headers: r.headers, body: r.body });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown>, headers: res.headers };
}

const GATEWAY_BODY = {
  RequestId: expect.any(String),
  HostId: 'ccc.cn-shanghai.aliyuncs.com',
  Code: expect.any(String),
  Message: expect.any(String),
  Recommend: expect.stringContaining('https://'),
};

describe('simulated gateway', () => {
  it('a good request gets the CCC envelope (Code, HttpStatusCode, Params, Data)', async () => {
    const r = await send(v3(unsigned('PollUserStatus', 'InstanceId=ccc-test&UserId=agent%40ccc-test&DeviceId=d')));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ RequestId: expect.any(String), HttpStatusCode: 200, Code: 'OK', Params: [], Data: { UserContext: { UserId: 'agent@ccc-test' } } });
  });

  it('a query changed after signing: SignatureDoesNotMatch with the server string to sign', async () => {
    const signed = v3(unsigned('PollUserStatus', 'InstanceId=ccc-test&UserId=agent%40ccc-test'));
    const r = await send({ ...signed, url: signed.url.replace('agent%40', 'li.na%40') });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ ...GATEWAY_BODY, Code: 'SignatureDoesNotMatch' });
    expect(r.body.Message).toContain('ACS3-HMAC-SHA256\n');
  });

  it('a form body changed after signing: SignatureDoesNotMatch (content hash)', async () => {
    const signed = v3(
      unsigned('ListRealtimeAgentStates', 'InstanceId=ccc-test&PageNumber=1&PageSize=10', {
        headers: { 'x-acs-action': 'ListRealtimeAgentStates', 'x-acs-version': '2020-07-01', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'AgentIdList=%5B%22agent%40ccc-test%22%5D',
      }),
    );
    expect((await send({ ...signed, body: 'AgentIdList=%5B%5D' })).body).toMatchObject({ Code: 'SignatureDoesNotMatch' });
  });

  it('the same signed request twice: SignatureNonceUsed', async () => {
    const signed = v3(unsigned('PollUserStatus', 'InstanceId=ccc-test'));
    expect((await send(signed)).status).toBe(200);
    expect((await send(signed)).body).toEqual({ ...GATEWAY_BODY, Code: 'SignatureNonceUsed' });
  });

  it('15 minutes of skew is accepted, 16 is IllegalTimestamp', async () => {
    const now = sim.clock.nowMs();
    expect((await send(v3(unsigned('PollUserStatus', 'InstanceId=ccc-test'), new Date(now - 14 * 60_000)))).status).toBe(200);
    expect((await send(v3(unsigned('PollUserStatus', 'InstanceId=ccc-test'), new Date(now + 16 * 60_000)))).body).toMatchObject({ Code: 'IllegalTimestamp' });
  });

  it('a signature with a signed header missing: IncompleteSignature', async () => {
    const signed = v3(unsigned('PollUserStatus', 'InstanceId=ccc-test'));
    const auth = signed.headers.authorization!.replace('x-acs-date;', '');
    expect((await send({ ...signed, headers: { ...signed.headers, authorization: auth } })).body).toMatchObject({ Code: 'IncompleteSignature' });
  });

  it('v2: a good request passes, a tampered one does not', async () => {
    const ctx = () => ({ now: sim.clock.now(), nonce: `v2-${++n}` });
    const ok = signRpcV2Request(unsigned('PollUserStatus', 'InstanceId=ccc-test'), creds, ctx()).request;
    expect((await send(ok)).status).toBe(200);
    const bad = signRpcV2Request(unsigned('PollUserStatus', 'InstanceId=ccc-test'), creds, ctx()).request;
    expect((await send({ ...bad, url: bad.url.replace('InstanceId=ccc-test', 'InstanceId=ccc-tesT') })).body).toMatchObject({ Code: 'SignatureDoesNotMatch' });
  });

  it('unknown actions and versions are refused by the gateway; missing parameters by CCC (Parameter.Blank)', async () => {
    expect(await send(v3(unsigned('DoSomething', 'InstanceId=ccc-test')))).toMatchObject({ status: 404, body: { Code: 'InvalidAction.NotFound' } });
    const old = v3({ ...unsigned('PollUserStatus', 'InstanceId=ccc-test'), headers: { 'x-acs-action': 'PollUserStatus', 'x-acs-version': '2017-07-05' } });
    expect(await send(old)).toMatchObject({ status: 400, body: { Code: 'InvalidVersion' } });
    const blank = await send(v3(unsigned('TakeBreak', 'InstanceId=ccc-test&UserId=agent%40ccc-test')));
    expect(blank).toMatchObject({ status: 400, body: { Code: 'Parameter.Blank', HttpStatusCode: 400, Message: 'The parameter Code must not be null or empty.' } });
  });

  it('AgentIdList is read from the form body only, as the real API does', async () => {
    const inQuery = await send(v3(unsigned('ListRealtimeAgentStates', `InstanceId=ccc-test&PageNumber=1&PageSize=100&AgentIdList=${encodeURIComponent('["agent@ccc-test"]')}`)));
    expect((inQuery.body.Data as { List: unknown[] }).List.length).toBe(sim.model.agents.size);
  });

  it('throttling carries x-acs-retry-after', async () => {
    sim.faults.inject({ kind: 'throttle', retryAfterMs: 1234 });
    const r = await send(v3(unsigned('PollUserStatus', 'InstanceId=ccc-test')));
    expect(r).toMatchObject({ status: 400, body: { Code: 'Throttling.User' }, headers: { 'x-acs-retry-after': '1234' } });
  });

  it('StartConference and EndConference answer with every field of the reference pages’ examples', async () => {
    const keys = (o: unknown) => Object.keys(o as object).sort();
    const started = await send(
      v3(unsigned('StartConference', `InstanceId=ccc-test&UserId=agent%40ccc-test&ParticipantListJson=${encodeURIComponent('["13175112345"]')}`)),
    );
    const ended = await send(
      v3(unsigned('EndConference', `InstanceId=ccc-test&UserId=agent%40ccc-test&JobId=${(started.body.Data as { CallContext: { JobId: string } }).CallContext.JobId}`)),
    );
    for (const [answer, example] of [
      [started.body, startExample.example],
      [ended.body, endExample.example],
    ] as const) {
      const data = answer.Data as typeof example.Data;
      expect(keys(answer)).toEqual(keys(example));
      expect(keys(data)).toEqual(keys(example.Data));
      expect(keys(data.CallContext)).toEqual(expect.arrayContaining(keys(example.Data.CallContext)));
      expect(keys(data.CallContext.ChannelContexts[0])).toEqual(expect.arrayContaining(keys(example.Data.CallContext.ChannelContexts[0])));
      expect(keys(data.UserContext)).toEqual(expect.arrayContaining(keys(example.Data.UserContext)));
    }
  });
});
