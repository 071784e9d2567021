// The trigger's cursor rules, without I/O: windows overlap, ids are emitted
// once, memory is bounded and the state stays plain JSON.
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../shared/domain.ts';
import { admit, initialState, isInitialized, latest, MAX_SEEN, windowFor } from '../../nodes/lib/trigger/cursor.ts';

const call = (id: string, startedAt: string): CallRecord => ({
  center: 'c',
  id,
  direction: 'inbound',
  agents: [],
  startedAt,
  durations: {},
  outcome: 'abandoned_in_queue',
  vendorOutcome: 'x',
  raw: {},
});

const T0 = new Date('2026-11-23T09:00:00.000Z');
const at = (min: number) => new Date(T0.getTime() + min * 60_000);
const OVERLAP = 10 * 60_000;

describe('abandoned-call cursor', () => {
  it('starts uninitialized; the first state holds only the cursor', () => {
    expect(isInitialized({})).toBe(false);
    expect(initialState(T0)).toEqual({ cursor: T0.toISOString(), seen: [] });
  });

  it('reads from the cursor minus the overlap up to now', () => {
    expect(windowFor({ cursor: at(5).toISOString() }, at(6), OVERLAP)).toEqual({
      since: at(-5).toISOString(),
      until: at(6).toISOString(),
    });
  });

  it('emits each id once across overlapping polls, oldest first', () => {
    const a = call('a', at(1).toISOString());
    const b = call('b', at(0.5).toISOString());
    const first = admit(initialState(T0), [a, b], at(2), OVERLAP);
    expect(first.fresh.map((c) => c.id)).toEqual(['b', 'a']);
    const c = call('c', at(2.5).toISOString());
    const second = admit(first.next, [a, b, c], at(3), OVERLAP);
    expect(second.fresh.map((x) => x.id)).toEqual(['c']);
    expect(second.next.cursor).toBe(at(3).toISOString());
  });

  it('a listing cut short moves the cursor only to the newest call read, so the next poll reads the rest', () => {
    // Window 08:50..09:30; the poll read two pages (calls at 09:05 and 09:10) of more, oldest first.
    const state = { cursor: at(0).toISOString(), seen: [] };
    const read = [call('p1', at(5).toISOString()), call('p2', at(10).toISOString())];
    const first = admit(state, read, at(30), OVERLAP, { cutShort: true });
    expect(first.fresh.map((c) => c.id)).toEqual(['p1', 'p2']);
    // The next window starts at the newest call read (09:10), not at 09:30 minus the overlap (09:20):
    // the unread calls of 09:11..09:20 are still ahead.
    expect(windowFor(first.next, at(31), OVERLAP).since).toBe(at(10).toISOString());
    // The call at the window's start is read again but not emitted again; the unread ones are emitted.
    const second = admit(first.next, [read[1]!, call('p3', at(15).toISOString())], at(31), OVERLAP);
    expect(second.fresh.map((c) => c.id)).toEqual(['p3']);
    expect(second.next.cursor).toBe(at(31).toISOString());
  });

  it('a listing cut short with nothing newer than the window start keeps the cursor where it was', () => {
    const state = { cursor: at(0).toISOString(), seen: [] };
    const stuck = admit(state, [call('old', at(-10).toISOString())], at(30), OVERLAP, { cutShort: true });
    expect(stuck.next.cursor).toBe(at(0).toISOString());
    expect(admit(state, [], at(30), OVERLAP, { cutShort: true }).next.cursor).toBe(at(0).toISOString());
  });

  it('forgets ids once their calls fall out of the overlap, and keeps at most MAX_SEEN', () => {
    const old = admit(initialState(T0), [call('old', at(0).toISOString())], at(1), OVERLAP);
    const later = admit(old.next, [], at(20), OVERLAP);
    expect(later.next.seen).toEqual([]);
    const many = Array.from({ length: MAX_SEEN + 5 }, (_, i) => call(`id${i}`, at(19).toISOString()));
    expect(admit(initialState(T0), many, at(20), OVERLAP).next.seen).toHaveLength(MAX_SEEN);
  });

  it('keeps the state JSON-only', () => {
    const { next } = admit(initialState(T0), [call('a', at(1).toISOString())], at(2), OVERLAP);
    expect(JSON.parse(JSON.stringify(next))).toEqual(next);
  });

  it('manual samples are the newest few', () => {
    const calls = [call('a', at(1).toISOString()), call('b', at(3).toISOString()), call('c', at(2).toISOString())];
    expect(latest(calls, 2, at(4)).map((c) => c.id)).toEqual(['b', 'c']);
  });
});
