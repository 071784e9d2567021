// The trigger's poll over more abandoned calls than one poll reads: nothing
// is skipped and nothing is emitted twice. The contact center is an
// in-process stand-in (the listing's paging is what is under test, not a
// vendor's wire format); polls run through the n8n stand-in of harness.ts.
import { describe, expect, it } from 'vitest';
import type { CallRecord, ListAbandonedInput, Page } from '../../shared/domain.ts';
import { type Capabilities, type ContactCenter, OPERATIONS, supported } from '../../shared/port.ts';
import type { CenterConnector } from '../../nodes/lib/connector.ts';
import { pollAbandonedCalls } from '../../nodes/lib/trigger/poll.ts';
import { Harness } from './harness.ts';

/** A center holding `count` abandoned calls one second apart from `firstAt`; one call a page, oldest first. */
function pagedCenter(firstAt: number, count: number): { connector: CenterConnector; pagesRead: () => number } {
  const calls: CallRecord[] = Array.from({ length: count }, (_, i) => ({
    center: 'paged',
    id: `call-${i}`,
    direction: 'inbound',
    agents: [],
    startedAt: new Date(firstAt + i * 1000).toISOString(),
    durations: {},
    outcome: 'abandoned_in_queue',
    vendorOutcome: 'x',
    raw: {},
  }));
  let pages = 0;
  const center = {
    vendor: 'tencent-tccc',
    center: 'paged',
    capabilities: Object.fromEntries(OPERATIONS.map((op) => [op, supported])) as Capabilities,
    async listAbandonedCalls(input: ListAbandonedInput): Promise<Page<CallRecord>> {
      pages++;
      const since = Date.parse(input.since);
      const until = input.until ? Date.parse(input.until) : Infinity;
      const inWindow = calls.filter((c) => Date.parse(c.startedAt!) >= since && Date.parse(c.startedAt!) <= until);
      const at = input.cursor ? Number(input.cursor) : 0;
      return { items: inWindow.slice(at, at + 1), ...(at + 1 < inWindow.length ? { nextCursor: String(at + 1) } : {}) };
    },
    async close() {},
  };
  const connector: CenterConnector = {
    vendor: 'tencent-tccc',
    credentialName: 'none',
    operations: ['listAbandonedCalls'],
    // Only the members the trigger uses; the rest of ContactCenter is never called here.
    connect: async () => center as unknown as ContactCenter,
  };
  return { connector, pagesRead: () => pages };
}

describe('abandoned-call trigger poll', () => {
  it('a listing longer than one poll reads is emitted over the next polls, each call once', async () => {
    const now = Date.now();
    // 120 calls from 5 minutes ago, one a page; the trigger reads 50 pages a poll and its overlap is 1 minute,
    // so all but the first 50 calls fall before the overlap of a cursor moved to "now".
    const { connector } = pagedCenter(now - 5 * 60_000, 120);
    const h = new Harness({
      credentials: {},
      parameters: { event: 'callAbandoned', options: { overlapMinutes: 1 } },
      staticData: { cursor: new Date(now - 5 * 60_000).toISOString(), seen: [] },
    });
    const emitted: string[] = [];
    for (let poll = 0; poll < 4; poll++) {
      const out = await pollAbandonedCalls.call(h.poll(), connector);
      emitted.push(...(out?.[0] ?? []).map((i) => String(i.json.id)));
    }
    expect(emitted).toHaveLength(120);
    expect(new Set(emitted).size).toBe(120);
    expect(h.warnings.some((w) => /carries on from the newest one read/.test(w))).toBe(true);
  });
});
