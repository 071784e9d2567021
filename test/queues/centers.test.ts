// Centers' health record, which /healthz serves without authentication.
import { describe, expect, it } from 'vitest';
import { Centers } from '../../queues/centers.ts';
import type { ContactCenter } from '../../shared/port.ts';

describe('Centers health', () => {
  it('keeps the last error without the full phone number a vendor message may carry', () => {
    const centers = new Centers([{ center: 'c1', vendor: 'tencent-tccc' } as ContactCenter], () => 0);
    centers.failed('c1', Object.assign(new Error('Callee 13175112345 is not a valid number'), { code: 'ccops_vendor_error' }));
    const h = centers.health().c1!;
    expect(h.lastError?.message).toContain('1317511****');
    expect(JSON.stringify(h)).not.toContain('13175112345');
  });
});
