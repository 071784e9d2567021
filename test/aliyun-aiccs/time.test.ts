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

  it('agrees with Intl at every instant, around DST changes and in odd zones (the offset cache is exact)', () => {
    const formatters = new Map<string, Intl.DateTimeFormat>();
    const intl = (ms: number, tz: string) => {
      let f = formatters.get(tz);
      if (!f) {
        f = new Intl.DateTimeFormat('en-US', {
          timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
        });
        formatters.set(tz, f);
      }
      const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
    };
    const zones = ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/London'];
    const start = Date.parse('2026-01-01T00:00:00Z');
    const mismatches: string[] = [];
    for (const tz of zones) {
      // every 53 minutes 7 seconds for a year: every hour-of-day and minute offset gets visited
      for (let t = start; t < start + 365 * 86_400_000; t += 3_187_000) {
        if (formatLocalTime(t, tz) !== intl(t, tz)) mismatches.push(`${tz} ${new Date(t).toISOString()}`);
      }
    }
    expect(mismatches).toEqual([]);
    for (const iso of ['2026-03-08T06:59:59Z', '2026-03-08T07:00:00Z', '2026-11-01T05:59:59Z', '2026-11-01T06:00:00Z']) {
      const t = Date.parse(iso);
      expect(formatLocalTime(t, 'America/New_York')).toBe(intl(t, 'America/New_York'));
    }
  });
});
