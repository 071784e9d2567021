// The generic Alibaba RPC client over real HTTP: what it puts on the wire
// (query vs signed form body, list styles), how it reads answers leniently,
// and how error bodies become VendorErrors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UndiciTransport } from '../../shared/http.ts';
import { maskPhone } from '../../shared/mask.ts';
import { Secret } from '../../shared/secret.ts';
import { computeAcs3Signature, parseAcs3Authorization } from '../../shared/vendors/aliyun/acs3.ts';
import { sha256Hex } from '../../shared/vendors/aliyun/hashing.ts';
import { AliyunRpcClient } from '../../shared/vendors/aliyun/rpc-client.ts';
import { createAliyunSigner } from '../../shared/vendors/aliyun/request-signer.ts';
import { type SimReply, type SimRequest, startSimServer, type SimServer } from '../../sim/server.ts';
import { z } from 'zod/v4';

let server: SimServer;
let reply: (req: SimRequest) => SimReply = () => ({ status: 200, body: '{}' });
const seen: SimRequest[] = [];
const transport = new UndiciTransport();

beforeAll(async () => {
  server = await startSimServer((req) => {
    seen.push(req);
    return reply(req);
  });
});
afterAll(async () => {
  await transport.close();
  await server.close();
});

let nonceN = 0;
function client(over: Partial<ConstructorParameters<typeof AliyunRpcClient>[0]> = {}) {
  return new AliyunRpcClient({
    vendor: 'aliyun-test',
    endpoint: server.url,
    apiVersion: '2020-07-01',
    transport,
    sign: createAliyunSigner({
      credentials: { accessKeyId: 'ak', accessKeySecret: new Secret('sk') },
      nonce: () => `nonce-${++nonceN}`,
    }),
    errors: { 'NotExists.UserId': { message: 'no such agent', retryable: false } },
    ...over,
  });
}

function verify(req: SimRequest): boolean {
  const url = new URL(req.url, server.url);
  const auth = parseAcs3Authorization(req.headers.authorization as string);
  if (!auth) return false;
  const headers: Record<string, string> = {};
  for (const h of auth.signedHeaders) headers[h] = String(req.headers[h]);
  const s = computeAcs3Signature({
    method: req.method,
    path: url.pathname,
    query: [...url.searchParams],
    headers,
    hashedPayload: sha256Hex(req.body),
    accessKeyId: auth.accessKeyId,
    accessKeySecret: 'sk',
  });
  return s.signature === auth.signature && headers['x-acs-content-sha256'] === sha256Hex(req.body);
}

