// Which abandoned calls a poll should emit: pure, so the rules are tested
// without n8n. The cursor is the end of the last polled window; each poll
// reads again from `overlap` before it (call records can be written a while
// after the call) and drops the ids it has already emitted. The first poll
// after activation sets the cursor and records the calls already in the
// overlap window without emitting them: activating a workflow must not
// replay the history. A listing cut short (too many pages for one poll)
// moves the cursor only as far as the newest call read, so the next poll
// carries on from there instead of skipping the unread pages.
import type { CallRecord } from '../../core/index.ts';

/** Kept in the workflow's static data: small and JSON only. */
export interface AbandonedCursorState {
  /**
   * ISO time; the next window starts `overlap` before it. After a complete
   * listing it is the end of the window read; after one cut short, the newest
   * call read plus the overlap (it may then be ahead of the clock).
   */
  cursor?: string;
  /** Ids emitted within the overlap, with the time each call is filed under. */
  seen?: Array<[id: string, at: string]>;
}

/** Re-read this far back on every poll. @defaultValue 10 minutes */
export const DEFAULT_OVERLAP_MS = 10 * 60_000;
/** A bound on the memory a trigger keeps, whatever the call volume. */
export const MAX_SEEN = 2_000;

/** When a call happened, for ordering and forgetting. */
export function filedAt(call: CallRecord, fallback: Date): string {
  return call.startedAt ?? call.queuedAt ?? call.ringingAt ?? call.releasedAt ?? fallback.toISOString();
}

export function isInitialized(state: AbandonedCursorState): boolean {
  return typeof state.cursor === 'string' && !Number.isNaN(Date.parse(state.cursor));
}

/** The state after the first poll: the cursor at `now`, nothing seen. */
export function initialState(now: Date): Required<AbandonedCursorState> {
  return { cursor: now.toISOString(), seen: [] };
}

/** The window to read now: from the cursor minus the overlap, to now. */
export function windowFor(state: AbandonedCursorState, now: Date, overlapMs: number): { since: string; until: string } {
  const cursorMs = isInitialized(state) ? Date.parse(state.cursor!) : now.getTime();
  const since = new Date(Math.min(cursorMs, now.getTime()) - overlapMs);
  return { since: since.toISOString(), until: now.toISOString() };
}

/** The newest time a call is filed under, ignoring calls without one. */
function newestFiled(calls: readonly CallRecord[]): number | undefined {
  let newest: number | undefined;
  for (const call of calls) {
    const at = Date.parse(call.startedAt ?? call.queuedAt ?? call.ringingAt ?? call.releasedAt ?? '');
    if (!Number.isNaN(at) && (newest === undefined || at > newest)) newest = at;
  }
  return newest;
}

/**
 * Where the cursor goes after reading `calls` from the window of `state`.
 * A complete listing moves it to `now`. A listing cut short (oldest first)
 * moves it so that the next window starts at the newest call read; if no
 * call read is newer than the window's start it stays, rather than skip.
 */
function nextCursor(state: AbandonedCursorState, calls: readonly CallRecord[], now: Date, overlapMs: number, cutShort: boolean): string {
  if (!cutShort) return now.toISOString();
  const since = Date.parse(windowFor(state, now, overlapMs).since);
  const newest = newestFiled(calls);
  if (newest === undefined || newest <= since) return isInitialized(state) ? state.cursor! : now.toISOString();
  return new Date(Math.min(newest, now.getTime()) + overlapMs).toISOString();
}

/**
 * The calls not emitted before (oldest first) and the state to keep. Ids are
 * forgotten once their call is older than the next window's start.
 * `cutShort`: the listing stopped with pages left unread.
 */
export function admit(
  state: AbandonedCursorState,
  calls: readonly CallRecord[],
  now: Date,
  overlapMs: number,
  { cutShort = false }: { cutShort?: boolean } = {},
): { fresh: CallRecord[]; next: Required<AbandonedCursorState> } {
  const seen = new Map<string, string>(state.seen ?? []);
  const fresh: CallRecord[] = [];
  for (const call of calls) {
    if (seen.has(call.id)) continue;
    seen.set(call.id, filedAt(call, now));
    fresh.push(call);
  }
  fresh.sort((a, b) => Date.parse(filedAt(a, now)) - Date.parse(filedAt(b, now)));
  const cursor = nextCursor(state, calls, now, overlapMs, cutShort);
  const forgetBefore = Date.parse(windowFor({ cursor }, now, overlapMs).since);
  const kept = [...seen.entries()]
    .filter(([, at]) => Date.parse(at) >= forgetBefore || Number.isNaN(Date.parse(at)))
    .sort((a, b) => Date.parse(a[1]) - Date.parse(b[1]))
    .slice(-MAX_SEEN);
  return { fresh, next: { cursor, seen: kept } };
}

/** Manual mode ("Fetch Test Event"): the newest few, newest first. */
export function latest(calls: readonly CallRecord[], count: number, now: Date): CallRecord[] {
  return [...calls].sort((a, b) => Date.parse(filedAt(b, now)) - Date.parse(filedAt(a, now))).slice(0, count);
}
