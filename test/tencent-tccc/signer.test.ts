// TC3-HMAC-SHA256 against Tencent's two published worked examples: every
// intermediate the document prints must come out byte for byte.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tc3Sign } from '../../shared/vendors/tencent-tccc/client.ts';
import { credentialDate, parseAuthorization, signTc3, type Tc3Request } from '../../shared/vendors/tencent-tccc/signer.ts';

interface Vector {
  id: string;
  source: string;
  input: {
    method: 'POST';
    host: string;
    service: string;
    action: string;
    timestamp: number;
    contentType: string;
    body: string;
    secretId: string;
    secretKey: string;
    signedHeaders: string[];
  };
  expected: Record<string, string>;
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/tencent-tccc/signing-vectors.json', import.meta.url), 'utf8'),
) as { vectors: Vector[] };

describe('TC3-HMAC-SHA256 signer', () => {
  it('has both published tencent vectors in the fixture', () => {
    expect(fixture.vectors.map((v) => v.id)).toEqual([
      'tencent-tc3-describe-instances',
      'tencent-tc3-describe-instances-x-tc-action',
    ]);
  });

  for (const v of fixture.vectors) {
    it(`reproduces ${v.id} exactly`, () => {
      const { secretId, secretKey, ...rest } = v.input;
      const req: Tc3Request = { ...rest };
      const sig = signTc3(req, { secretId, secretKey });
      const expected = Object.entries(v.expected);
      expect(expected.length).toBeGreaterThanOrEqual(5);
      for (const [key, value] of expected) {
        expect(sig[key as keyof typeof sig], key).toBe(value);
      }
      // The Authorization header always follows from the signature.
      expect(sig.authorization).toBe(
        `TC3-HMAC-SHA256 Credential=${secretId}/2019-02-25/${v.input.service}/tc3_request, SignedHeaders=${v.input.signedHeaders.join(';')}, Signature=${v.expected.signature}`,
      );
    });
  }

  it('signs the content-type that is sent, byte for byte', () => {
    const v = fixture.vectors[0]!;
    const { secretId, secretKey, ...rest } = v.input;
    const other = signTc3({ ...rest, contentType: 'application/json' }, { secretId, secretKey });
    expect(other.signature).not.toBe(v.expected.signature);
    expect(other.canonicalRequest).toContain('\ncontent-type:application/json\n');
  });

  it('takes the credential date in UTC, also just after midnight in UTC+8', () => {
    // 2024-03-01 07:30 in Beijing is still 2024-02-29 in UTC.
    const ts = Date.parse('2024-02-29T23:30:00Z') / 1000;
    expect(credentialDate(ts)).toBe('2024-02-29');
  });

  it('the client signing step (key kept for its UTC day) agrees with the pure signer across midnight', () => {
    const sign = tc3Sign({ secretId: 'AKIDx', secretKey: 'secret' });
    for (const at of ['2024-02-29T23:59:59Z', '2024-03-01T00:00:00Z', '2024-03-01T12:00:00Z', '2024-02-29T08:00:00Z']) {
      const timestamp = Date.parse(at) / 1000;
      const req = { action: 'DescribeTelCdr', timestamp, host: 'ccc.tencentcloudapi.com', contentType: 'application/json; charset=utf-8', body: '{}' };
      const expected = signTc3({ ...req, service: 'ccc' }, { secretId: 'AKIDx', secretKey: 'secret' }).authorization;
      expect(sign(req).Authorization, at).toBe(expected);
    }
  });

  it('refuses a signed-header list without content-type and host', () => {
    const { secretId, secretKey, ...rest } = fixture.vectors[0]!.input;
    expect(() => signTc3({ ...rest, signedHeaders: ['host'] }, { secretId, secretKey })).toThrow(/content-type and host/);
  });

  it('reads its own Authorization header back', () => {
    const { secretId, secretKey, ...rest } = fixture.vectors[1]!.input;
    const sig = signTc3(rest, { secretId, secretKey });
    expect(parseAuthorization(sig.authorization)).toEqual({
      secretId,
      date: '2019-02-25',
      service: 'cvm',
      signedHeaders: ['content-type', 'host', 'x-tc-action'],
      signature: sig.signature,
    });
    expect(parseAuthorization('TC3-HMAC-SHA256 Credential=x')).toBeUndefined();
  });
});