describe('AliyunRpcClient', () => {
  it('sends query params (JSON-array lists) and a signed form body', async () => {
    seen.length = 0;
    reply = () => ({ status: 200, body: JSON.stringify({ RequestId: 'r-1', Code: 200, HttpStatusCode: '200', Data: { x: 1 } }) });
    const res = await client().callData('ListRealtimeAgentStates', z.object({ x: z.number() }), {
      query: { InstanceId: 'ccc-test', PageNumber: 1, Skip: undefined },
      form: { AgentIdList: ['agent@ccc-test', 'b@ccc-test'] },
    });
    expect(res).toEqual({ data: { x: 1 }, raw: { x: 1 }, requestId: 'r-1' });
    const req = seen[0]!;
    expect(req.method).toBe('POST');
    expect(req.headers['x-acs-action']).toBe('ListRealtimeAgentStates');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URL(req.url, server.url).searchParams.get('InstanceId')).toBe('ccc-test');
    expect(req.url).not.toContain('Skip');
    expect(new URLSearchParams(req.body).get('AgentIdList')).toBe('["agent@ccc-test","b@ccc-test"]');
    expect(verify(req)).toBe(true);
  });

  it('flattens lists Key.1, Key.2 in repeat-list style and signs v2 requests', async () => {
    seen.length = 0;
    reply = () => ({ status: 200, body: JSON.stringify({ RequestId: 'r', Data: null }) });
    const c = client({
      arrayStyle: 'repeat-list',
      sign: createAliyunSigner({ credentials: { accessKeyId: 'ak', accessKeySecret: new Secret('sk') }, signatureVersion: 'v2' }),
    });
    await c.call('HotlineSessionQuery', { query: { CallResultList: ['touchInQueue', 'touchInLoss'] } });
    const q = new URL(seen[0]!.url, server.url).searchParams;
    expect(q.get('CallResultList.1')).toBe('touchInQueue');
    expect(q.get('CallResultList.2')).toBe('touchInLoss');
    expect(q.get('Action')).toBe('HotlineSessionQuery');
    expect(q.get('Signature')).toBeTruthy();
  });

  it('signs every call afresh (new nonce each time)', async () => {
    seen.length = 0;
    reply = () => ({ status: 200, body: '{"RequestId":"r"}' });
    await client().call('A');
    await client().call('A');
    expect(seen[0]!.headers['x-acs-signature-nonce']).not.toBe(seen[1]!.headers['x-acs-signature-nonce']);
  });

  it('turns an error body into a VendorError with code, request id, table sentence and retry-after', async () => {
    reply = () => ({
      status: 404,
      body: JSON.stringify({ RequestId: 'r-404', Code: 'NotExists.UserId', Message: 'The specified user x does not exist.' }),
    });
    await expect(client().call('TakeBreak')).rejects.toMatchObject({
      code: 'ccops_vendor_error',
      vendor: 'aliyun-test',
      vendorCode: 'NotExists.UserId',
      requestId: 'r-404',
      httpStatus: 404,
      message: 'no such agent',
      retryable: false,
    });
    reply = () => ({
      status: 400,
      headers: { 'x-acs-retry-after': '1500' },
      body: JSON.stringify({ RequestId: 'r-t', HostId: 'h', Code: 'Throttling.User', Message: 'Request was denied due to user flow control.', Recommend: 'x' }),
    });
    await expect(client().call('TakeBreak')).rejects.toMatchObject({ vendorCode: 'Throttling.User', retryable: true, retryAfterMs: 1500 });
    reply = () => ({ status: 400, body: JSON.stringify({ requestId: 'r-l', code: 'Parameter.Weird', message: 'call 13175112345' }) });
    const e = await client().call('X').catch((x: unknown) => x);
    expect(e).toMatchObject({ vendorCode: 'Parameter.Weird', requestId: 'r-l', retryable: false, vendorMessage: `call ${maskPhone('13175112345')}` });
    reply = () => ({ status: 409, body: JSON.stringify({ RequestId: 'r', Code: 'Conflict.Thing', Message: 'It clashed.' }) });
    expect((await thrownBy(() => client().call('X'))).message).toBe('Alibaba Cloud refused X (HTTP 409, Conflict.Thing): It clashed.');
    reply = () => ({ status: 502, body: '<html>bad gateway</html>' });
    await expect(client().call('X')).rejects.toMatchObject({ vendorCode: 'HTTP502', retryable: true });
  });

  it('lets a vendor treat a 2xx body as a failure (AICCS Success:false) and refuses non-JSON success', async () => {
    reply = () => ({ status: 200, body: JSON.stringify({ RequestId: 'r', Success: false, Code: 'NoAgentFound', Message: 'x' }) });
    await expect(client({ isBodyError: (e) => e.Success === false }).call('X')).rejects.toMatchObject({ vendorCode: 'NoAgentFound' });
    reply = () => ({ status: 200, body: 'not json' });
    await expect(client().call('X')).rejects.toMatchObject({ vendorCode: 'ccops.InvalidResponse' });
    reply = () => ({ status: 200, body: JSON.stringify({ RequestId: 'r', Data: { x: 'no' } }) });
    await expect(client().callData('X', z.object({ x: z.number() }))).rejects.toMatchObject({
      vendorCode: 'ccops.InvalidResponse',
      requestId: 'r',
    });
  });

  it('builds an unsigned pre-signing request for transports that sign (n8n)', () => {
    const c = client({ sign: (r) => r });
    const r = c.buildRequest('GetHotlineAgentStatus', { form: { AccountName: 'a@b.com' } });
    expect(r.headers).toMatchObject({ 'x-acs-action': 'GetHotlineAgentStatus', 'x-acs-version': '2020-07-01' });
    expect(r.body).toBe('AccountName=a%40b.com');
    expect(r.headers.authorization).toBeUndefined();
  });
});

async function thrownBy(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, got none');
}
