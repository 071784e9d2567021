// Logs never carry secrets or full phone numbers, however they are passed.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../queues/logger.ts';
import { TransportError, VendorError } from '../../shared/errors.ts';
import { maskPhone } from '../../shared/mask.ts';
import { Secret } from '../../shared/secret.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: createLogger({ level: 'debug' }, stream), text: () => lines.join('') };
}

describe('service logger', () => {
  it('censors secret fields at any depth and Secret values', () => {
    const { logger, text } = capture();
    logger.info(
      {
        password: 'hunter2-top',
        profile: { accessKeySecret: 'AKS-very-secret', nested: { token: 'xoxb-1234-secret', botToken: 'xoxb-abc-secret' } },
        headers: { authorization: 'Bearer xoxb-header-secret' },
        key: new Secret('s3cr3t-value'),
        deeper: { a: { b: { c: { secretKey: 'deep-secret-key' } } } },
      },
      'configured',
    );
    const out = text();
    for (const s of ['hunter2-top', 'AKS-very-secret', 'xoxb-1234-secret', 'xoxb-abc-secret', 'xoxb-header-secret', 's3cr3t-value', 'deep-secret-key']) {
      expect(out).not.toContain(s);
    }
    expect(out).toContain('[redacted]');
    expect(JSON.parse(out).msg).toBe('configured');
  });

  it('keeps identifiers readable (job ids, request ids, Slack ts)', () => {
    const { logger, text } = capture();
    logger.info({ jobId: '12345678', requestId: '20260101123456789', ts: '1795428000.000100', caller: '13175112345' }, 'posted');
    const line = JSON.parse(text()) as Record<string, string>;
    expect(line).toMatchObject({ jobId: '12345678', requestId: '20260101123456789', ts: '1795428000.000100', caller: maskPhone('13175112345') });
  });

  it('masks phone numbers in fields, messages, arrays and errors', () => {
    const { logger, text } = capture();
    logger.warn({ caller: '13175112345', calls: [{ callee: '+8613912345678' }] }, 'call from 13175112346 abandoned');
    logger.error(
      { err: new VendorError({ vendor: 'x', vendorCode: 'E1', message: 'number 13175112347 is busy', retryable: false }) },
      'failed',
    );
    logger.error({ err: new TransportError('reset while calling 13175112348', 'ECONNRESET', true) }, 'transport');
    const out = text();
    for (const n of ['13175112345', '8613912345678', '13175112346', '13175112347', '13175112348']) expect(out).not.toContain(n);
    expect(out).toContain(`"caller":"${maskPhone('13175112345')}"`);
    expect(out).toContain(maskPhone('+8613912345678'));
    expect(out).toContain('"vendorCode":"E1"'); // errors keep their fields
    expect(out).toContain('"type":"VendorError"');
  });
});
