// Every Alibaba Cloud signing vector (official ones verbatim from the vendor
// docs, plus derived CCC/AICCS ones labelled as such), intermediate strings
// included, through the pure functions and through the request signer.
import { describe, expect, it } from 'vitest';
import vectorsFile from '../fixtures/signing-vectors.json' with { type: 'json' };
import { computeAcs3Signature, parseAcs3Authorization } from '../../shared/vendors/aliyun/acs3.ts';
import { canonicalHeaders } from '../../shared/vendors/aliyun/canonical-headers.ts';
import { canonicalQuery } from '../../shared/vendors/aliyun/canonical-query.ts';
import { EMPTY_BODY_SHA256, sha256Hex } from '../../shared/vendors/aliyun/hashing.ts';
import { percentEncode } from '../../shared/vendors/aliyun/percent-encode.ts';
import { signAcs3Request, signRpcV2Request } from '../../shared/vendors/aliyun/request-signer.ts';
import { computeRpcV2Signature } from '../../shared/vendors/aliyun/rpc-v2.ts';
import { acsTimestamp } from '../../shared/vendors/aliyun/timestamp.ts';
import { Secret } from '../../shared/secret.ts';

interface V2Vector {
  id: string;
  input: { method: string; accessKeySecret: string; params: Record<string, string> };
  expected: { stringToSign?: string; canonicalQuery?: string; signature: string };
}
interface V3Vector {
  id: string;
  input: {
    method: string;
    host: string;
    accessKeyId: string;
    accessKeySecret: string;
    action: string;
    version: string;
    date: string;
    nonce: string;
    query: Record<string, string>;
    body: string;
    contentType?: string;
  };
  expected: {
    canonicalQuery?: string;
    canonicalRequest?: string;
    hashedPayload?: string;
    signedHeaders?: string;
    hashedCanonicalRequest: string;
    stringToSign?: string;
    signature: string;
    authorization?: string;
  };
}

type AnyVector = { id: string; vendor: string; scheme: string };
const all: AnyVector[] = [...vectorsFile.vectors, ...vectorsFile.derived];
const aliyun = all.filter((v) => v.vendor === 'aliyun');
const v2 = aliyun.filter((v) => v.scheme.startsWith('RPC signature v2')) as unknown as V2Vector[];
const v3 = aliyun.filter((v) => v.scheme.startsWith('V3')) as unknown as V3Vector[];
const official = new Set(vectorsFile.vectors.map((v) => v.id));

function v3Headers(i: V3Vector['input']): Record<string, string> {
  const h: Record<string, string> = {
    host: i.host,
    'x-acs-action': i.action,
    'x-acs-version': i.version,
    'x-acs-date': i.date,
    'x-acs-signature-nonce': i.nonce,
    'x-acs-content-sha256': sha256Hex(i.body),
  };
  if (i.contentType) h['content-type'] = i.contentType;
  return h;
}

describe('fixture', () => {
  it('holds every aliyun vector of the published file (3 official) and the derived ones', () => {
    expect(vectorsFile.vectors.filter((v) => v.vendor === 'aliyun').map((v) => v.id)).toEqual([
      'aliyun-rpc-v2-describe-regions',
      'aliyun-rpc-v2-describe-dedicated-hosts',
      'aliyun-acs3-run-instances',
    ]);
    for (const d of vectorsFile.derived) expect(d.label).toBe('derived, not official');
    expect(v2.length + v3.length).toBe(aliyun.length);
  });
});

describe('percent-encoding', () => {
  it.each([
    ['a b', 'a%20b'],
    ['*', '%2A'],
    ['~-_.', '~-_.'],
    ["!'()", '%21%27%28%29'],
    ['agent@ccc-test', 'agent%40ccc-test'],
    ['12:46:24', '12%3A46%3A24'],
    ['中', '%E4%B8%AD'],
    ['+/=', '%2B%2F%3D'],
  ])('%s -> %s', (input, expected) => expect(percentEncode(input)).toBe(expected));
});

