import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../shared/config.ts';

const center = {
  vendor: 'aliyun-ccc',
  instanceId: 'ccc-test',
  accessKeyId: 'testid',
  accessKeySecret: { env: 'CCC_SECRET' },
};
const env = { CCC_SECRET: 's3cret-value' };

describe('configuration', () => {
  it('loads named centers with secrets by reference, defaults filled in', () => {
    const config = parseConfig({ centers: { shanghai: center } }, { env });
    expect(config.defaultCenter).toBe('shanghai');
    const p = config.centers.shanghai!;
    expect(p.vendor).toBe('aliyun-ccc');
    if (p.vendor !== 'aliyun-ccc') throw new Error('vendor');
    expect(p.endpoint).toBe('https://ccc.cn-shanghai.aliyuncs.com');
    expect(p.signatureVersion).toBe('v3');
    expect(p.accessKeySecret.reveal()).toBe('s3cret-value');
  });

  it('never prints a loaded secret', () => {
    const config = parseConfig({ centers: { shanghai: center } }, { env });
    const shown = [JSON.stringify(config), inspect(config, { depth: 10 }), `${(config.centers.shanghai as { accessKeySecret: unknown }).accessKeySecret}`];
    for (const s of shown) expect(s).not.toContain('s3cret-value');
  });

  it('reads secrets from files', () => {
    const config = parseConfig(
      { centers: { sh: { ...center, accessKeySecret: { file: '/run/secrets/ccc' } } } },
      { env: {}, readFile: (p) => (p === '/run/secrets/ccc' ? 'from-file\n' : '') },
    );
    expect((config.centers.sh as { accessKeySecret: { reveal(): string } }).accessKeySecret.reveal()).toBe('from-file');
  });

  it.each([
    [{ centers: {} }, /centers: configure at least one contact center/],
    [{ centers: { shanghai: { ...center, accessKeySecret: 'plain' } } }, /centers\.shanghai\.accessKeySecret: secrets are not written in the configuration/],
    [{ centers: { shanghai: { ...center, endpoint: 'not a url' } } }, /centers\.shanghai\.endpoint: expected a URL like https:\/\/ccc/],
    [{ centers: { shanghai: { ...center, vendor: 'genesys' } } }, /centers\.shanghai\.vendor: expected "vendor" to be one of/],
    [{ centers: { Shanghai: center } }, /center names are lower-case/],
    [{ centers: { shanghai: { ...center, instanceId: '' } } }, /centers\.shanghai\.instanceId: the CCC instance id/],
    [{ centers: { shanghai: center }, defaultCenter: 'beijing' }, /defaultCenter: "beijing" is not one of the centers \(shanghai\)/],
    [{ centers: { shanghai: center }, extra: 1 }, /Unrecognized key/i],
  ])('names the bad field and what is expected: %#', (input, message) => {
    expect(() => parseConfig(input, { env })).toThrow(message);
  });

  it('says which variable is missing, without a value', () => {
    expect(() => parseConfig({ centers: { shanghai: center } }, { env: {} })).toThrow(
      /centers\.shanghai\.accessKeySecret: environment variable CCC_SECRET is not set/,
    );
  });
});
