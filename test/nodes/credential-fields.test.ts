// The credentials' secret fields are password fields (masked in n8n's editor).
// n8n-node lint checks this only where the properties are written inline; the
// two Alibaba credentials take theirs from nodes/credentials/aliyun-fields.ts,
// so this test is what keeps them masked.
import type { ICredentialType } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { AliyunAiccsApi } from '../../nodes/credentials/AliyunAiccsApi.credentials.ts';
import { AliyunCccApi } from '../../nodes/credentials/AliyunCccApi.credentials.ts';
import { HuaweiAiccApi } from '../../nodes/credentials/HuaweiAiccApi.credentials.ts';
import { TencentTcccApi } from '../../nodes/credentials/TencentTcccApi.credentials.ts';

const SECRETS: Array<[ICredentialType, string[]]> = [
  [new AliyunCccApi(), ['accessKeySecret', 'securityToken']],
  [new AliyunAiccsApi(), ['accessKeySecret', 'securityToken']],
  [new TencentTcccApi(), ['secretKey', 'token']],
  [new HuaweiAiccApi(), ['password']],
];

describe('credential fields', () => {
  it.each(SECRETS.map(([cred, secrets]) => ({ name: cred.name, cred, secrets })))('$name: secrets are password fields, and nothing that looks secret is shown in clear', ({ cred, secrets }) => {
    const byName = new Map(cred.properties.map((p) => [p.name, p]));
    for (const name of secrets) expect(byName.get(name)?.typeOptions?.password, `${cred.name}.${name}`).toBe(true);
    const clear = cred.properties.filter(
      // An id (AccessKey ID, SecretId) names the key and is not itself secret.
      (p) => /secret|password|token/i.test(p.name) && !/Id$/.test(p.name) && p.type !== 'hidden' && p.typeOptions?.password !== true,
    );
    expect(clear.map((p) => p.name)).toEqual([]);
  });

  it('the Alibaba credentials share their fields, with each product\'s own defaults', () => {
    const ccc = new AliyunCccApi().properties;
    const aiccs = new AliyunAiccsApi().properties;
    const names = (ps: typeof ccc) => ps.map((p) => p.name);
    expect(names(ccc)).toEqual(['accessKeyId', 'accessKeySecret', 'securityToken', 'region', 'endpoint', 'instanceId', 'signatureVersion']);
    expect(names(aiccs)).toEqual([...names(ccc), 'timeZone']);
    expect(ccc.find((p) => p.name === 'region')?.default).toBe('cn-shanghai');
    expect(aiccs.find((p) => p.name === 'region')?.default).toBe('');
    expect(aiccs.find((p) => p.name === 'endpoint')?.placeholder).toBe('https://aiccs.aliyuncs.com');
  });
});
