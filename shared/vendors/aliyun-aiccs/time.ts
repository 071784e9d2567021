// AICCS writes call times as `yyyy-MM-dd HH:mm:ss` in the instance's own time
// zone, with no offset. These pure functions turn them into ISO-8601 instants
// with the zone's offset, and back, using only Intl (no time-zone library).

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

const asUtc = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/**
 * Every zone's offset is a whole multiple of 15 minutes and changes only at a
 * local time that is one too, so it is constant within each 15-minute UTC
 * slice: Intl is asked once per zone and slice, and the rest is arithmetic
 * (formatToParts costs microseconds; a page of call records needs hundreds).
 */
const SLICE_MS = 15 * 60_000;
const offsetCache = new Map<string, number>();

/** The zone's offset from UTC at an instant, in minutes (Asia/Shanghai: 480). */
export function offsetMinutesAt(epochMs: number, timeZone: string): number {
  const slice = Math.floor(epochMs / SLICE_MS) * SLICE_MS;
  const key = `${timeZone}|${slice}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = Math.round((asUtc(wallClockAt(slice, timeZone)) - slice) / 60_000);
    if (offsetCache.size >= 50_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * `2020-10-02 22:32:55` in `Asia/Shanghai` -> `{ iso: '2020-10-02T22:32:55+08:00', epochMs }`.
 * Undefined for empty or malformed input (the vendor leaves unset times empty).
 * A wall-clock time that a DST change skips or repeats resolves to the
 * earlier offset, as most libraries do.
 */
export function parseLocalTime(value: string | null | undefined, timeZone: string): { iso: string; epochMs: number } | undefined {
  if (!value) return undefined;
  const m = LOCAL_TIME.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(guess)) return undefined;
  // The instant is the wall-clock read as UTC minus the zone's offset at that
  // instant; two rounds settle it next to a DST change.
  let offset = offsetMinutesAt(guess, timeZone);
  let epochMs = guess - offset * 60_000;
  const second = offsetMinutesAt(epochMs, timeZone);
  if (second !== offset) {
    offset = second;
    epochMs = guess - offset * 60_000;
  }
  return { iso: toZonedIso(epochMs, timeZone), epochMs };
}

/** An instant as ISO-8601 in the zone, e.g. `2020-10-02T22:32:55+08:00`. */
export function toZonedIso(epochMs: number, timeZone: string): string {
  return `${formatLocalTime(epochMs, timeZone).replace(' ', 'T')}${formatOffset(offsetMinutesAt(epochMs, timeZone))}`;
}

/** An instant as the vendor writes it: `yyyy-MM-dd HH:mm:ss` in the zone. */
export function formatLocalTime(epochMs: number, timeZone: string): string {
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + offsetMinutesAt(epochMs, timeZone) * 60_000);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${String(local.getUTCFullYear()).padStart(4, '0')}-${p2(local.getUTCMonth() + 1)}-${p2(local.getUTCDate())} ${p2(local.getUTCHours())}:${p2(local.getUTCMinutes())}:${p2(local.getUTCSeconds())}`;
}
