// What goes on the wire for each AICCS action, before any server: method,
// query vs signed form body, repeat-list flattening, milliseconds.
import { describe, expect, it } from 'vitest';
import { Secret } from '../../shared/secret.ts';
import { signAcs3Request, signRpcV2Request } from '../../shared/vendors/aliyun/index.ts';
import {
  finishHotlineService,
  getHotlineAgentDetail,
  getHotlineAgentStatus,
  hotlineSessionQuery,
  startHotlineService,
  suspendHotlineService,
} from '../../shared/vendors/aliyun-aiccs/actions.ts';
import { AliyunAiccsClient } from '../../shared/vendors/aliyun-aiccs/client.ts';
import notes from '../fixtures/aliyun-aiccs/notes-examples.json' with { type: 'json' };

const noTransport = {
  send: () => Promise.reject(new Error('no network in this test')),
  close: () => Promise.resolve(),
};

function client(endpoint = 'https://aiccs.aliyuncs.com', instanceId = 'inst-1') {
  return new AliyunAiccsClient({
    endpoint,
    instanceId,
    accessKeyId: 'id',
    accessKeySecret: new Secret('secret'),
    transport: noTransport,
  });
}

function build(c: AliyunAiccsClient, req: ReturnType<typeof hotlineSessionQuery>) {
  const { action, ...params } = req;
  return c.rpc.buildRequest(action, params);
}

describe('AICCS request shapes', () => {
  const c = client();

  it('HotlineSessionQuery: POST, everything in the query, lists as Key.1=…&Key.2=…, no body', () => {
    const req = build(
      c,
      hotlineSessionQuery('inst-1', {
        fromMs: 1_614_828_721_000,
        toMs: 1_614_829_721_000,
        pageNo: 2,
        pageSize: 50,
        callTypes: [2, 3],
        callResults: ['queueClose', 'ivrClose'],
        callingNumbers: ['13175112345'],
        servicerIds: ['555501', '555502'],
        groupIds: [],
      }),
    );
    expect(req.method).toBe('POST');
    expect(req.body).toBeUndefined();
    expect(req.headers['content-type']).toBeUndefined();
    const q = new URL(req.url).searchParams;
    expect([...q.keys()]).toEqual([
      'InstanceId',
      'QueryStartTime',
      'QueryEndTime',
      'PageNo',
      'PageSize',
      'CallTypeList.1',
      'CallTypeList.2',
      'CallResultList.1',
      'CallResultList.2',
      'CallingNumberList.1',
      'ServicerIdList.1',
      'ServicerIdList.2',
    ]);
    expect(q.get('QueryStartTime')).toBe('1614828721000');
    expect(q.get('CallTypeList.2')).toBe('3');
    expect(q.get('ServicerIdList.2')).toBe('555502');
    expect(req.headers['x-acs-action']).toBe('HotlineSessionQuery');
    expect(req.headers['x-acs-version']).toBe('2019-10-15');
  });

  it('the hotline agent actions: POST with a form body, nothing in the query', () => {
    for (const r of [
      getHotlineAgentStatus('inst-1', 'a@example.com'),
      startHotlineService('inst-1', 'a@example.com', 'tok'),
      suspendHotlineService('inst-1', 'a@example.com', 3, 'tok'),
      finishHotlineService('inst-1', 'a@example.com', 'tok'),
    ]) {
      const req = build(c, r);
      expect(req.method, r.action).toBe('POST');
      expect(new URL(req.url).search, r.action).toBe('');
      expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
      const form = new URLSearchParams(req.body);
      expect(form.get('InstanceId')).toBe('inst-1');
      expect(form.get('AccountName')).toBe('a@example.com');
    }
    expect(build(c, suspendHotlineService('inst-1', 'a', 3, 'tok')).body).toBe('AccountName=a&ClientToken=tok&InstanceId=inst-1&Type=3');
  });

  it('GetHotlineAgentDetail: GET with its parameters in the query', () => {
    const req = build(c, getHotlineAgentDetail('inst-1', 'a@example.com', 'tok'));
    expect(req.method).toBe('GET');
    expect(req.body).toBeUndefined();
    expect(new URL(req.url).searchParams.get('AccountName')).toBe('a@example.com');
  });

  it('V3 signs the form body: GetHotlineAgentStatus reproduces the worked example in the notes (derived, not official)', () => {
    const v = notes.derivedV3GetHotlineAgentStatus;
    const req = build(client(v.endpoint, v.instanceId), getHotlineAgentStatus(v.instanceId, v.accountName));
    expect(req.body).toBe(v.expected.body);
    const { request, signature } = signAcs3Request(
      req,
      { accessKeyId: v.accessKeyId, accessKeySecret: new Secret(v.accessKeySecret) },
      { now: new Date(v.date), nonce: v.nonce },
    );
    expect(request.headers['x-acs-content-sha256']).toBe(v.expected.contentSha256);
    expect(signature.signedHeaders).toBe(v.expected.signedHeaders);
    expect(signature.hashedCanonicalRequest).toBe(v.expected.hashedCanonicalRequest);
    expect(signature.signature).toBe(v.expected.signature);
  });

  it('RPC v2 signs query and form body together and keeps the body as the body', () => {
    const req = build(c, startHotlineService('inst-1', 'a@example.com', 'tok'));
    const { request, signature } = signRpcV2Request(
      req,
      { accessKeyId: 'id', accessKeySecret: new Secret('secret') },
      { now: new Date('2026-01-01T00:00:00Z'), nonce: 'n1' },
    );
    expect(request.body).toBe(req.body);
    expect(signature.canonicalQuery).toContain('AccountName=a%40example.com');
    expect(signature.canonicalQuery).toContain('Action=StartHotlineService');
    expect(new URL(request.url).searchParams.get('AccountName')).toBeNull();
  });
});
