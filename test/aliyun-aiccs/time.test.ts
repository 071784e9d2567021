// The instance's wall-clock times to ISO-8601 with offset, Intl only.
import { describe, expect, it } from 'vitest';
import { formatLocalTime, offsetMinutesAt, parseLocalTime, toZonedIso } from '../../shared/vendors/aliyun-aiccs/time.ts';

describe('AICCS local times', () => {
  it('reads yyyy-MM-dd HH:mm:ss in Asia/Shanghai as +08:00', () => {
    expect(parseLocalTime('2020-10-02 22:32:55', 'Asia/Shanghai')).toEqual({
      iso: '2020-10-02T22:32:55+08:00',
      epochMs: Date.parse('2020-10-02T14:32:55Z'),
    });
  });

  it('uses the configured zone', () => {
    expect(parseLocalTime('2020-10-02 22:32:55', 'UTC')?.iso).toBe('2020-10-02T22:32:55+00:00');
    expect(parseLocalTime('2020-10-02 22:32:55', 'Asia/Kolkata')?.iso).toBe('2020-10-02T22:32:55+05:30');
    expect(parseLocalTime('2020-10-02 22:32:55', 'America/Sao_Paulo')?.iso).toBe('2020-10-02T22:32:55-03:00');
  });

  it('follows daylight saving time (America/New_York)', () => {
    expect(parseLocalTime('2026-01-15 12:00:00', 'America/New_York')?.iso).toBe('2026-01-15T12:00:00-05:00');
    expect(parseLocalTime('2026-07-15 12:00:00', 'America/New_York')?.iso).toBe('2026-07-15T12:00:00-04:00');
    // 02:30 does not exist on 2026-03-08: resolved to a real instant, written consistently
    const skipped = parseLocalTime('2026-03-08 02:30:00', 'America/New_York')!;
    expect(Date.parse(skipped.iso)).toBe(skipped.epochMs);
  });

  it('round-trips through the vendor format', () => {
    const t = Date.parse('2026-11-23T09:41:00Z');
    expect(formatLocalTime(t, 'Asia/Shanghai')).toBe('2026-11-23 17:41:00');
    expect(parseLocalTime(formatLocalTime(t, 'Asia/Shanghai'), 'Asia/Shanghai')?.epochMs).toBe(t);
    expect(toZonedIso(t, 'Asia/Shanghai')).toBe('2026-11-23T17:41:00+08:00');
    expect(offsetMinutesAt(t, 'Asia/Shanghai')).toBe(480);
  });

  it('leaves empty and malformed values undefined', () => {
    for (const v of [undefined, null, '', '2020-10-02', '2020/10/02 22:32:55', '2020-10-02T22:32:55']) {
      expect(parseLocalTime(v, 'Asia/Shanghai')).toBeUndefined();
    }
  });
});
