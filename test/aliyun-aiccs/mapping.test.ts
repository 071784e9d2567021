// Pure mapping: the doc's example payloads and value lists into the domain.
import { describe, expect, it } from 'vitest';
import { AgentState, CallRecord, type CallOutcome } from '../../shared/domain.ts';
import {
  AGENT_STATUS_CODES,
  breakTypeFor,
  CALL_RESULT_OUTCOMES,
  callOutcome,
  callResultCategories,
  HOTLINE_STATUS,
  toAgentState,
  toCallRecord,
} from '../../shared/vendors/aliyun-aiccs/mapping.ts';
import { AiccsEnvelope, HotlineSessionQueryData } from '../../shared/vendors/aliyun-aiccs/schemas.ts';
import seed from '../fixtures/aliyun-aiccs/hotline-session-query.json' with { type: 'json' };
import notes from '../fixtures/aliyun-aiccs/notes-examples.json' with { type: 'json' };

const TZ = 'Asia/Shanghai';

describe('HotlineSessionQuery example response (seed page)', () => {
  const envelope = AiccsEnvelope.parse(seed.response);
  const data = HotlineSessionQueryData.parse(envelope.Data);
  const raw = data.CallDetailRecord![0]!;
  const record = toCallRecord('hz', raw, TZ);

  it('parses the envelope and the page', () => {
    expect(envelope).toMatchObject({ Code: 'Success', Success: true, RequestId: 'EE339D98-9BD3-4413-B165' });
    expect(data).toMatchObject({ PageNumber: 1, PageSize: 10, TotalCount: 26 });
    expect(data.CallDetailRecord).toHaveLength(1);
  });

  it('maps the record into a valid domain CallRecord', () => {
    expect(CallRecord.parse(record)).toEqual(record);
    expect(record).toMatchObject({
      center: 'hz',
      id: '7719786',
      direction: 'outbound',
      caller: '0571773',
      callee: '135615*****',
      agents: ['555555'],
      skillGroup: '自动化技能组',
      startedAt: '2020-10-02T22:32:55+08:00',
      queuedAt: '2020-10-02T22:32:55+08:00',
      ringingAt: '2020-10-02T22:32:59+08:00',
      answeredAt: '2020-10-02T22:33:09+08:00',
      releasedAt: '2020-10-02T22:33:46+08:00',
      durations: { total: 51, queue: 4, ring: 10, talk: 37 },
      outcome: 'answered',
      vendorOutcome: 'normal',
      releasedBy: 'customer',
      satisfaction: 4,
    });
  });

  it('keeps every vendor field in raw', () => {
    expect(record.raw).toEqual(raw);
    expect(Object.keys(record.raw)).toHaveLength(29);
  });
});

describe('CallResult -> outcome table', () => {
  it('covers every CallResult value the doc lists, and every CallResultList category', () => {
    for (const v of [...seed.callResultValues.values, ...seed.callResultListValues.values]) {
      expect(CALL_RESULT_OUTCOMES[v], v).toBeDefined();
    }
  });

  const cases: Array<[string, boolean, CallOutcome]> = [
    ['touchInQueue', false, 'abandoned_in_queue'],
    ['touchInLoss', false, 'abandoned_in_queue'],
    ['touchRouteError', false, 'abandoned_in_queue'],
    ['TouchRingCallLoss', false, 'abandoned_ringing'],
    // queue / ringing results win over a stray PickUpTime
    ['touchInQueue', true, 'abandoned_in_queue'],
    ['TouchRingCallLoss', true, 'abandoned_ringing'],
    ['userHangup', false, 'abandoned_ivr'],
    ['transferAgent', false, 'abandoned_ivr'],
    ['userHangup', true, 'answered'],
    ['sysHangup', false, 'missed'],
    ['dailing', false, 'missed'],
    ['dailing', true, 'answered'],
    ['normal', true, 'answered'],
    ['normal', false, 'missed'],
    ['somethingNew', true, 'answered'],
    ['somethingNew', false, 'failed'],
  ];
  it.each(cases)('%s (picked up: %s) -> %s', (result, pickedUp, outcome) => {
    expect(callOutcome(result, pickedUp)).toBe(outcome);
  });

  it('reads "picked up" from PickUpTime: an inbound IVR hang-up without it is abandoned in IVR', () => {
    const base = { Acid: '1', CallType: 2, CallResult: 'userHangup', CreateTime: '2026-01-01 09:00:00', HangUpTime: '2026-01-01 09:00:20' };
    expect(toCallRecord('c', base, TZ).outcome).toBe('abandoned_ivr');
    expect(toCallRecord('c', { ...base, PickUpTime: '2026-01-01 09:00:10' }, TZ).outcome).toBe('answered');
    expect(toCallRecord('c', { ...base, PickUpTime: '', CallContinueTime: null }, TZ).outcome).toBe('abandoned_ivr');
  });

  it('asks the CallResultList categories that can hold an outcome, or none when one has no category', () => {
    expect(callResultCategories(['abandoned_in_queue'])).toEqual(['queueClose']);
    expect(callResultCategories(['abandoned_ringing', 'abandoned_ivr'])).toEqual(['dailingClose', 'ivrClose', 'queueClose']);
    expect(callResultCategories(['failed'])).toBeUndefined();
  });

  it('refuses a record with neither Acid nor Id', () => {
    expect(() => toCallRecord('c', { CallResult: 'normal' }, TZ)).toThrow(/neither Acid nor Id/);
  });

  it('reads numbers sent as strings and nulls as absent', () => {
    const r = toCallRecord('c', { Id: 'abc', CallType: '2', CallResult: 'touchInQueue', QueueUpContinueTime: '30', HangUpRole: null }, TZ);
    expect(r).toMatchObject({ id: 'abc', direction: 'inbound', durations: { queue: 30 }, releasedBy: 'unknown' });
  });
});

