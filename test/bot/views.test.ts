// The Block Kit views: Slack's limits hold whatever the data, phone numbers
// are masked, and the alert shows only the controls that make sense.
import { describe, expect, it } from 'vitest';
import type { AlertCall } from '../../queues/alert.ts';
import type { CallRecord } from '../../shared/domain.ts';
import { type Block, fitMessage, LIMITS, type Message } from '../../bot/views/blocks.ts';
import { callCard } from '../../bot/views/call.ts';
import { conferenceCard } from '../../bot/views/conference.ts';
import { pendingView } from '../../bot/views/working.ts';
import { errorView, usageErrorView } from '../../bot/views/error.ts';
import { helpView } from '../../bot/views/help.ts';
import { searchResults } from '../../bot/views/search.ts';
import { renderAlert } from '../../bot/views/alert.ts';
import { renderDigest } from '../../bot/views/digest.ts';
import { homeView } from '../../bot/views/home.ts';
import { supported, unsupported } from '../../shared/port.ts';

const FULL = '13175112345';

function call(i: number, extra: Partial<CallRecord> = {}): CallRecord {
  return {
    center: 'shanghai',
    id: `call-${i}`,
    direction: 'inbound',
    caller: FULL,
    callee: '02188886666',
    agents: ['agent@ccc-test'],
    skillGroup: 'support',
    startedAt: '2026-11-23T09:00:00Z',
    durations: { queue: 42, talk: 0, total: 50 },
    outcome: 'abandoned_in_queue',
    vendorOutcome: 'AbandonedInQueue',
    raw: {},
    ...extra,
  };
}