describe('RPC v2 (HMAC-SHA1)', () => {
  it.each(v2.map((v) => [`${v.id}${official.has(v.id) ? '' : ' (derived)'}`, v] as const))('%s', (_, v) => {
    const s = computeRpcV2Signature(v.input);
    if (v.expected.stringToSign) expect(s.stringToSign).toBe(v.expected.stringToSign);
    if (v.expected.canonicalQuery) expect(s.canonicalQuery).toBe(v.expected.canonicalQuery);
    expect(s.signature).toBe(v.expected.signature);
  });

  it('the request signer reproduces the official DescribeDedicatedHosts vector end to end', () => {
    const v = v2.find((x) => x.id === 'aliyun-rpc-v2-describe-dedicated-hosts')!;
    const p = v.input.params;
    const { request, signature } = signRpcV2Request(
      {
        method: 'GET',
        url: `https://ecs.cn-beijing.aliyuncs.com/?RegionId=${p.RegionId}`,
        headers: { 'x-acs-action': p.Action!, 'x-acs-version': p.Version! },
      },
      { accessKeyId: p.AccessKeyId!, accessKeySecret: new Secret(v.input.accessKeySecret) },
      { now: new Date(p.Timestamp!), nonce: p.SignatureNonce! },
    );
    expect(signature.canonicalQuery).toBe(v.expected.canonicalQuery);
    expect(signature.signature).toBe(v.expected.signature);
    expect(request.url).toBe(
      `https://ecs.cn-beijing.aliyuncs.com/?${v.expected.canonicalQuery}&Signature=${encodeURIComponent(v.expected.signature)}`,
    );
    expect(request.headers).not.toHaveProperty('x-acs-action');
  });

  it('signs form-body parameters together with the query, and the STS token as SecurityToken', () => {
    const creds = { accessKeyId: 'testid', accessKeySecret: new Secret('testsecret'), securityToken: new Secret('sts-token') };
    const ctx = { now: new Date('2016-02-23T12:46:24Z'), nonce: 'n-1' };
    const { request, signature } = signRpcV2Request(
      {
        method: 'POST',
        url: 'https://aiccs.aliyuncs.com/',
        headers: {
          'x-acs-action': 'GetHotlineAgentStatus',
          'x-acs-version': '2019-10-15',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'AccountName=a%40b.com&InstanceId=i-1',
      },
      creds,
      ctx,
    );
    expect(signature.canonicalQuery).toContain('AccountName=a%40b.com');
    expect(signature.canonicalQuery).toContain('SecurityToken=sts-token');
    expect(request.url).toContain('SecurityToken=sts-token');
    expect(request.url).not.toContain('AccountName');
    expect(request.body).toBe('AccountName=a%40b.com&InstanceId=i-1');
    const params = Object.fromEntries(
      [...new URL(request.url).searchParams].concat([...new URLSearchParams(request.body)]).filter(([k]) => k !== 'Signature'),
    );
    expect(computeRpcV2Signature({ method: 'POST', params, accessKeySecret: 'testsecret' }).signature).toBe(
      new URL(request.url).searchParams.get('Signature'),
    );
  });
});

describe('V3 ACS3-HMAC-SHA256', () => {
  it.each(v3.map((v) => [`${v.id}${official.has(v.id) ? '' : ' (derived)'}`, v] as const))('%s (pure)', (_, v) => {
    const i = v.input;
    const s = computeAcs3Signature({
      method: i.method,
      query: i.query,
      headers: v3Headers(i),
      hashedPayload: sha256Hex(i.body),
      accessKeyId: i.accessKeyId,
      accessKeySecret: i.accessKeySecret,
    });
    if (v.expected.hashedPayload) expect(sha256Hex(i.body)).toBe(v.expected.hashedPayload);
    if (v.expected.canonicalQuery) expect(s.canonicalQuery).toBe(v.expected.canonicalQuery);
    if (v.expected.canonicalRequest) expect(s.canonicalRequest).toBe(v.expected.canonicalRequest);
    if (v.expected.signedHeaders) expect(s.signedHeaders).toBe(v.expected.signedHeaders);
    expect(s.hashedCanonicalRequest).toBe(v.expected.hashedCanonicalRequest);
    expect(s.stringToSign).toBe(v.expected.stringToSign ?? `ACS3-HMAC-SHA256\n${v.expected.hashedCanonicalRequest}`);
    expect(s.signature).toBe(v.expected.signature);
    if (v.expected.authorization) expect(s.authorization).toBe(v.expected.authorization);
  });

  it.each(v3.map((v) => [v.id, v] as const))('%s through the request signer', (_, v) => {
    const i = v.input;
    const qs = new URLSearchParams(i.query).toString();
    const headers: Record<string, string> = { 'x-acs-action': i.action, 'x-acs-version': i.version };
    if (i.contentType) headers['content-type'] = i.contentType;
    const { request, signature } = signAcs3Request(
      { method: 'POST', url: `https://${i.host}/${qs ? `?${qs}` : ''}`, headers, body: i.body || undefined },
      { accessKeyId: i.accessKeyId, accessKeySecret: new Secret(i.accessKeySecret) },
      { now: new Date(i.date), nonce: i.nonce },
    );
    expect(signature.hashedCanonicalRequest).toBe(v.expected.hashedCanonicalRequest);
    expect(signature.signature).toBe(v.expected.signature);
    expect(request.headers.host).toBe(i.host);
    expect(request.headers['x-acs-date']).toBe(i.date);
    expect(request.headers['x-acs-signature-nonce']).toBe(i.nonce);
    expect(parseAcs3Authorization(request.headers.authorization)).toEqual({
      accessKeyId: i.accessKeyId,
      signedHeaders: signature.signedHeaders.split(';'),
      signature: v.expected.signature,
    });
    // The wire query is the canonical query, so the gateway decodes exactly what was signed.
    expect(new URL(request.url).search.slice(1)).toBe(signature.canonicalQuery);
  });

  it('signs the STS token in x-acs-security-token', () => {
    const { request, signature } = signAcs3Request(
      { method: 'POST', url: 'https://ccc.cn-shanghai.aliyuncs.com/?InstanceId=ccc-test', headers: { 'x-acs-action': 'A', 'x-acs-version': 'V' } },
      { accessKeyId: 'STS.id', accessKeySecret: new Secret('s'), securityToken: new Secret('tok') },
      { now: new Date('2023-10-26T10:22:32Z'), nonce: 'n' },
    );
    expect(request.headers['x-acs-security-token']).toBe('tok');
    expect(signature.signedHeaders.split(';')).toContain('x-acs-security-token');
    expect(signature.canonicalRequest).toContain('\nx-acs-security-token:tok\n');
  });

  it('merges repeated header names, values sorted and comma-joined (SDK behaviour)', () => {
    expect(canonicalHeaders({ 'x-acs-TEST': 'https', 'x-acs-test': 'http', accept: 'x' })).toEqual({
      canonical: 'x-acs-test:http,https\n',
      signedHeaders: 'x-acs-test',
    });
  });

  it('canonical query: sorted by name, empty value kept as name=', () => {
    expect(canonicalQuery({ b: '2', a: '', 'c d': 'x y' })).toBe('a=&b=2&c%20d=x%20y');
    expect(sha256Hex('')).toBe(EMPTY_BODY_SHA256);
    expect(acsTimestamp(new Date('2023-10-26T10:22:32.123Z'))).toBe('2023-10-26T10:22:32Z');
  });
});