describe('agent states', () => {
  it('maps every GetHotlineAgentStatus string in the notes', () => {
    const expected: Record<string, [string, string | undefined]> = {
      离线: ['offline', undefined],
      空闲: ['ready', undefined],
      话后处理: ['acw', undefined],
      通话中: ['talking', undefined],
      '小休-休息': ['break', 'rest'],
      '小休-就餐': ['break', 'meal'],
      '小休-会议': ['break', 'meeting'],
      '小休-培训': ['break', 'training'],
      '小休-辅导': ['break', 'coaching'],
    };
    expect(Object.keys(HOTLINE_STATUS).sort()).toEqual([...notes.hotlineAgentStatus.values].sort());
    for (const s of notes.hotlineAgentStatus.values) {
      const state = toAgentState('hz', 'a@example.com', s, undefined);
      expect(AgentState.parse(state)).toEqual(state);
      expect([state.state, state.reason], s).toEqual(expected[s]);
      expect(state.vendorState).toBe(s);
    }
  });

  it('maps every AgentStatusCode and RestType of GetHotlineAgentDetail', () => {
    expect(Object.keys(AGENT_STATUS_CODES).sort()).toEqual([...notes.hotlineAgentDetail.agentStatusCodes].sort());
    const reasons = Object.keys(notes.hotlineAgentDetail.restTypes).map(
      (t) => toAgentState('hz', 'a', undefined, { AgentStatusCode: 'AgentBreak', RestType: Number(t) } as never).reason,
    );
    expect(reasons).toEqual(['rest', 'meal', 'meeting', 'coaching', 'training']);
    expect(toAgentState('hz', 'a', undefined, { AgentStatusCode: 'AgentAcw' } as never)).toMatchObject({ state: 'acw', vendorState: 'AgentAcw' });
  });

  it('never keeps the heartbeat Token of the detail', () => {
    const s = toAgentState('hz', 'a', '空闲', { AgentStatusCode: 'AgentReady', Token: 'secret-token', AgentId: '1' } as never);
    expect(JSON.stringify(s)).not.toContain('secret-token');
  });

  it('reads an unknown string through the detail code, else not_ready, keeping the vendor value', () => {
    expect(toAgentState('hz', 'a', '振铃中', { AgentStatusCode: 'AgentBusyForCall' } as never)).toMatchObject({ state: 'talking', vendorState: '振铃中' });
    expect(toAgentState('hz', 'a', '未知', undefined)).toMatchObject({ state: 'not_ready', vendorState: '未知' });
    expect(toAgentState('hz', 'a', '小休-午睡', undefined)).toMatchObject({ state: 'break', reason: '午睡' });
  });

  it('turns a break reason into the SuspendHotlineService Type', () => {
    expect(Object.keys(notes.suspendTypes.values)).toEqual(['1', '2', '3', '4', '5']);
    expect(breakTypeFor(undefined)).toBe(1);
    expect(breakTypeFor('coffee')).toBe(1);
    expect(breakTypeFor('rest')).toBe(1);
    expect(breakTypeFor('Lunch')).toBe(2);
    expect(breakTypeFor('meal')).toBe(2);
    expect(breakTypeFor('就餐')).toBe(2);
    expect(breakTypeFor('team meeting')).toBe(3);
    expect(breakTypeFor('coaching')).toBe(4);
    expect(breakTypeFor('training')).toBe(5);
    expect(breakTypeFor('培训')).toBe(5);
  });
});