/** Every limit the views promise, checked on the JSON Slack would receive. */
function assertWithinLimits(m: Message, maxBlocks: number = LIMITS.messageBlocks): void {
  expect(m.blocks.length).toBeLessThanOrEqual(maxBlocks);
  expect(m.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  for (const b of m.blocks as Block[]) {
    if (b.type === 'section') {
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(b.text || (b.fields && b.fields.length)).toBeTruthy();
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
      expect((b.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fields);
    }
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    if (b.type === 'context') expect(b.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
    if (b.type === 'actions') {
      expect(b.elements.length).toBeLessThanOrEqual(LIMITS.actionsElements);
      for (const e of b.elements) if (e.type === 'button') expect(e.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
    }
  }
}

const noFullNumber = (m: unknown) => expect(JSON.stringify(m)).not.toContain(FULL);

describe('Slack limits', () => {
  it('search results cut 500 calls to 50 blocks and say how many more there are', () => {
    const m = fitMessage(searchResults({ items: Array.from({ length: 500 }, (_, i) => call(i)), total: 500 }, { center: 'shanghai', description: 'in the last 1 h' }));
    assertWithinLimits(m);
    expect(m.blocks.length).toBe(LIMITS.messageBlocks);
    expect(JSON.stringify(m.blocks.at(-1))).toContain('452 more not shown');
    noFullNumber(m);
  });

  it('fitMessage cuts any message to 50 blocks, counting what it cut, and sections to 3,000 characters', () => {
    const huge = 'x'.repeat(10_000);
    const m = fitMessage({
      text: huge,
      blocks: Array.from({ length: 120 }, () => ({ type: 'section', text: { type: 'mrkdwn', text: huge } }) as Block),
    });
    assertWithinLimits(m);
    expect(JSON.stringify(m.blocks.at(-1))).toContain('71 more blocks not shown');
  });

  it('a call card with absurdly long fields stays within limits', () => {
    const long = 'a'.repeat(5000);
    const m = fitMessage(callCard(call(1, { id: long, skillGroup: long, agents: Array(300).fill(long), vendorOutcome: long })));
    assertWithinLimits(m);
  });

  it('help, errors and usage stay within limits', () => {
    assertWithinLimits(fitMessage(helpView(undefined, { centers: Array.from({ length: 500 }, (_, i) => `c${i}`), defaultCenter: 'c1' })));
    assertWithinLimits(fitMessage(errorView({ code: 'ccops_vendor_error', message: 'm'.repeat(9000), vendorCode: 'X', requestId: 'r' }, { what: 'agent x' })));
    assertWithinLimits(fitMessage(usageErrorView('e'.repeat(4000), 'u'.repeat(4000))));
  });

  it('a conference with 200 legs, a digest of 1,000 calls and a Home tab with 300 centers stay within limits', () => {
    const legs = Array.from({ length: 200 }, (_, i) => ({ address: `1317511${String(i).padStart(4, '0')}`, kind: 'phone' as const, state: 'ringing' as const }));
    assertWithinLimits(fitMessage(conferenceCard({ center: 's', id: 'c', participants: legs, raw: {} }, { phase: 'starting' })));
    const alerts: AlertCall[] = Array.from({ length: 1000 }, (_, i) => ({ alertId: `a${i}`, center: `c${i % 30}`, callId: `${i}`, caller: FULL, skillGroup: `q${i % 7}`, outcome: 'abandoned_in_queue', vendorOutcome: 'x', waitSeconds: i, detectedAt: 0 }));
    const digest = fitMessage(renderDigest(alerts, { channel: '#a', now: new Date() }));
    assertWithinLimits(digest);
    expect(digest.text).toContain('1000 abandoned calls');
    noFullNumber(digest);
    const home = homeView({
      user: 'U1',
      isSupervisor: true,
      at: new Date().toISOString(),
      centers: Array.from({ length: 300 }, (_, i) => ({ center: `c${i}`, alertsLastHour: i, agents: [{ agentId: 'a', state: 'ready' as const }], mutes: [] })),
    });
    expect(home.blocks.length).toBeLessThanOrEqual(LIMITS.homeBlocks);
  });
});

describe('masking and content', () => {
  it('cards and conference progress show 1317511****, never the full number', () => {
    const card = callCard(call(1));
    expect(JSON.stringify(card)).toContain('1317511****');
    noFullNumber(card);
    const conf = conferenceCard(
      { center: 's', id: 'job-1', participants: [{ address: FULL, kind: 'phone', state: 'ringing' }, { address: '8001', kind: 'agent', state: 'no_answer' }], raw: {} },
      { phase: 'starting', timeoutSeconds: 30 },
    );
    const json = JSON.stringify(conf);
    expect(json).toContain('ringing 1317511****');
    expect(json).toContain('8001: no answer after 30 s');
    noFullNumber(conf);
  });

  it('errors say what went wrong and what to try, with the vendor code and request id', () => {
    const m = errorView({ code: 'ccops_vendor_error', message: `Agent ${FULL} is not signed in.`, vendor: 'aliyun-ccc', vendorCode: 'Agent.NotLoggedIn', requestId: 'req-1', retryable: false }, { what: 'agent x' });
    const json = JSON.stringify(m);
    expect(json).toContain('What to try');
    expect(json).toContain('Agent.NotLoggedIn');
    expect(json).toContain('req-1');
    noFullNumber(m);
  });

  it('vendor sentences in a conference card or a pending reply have their numbers masked', () => {
    const conf = conferenceCard({ center: 's', id: 'c', participants: [], raw: {} }, { phase: 'failed', progress: `ringing ${FULL}`, reason: `${FULL} is busy` });
    expect(JSON.stringify(conf)).toContain('1317511**** is busy');
    noFullNumber(conf);
    noFullNumber(pendingView('conference', 's', `ringing ${FULL}`));
  });

  it('user text cannot mention or link: <, > and & are escaped', () => {
    expect(JSON.stringify(errorView({ code: 'x', message: '<!channel> & <http://evil>' }))).toContain('&lt;!channel&gt; &amp; &lt;http://evil&gt;');
  });
});

describe('the alert', () => {
  const a: AlertCall = { alertId: 'shanghai-c1', center: 'shanghai', callId: 'c1', caller: FULL, skillGroup: 'support', outcome: 'abandoned_in_queue', vendorOutcome: 'AbandonedInQueue', waitSeconds: 95, abandonedAt: '2026-11-23T09:00:00Z', detectedAt: 1 };
  const ctx = { channel: '#a', now: new Date() };
  const actions = (m: Message) => JSON.stringify(m.blocks.find((b) => b.type === 'actions'));

  it('has Acknowledge, Call back (when the vendor can), Assign and Mute, and masks the caller', () => {
    const m = renderAlert(a, ctx, {}, { callback: supported });
    for (const id of ['alert.ack', 'alert.callback', 'alert.assign', 'alert.mute']) expect(actions(m)).toContain(id);
    expect(JSON.stringify(m)).toContain('1317511****');
    expect(JSON.stringify(m)).toContain('1 min 35 s');
    noFullNumber(m);
    assertWithinLimits(m);
  });

  it('a failed Call back shows the vendor sentence with the caller\'s number masked', () => {
    const m = renderAlert(a, ctx, { callback: { user: 'U1', at: '2026-11-23T09:05:00Z', status: 'failed', detail: `Participant ${FULL} did not answer.` } }, { callback: supported });
    expect(JSON.stringify(m)).toContain('Participant 1317511**** did not answer.');
    noFullNumber(m);
  });

  it('has no Call back where the vendor cannot, and says why', () => {
    const m = renderAlert(a, ctx, {}, { callback: unsupported('Tencent TCCC starts conferences only from the agent\'s Web SDK.') });
    expect(actions(m)).not.toContain('alert.callback');
    expect(JSON.stringify(m)).toContain('only from the agent');
  });

  it('once acknowledged shows who and when, and no Acknowledge button; repeats and owner are shown', () => {
    const m = renderAlert(a, ctx, { ack: { user: 'U1', at: '2026-11-23T09:05:00Z' }, owner: { user: 'U2', by: 'U1', at: '2026-11-23T09:06:00Z' }, repeats: { count: 2 } }, { callback: supported });
    const json = JSON.stringify(m);
    expect(json).toContain('Acknowledged by <@U1>');
    expect(json).toContain('Owner <@U2>');
    expect(json).toContain('+2 more from 1317511****');
    expect(actions(m)).not.toContain('alert.ack');
  });

  it('a digest shows the banner of a muted queue with the calls held while muted', () => {
    const m = renderDigest([a, { ...a, alertId: 'x', callId: 'c2' }], ctx, [{ center: 'shanghai', skillGroup: 'support', until: '2026-11-23T10:00:00Z', by: 'U1' }], [a]);
    const json = JSON.stringify(m);
    expect(json).toContain('is muted until');
    expect(json).toContain('1 call held while muted');
  });
});
