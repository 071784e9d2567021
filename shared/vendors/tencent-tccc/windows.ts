// Time windows and paging cursors for DescribeTelCdr. Pure.
// The API takes Unix seconds, a range shorter than 90 days, a start at most
// 180 days back, pages of at most 100 numbered from 0
// (cloud.tencent.com/document/product/1270/47714).
import { z } from 'zod/v4';
import { InvalidInput } from '../../errors.ts';

const DAY = 86_400;
/** "The range must be shorter than 90 days": end - start stays below 90 days. */
export const MAX_WINDOW_SECONDS = 90 * DAY - 1;
export const RETENTION_SECONDS = 180 * DAY;
export const MAX_PAGE_SIZE = 100;
/** Our clock may differ from Tencent's by up to the 5 minutes a signature allows. */
const CLOCK_MARGIN_SECONDS = 300;

/** The oldest start TCCC still accepts, with room for clock skew. */
export const oldestSearchable = (nowSeconds: number): number => nowSeconds - RETENTION_SECONDS + CLOCK_MARGIN_SECONDS;

/** Both ends inclusive, Unix seconds. */
export interface Window {
  start: number;
  end: number;
}

export const toSeconds = (iso: string | Date): number => Math.floor(new Date(iso).getTime() / 1000);

/** Consecutive windows, none longer than `max`, that never overlap (ends are inclusive). */
export function splitWindow(start: number, end: number, max = MAX_WINDOW_SECONDS): Window[] {
  if (!(end >= start)) return [];
  const out: Window[] = [];
  for (let s = start; s <= end; ) {
    const e = Math.min(s + max, end);
    out.push({ start: s, end: e });
    s = e + 1;
  }
  return out;
}

/** The search start refused when older than TCCC keeps records. */
export function checkRetention(start: number, nowSeconds: number): void {
  const oldest = oldestSearchable(nowSeconds);
  if (start < oldest) {
    throw new InvalidInput(
      `TCCC keeps call records for 180 days: search from ${new Date(oldest * 1000).toISOString()} or later.`,
      [{ path: 'from', message: 'more than 180 days ago' }],
    );
  }
}

// Cursor: where the next page starts. `w` window start, `p` vendor page,
// `i` records of that page already returned, `s` vendor page size, `u` the
// fixed end of a listing whose end was "now".
const CursorSchema = z.object({
  w: z.number().int().nonnegative(),
  p: z.number().int().nonnegative(),
  i: z.number().int().nonnegative(),
  s: z.number().int().min(1).max(MAX_PAGE_SIZE),
  u: z.number().int().nonnegative().optional(),
});
export type Cursor = z.infer<typeof CursorSchema>;

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

export function decodeCursor(token: string): Cursor {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidInput('The paging cursor is not one this TCCC center gave out; start the listing again without it.', [
      { path: 'cursor', message: 'not a TCCC cursor' },
    ]);
  }
}
