import { describe, expect, it } from 'vitest';
import { maskPhone, maskPhonesIn } from '../../shared/mask.ts';

describe('phone masking', () => {
  it.each([
    ['13175112345', '1317511****'],
    ['+8613175112345', '+861317****'],
    ['0571880012', '057188****'],
    ['12345', '1****'],
    ['8001', '8001'],
    ['', ''],
  ])('%s -> %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it('leaves an already masked number as it is (masking twice would hide more)', () => {
    for (const n of ['13175112345', '+8613175112345', '12345']) expect(maskPhone(maskPhone(n))).toBe(maskPhone(n));
  });

  it('masks every number inside text and keeps the rest', () => {
    expect(maskPhonesIn('ringing 13175112345, joined 8001')).toBe('ringing 1317511****, joined 8001');
  });
});
