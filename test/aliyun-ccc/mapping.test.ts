// Pure parts of the CCC vendor: the seed pages' examples parse into the
// domain; the disposition and agent-state tables; conference decisions;
// input checks.
import { describe, expect, it } from 'vitest';
import startExample from '../fixtures/aliyun-ccc/StartConference.example.json' with { type: 'json' };
import endExample from '../fixtures/aliyun-ccc/EndConference.example.json' with { type: 'json' };
import { AgentState, CallRecord, Conference, outcomeSchema } from '../../shared/domain.ts';
import { AliyunEnvelope } from '../../shared/vendors/aliyun/rpc-client.ts';
import { conferenceOutcome } from '../../shared/vendors/aliyun-ccc/conference-outcome.ts';
import { createHash } from 'node:crypto';
import {
  decodeConferenceToken,
  destinationHasher,
  encodeConferenceToken,
  readConferenceToken,
} from '../../shared/vendors/aliyun-ccc/conference-token.ts';
import { ABANDONED_DISPOSITIONS, dispositionsFor, outcomeOfDisposition } from '../../shared/vendors/aliyun-ccc/disposition.ts';
import { normalizeAgentId, validateStartConference } from '../../shared/vendors/aliyun-ccc/input.ts';
import {
  agentStateFromRealtime,
  agentStateFromUserContext,
  callRecordFromCdr,
  conferenceFromCallContext,
  legFor,
  participantStateOf,
} from '../../shared/vendors/aliyun-ccc/mapping.ts';
import { CallAndUserData, CallDetailRecord, ChannelContext, RealtimeAgentState } from '../../shared/vendors/aliyun-ccc/schemas.ts';

describe('seed page examples parse into the domain', () => {
  it.each([
    ['StartConference', startExample.example, 'ANSWERED'],
    ['EndConference', endExample.example, 'CREATED'],
  ] as const)('%s', (_, example, legState) => {
    const env = AliyunEnvelope.parse(example);
    expect(env.Code).toBe('OK');
    const data = CallAndUserData.parse(env.Data);
    const conf = conferenceFromCallContext('shanghai', data.CallContext!, { chair: data.UserContext!.UserId, raw: env.Data });
    expect(Conference.parse(conf)).toEqual(conf);
    expect(conf.id).toBe('job-6538214103685****');
    // The only leg is the chair's own, so it is shown rather than nothing.
    expect(conf.participants).toEqual([
      { address: '8001****', kind: 'agent', state: legState === 'ANSWERED' ? 'joined' : 'calling', ...(legState === 'CREATED' ? { detail: '404 - No destination' } : {}) },
    ]);
    expect(conf.raw).toBe(env.Data);

    const agent = agentStateFromUserContext('shanghai', 'agent@ccc-test', data.UserContext!, env.Data);
    expect(AgentState.parse(agent)).toEqual(agent);
    expect(agent).toMatchObject({ agentId: 'agent@ccc-test', state: 'talking', vendorState: 'TALKING', skillGroups: ['skillgroup1@ccc-test'] });
    expect(agent.reason).toBeUndefined(); // BreakCode only matters on break
  });

  it('trims the stray newlines the StartConference example carries', () => {
    const data = CallAndUserData.parse(startExample.example.Data);
    expect(data.CallContext!.ChannelContexts[0]!.UserId).toBe('agent@ccc-test');
    expect(data.UserContext!.BreakCode).toBe('Warm-up');
  });
});

describe('agent states', () => {
  it.each([
    ['READY', 'ready'],
    ['WORKING', 'acw'],
    ['DIALING', 'dialing'],
    ['BREAK', 'break'],
    ['OFFLINE', 'offline'],
    ['TALKING', 'talking'],
    ['RINGING', 'ringing'],
    ['SOMETHING_NEW', 'not_ready'],
  ])('UserState %s -> %s', (vendor, state) => {
    const a = agentStateFromUserContext('c', 'a@i', CallAndUserData.parse({ UserContext: { UserState: vendor, BreakCode: 'lunch' } }).UserContext!, {});
    expect(a.state).toBe(state);
    expect(a.vendorState).toBe(vendor);
    expect(a.reason).toBe(state === 'break' ? 'lunch' : undefined);
  });

  it.each([
    ['Ready', 'ready'],
    ['Talking', 'talking'],
    ['ACW', 'acw'],
    ['Break', 'break'],
    ['Ringing', 'ringing'],
    ['Offline', 'offline'],
    ['Dialing', 'dialing'],
  ])('realtime State %s -> %s', (vendor, state) => {
    const item = RealtimeAgentState.parse({ AgentId: 'a@i', State: vendor, BreakCode: 'Warm-up', StateTime: 1700000000, SkillGroupIdList: ['g@i'] });
    const a = agentStateFromRealtime('c', item, { State: vendor });
    expect(AgentState.parse(a)).toEqual(a);
    expect(a).toMatchObject({ state, vendorState: vendor, since: '2023-11-14T22:13:20.000Z', skillGroups: ['g@i'], raw: { State: vendor } });
  });
});

describe('call records', () => {
  it.each([
    ['Success', 'answered'],
    ['ForwardToOutsideNumber', 'answered'],
    ['AbandonedInQueue', 'abandoned_in_queue'],
    ['QueuingTimeout', 'abandoned_in_queue'],
    ['QueuingOverflow', 'abandoned_in_queue'],
    ['QueuingFailed', 'abandoned_in_queue'],
    ['AbandonedInRing', 'abandoned_ringing'],
    ['AbandonedRing', 'abandoned_ringing'],
    ['AbandonedInIVR', 'abandoned_ivr'],
    ['AbandonedInContactFlow', 'abandoned_ivr'],
    ['AbandonedInVoiceNavigator', 'abandoned_ivr'],
    ['IVRException', 'abandoned_ivr'],
    ['NoAnswer', 'missed'],
    ['Reject', 'missed'],
    ['Voicemail', 'missed'],
    ['SomethingNew', 'failed'],
    [undefined, 'failed'],
  ])('ContactDisposition %s -> %s', (d, o) => expect(outcomeOfDisposition(d)).toBe(o));

  it('the abandoned set holds both legacy spellings and no answered/missed value', () => {
    expect(ABANDONED_DISPOSITIONS).toEqual(expect.arrayContaining(['AbandonedRing', 'AbandonedInContactFlow', 'AbandonedInQueue']));
    expect(ABANDONED_DISPOSITIONS).not.toContain('Success');
    expect(ABANDONED_DISPOSITIONS).not.toContain('Voicemail');
    expect(dispositionsFor(['missed']).sort()).toEqual(['NoAnswer', 'Reject', 'Voicemail']);
  });

  it('maps a list item (CallDuration as a string, empty EstablishedTime) and a detail record', () => {
    const listItem = {
      ContactId: 'job-1',
      ContactType: 'INBOUND',
      ContactDisposition: 'AbandonedInQueue',
      CallingNumber: '13175112345',
      CalledNumber: '057188880000',
      StartTime: 1700000000000,
      EstablishedTime: '',
      ReleaseTime: 1700000042000,
      CallDuration: '42',
      QueueTime: 30,
      ReleaseInitiator: 'customer',
      AgentIds: '',
      SkillGroupIds: 'sales@ccc-test',
      SatisfactionIndex: null,
      SomeNewField: 'kept',
    };
    const r = callRecordFromCdr('c', CallDetailRecord.parse(listItem), listItem);
    expect(CallRecord.parse(r)).toEqual(r);
    expect(r).toMatchObject({
      id: 'job-1',
      direction: 'inbound',
      caller: '13175112345',
      agents: [],
      skillGroup: 'sales@ccc-test',
      startedAt: '2023-11-14T22:13:20.000Z',
      releasedAt: '2023-11-14T22:14:02.000Z',
      durations: { total: 42, queue: 30 },
      outcome: 'abandoned_in_queue',
      vendorOutcome: 'AbandonedInQueue',
      releasedBy: 'customer',
      raw: { SomeNewField: 'kept' },
    });
    expect(r.answeredAt).toBeUndefined();

    const detail = {
      ContactId: 'job-2',
      ContactType: 'OUTBOUND',
      ContactDisposition: 'Success',
      StartTime: 1700000000000,
      EstablishedTime: 1700000005000,
      CallDuration: 60,
      AgentIds: 'agent@ccc-test,b@ccc-test',
      Satisfaction: 5,
      ReleaseInitiator: 'agent',
      QueueEvents: [{ QueueId: 'q', EventSequence: [{ Event: 'Enqueue', EventTime: 1700000001000 }] }],
      AgentEvents: [{ AgentId: 'agent@ccc-test', EventSequence: [{ Event: 'Ringing', EventTime: 1700000003000 }] }],
    };
    const d = callRecordFromCdr('c', CallDetailRecord.parse(detail), detail);
    expect(d).toMatchObject({
      direction: 'outbound',
      agents: ['agent@ccc-test', 'b@ccc-test'],
      queuedAt: '2023-11-14T22:13:21.000Z',
      ringingAt: '2023-11-14T22:13:23.000Z',
      answeredAt: '2023-11-14T22:13:25.000Z',
      satisfaction: 5,
      releasedBy: 'agent',
      outcome: 'answered',
    });
  });
});

describe('conference legs and outcomes', () => {
  it.each([
    [{ ChannelState: 'CREATED' }, 'calling'],
    [{ ChannelState: 'RINGING' }, 'ringing'],
    [{ ChannelState: 'EARLY_MEDIA' }, 'ringing'],
    [{ ChannelState: 'ANSWERED' }, 'joined'],
    [{ ChannelState: 'RELEASED', ReleaseReason: '480 - Temporarily Unavailable' }, 'no_answer'],
    [{ ChannelState: 'RELEASED', ReleaseReason: '200 - OK' }, 'left'],
    [{ ChannelState: 'RELEASED', ReleaseReason: '404 - No destination' }, 'failed'],
  ])('%j -> %s', (leg, state) => expect(participantStateOf(leg as never)).toBe(state));

  const conf = (states: string[]) =>
    ({
      center: 'c',
      id: 'job-1',
      participants: states.map((s, i) => ({ address: i === 0 ? '13175112345' : `800${i}`, kind: i === 0 ? 'phone' : 'agent', state: s })),
      raw: {},
    }) as Conference;
  const base = { token: 'tok', deadline: '2026-01-01T00:00:32.000Z', timeoutSeconds: 30 };
  const before = new Date('2026-01-01T00:00:10Z');
  const after = new Date('2026-01-01T00:00:40Z');

  it('ringing before the deadline is pending, with masked progress', () => {
    const o = conferenceOutcome({ ...base, conference: conf(['ringing', 'joined']), now: before });
    expect(outcomeSchema(Conference).parse(o)).toEqual(o);
    expect(o).toMatchObject({ status: 'pending', token: 'tok', deadline: base.deadline, progress: expect.stringMatching(/^ringing \d+\*{4}$/) });
    expect(JSON.stringify(o.status === 'pending' && o.progress)).not.toContain('13175112345');
  });
  it('still ringing at the deadline fails with "no answer after 30 s"', () => {
    const o = conferenceOutcome({ ...base, conference: conf(['ringing']), now: after });
    expect(o).toMatchObject({ status: 'failed', code: 'no_answer', reason: expect.stringMatching(/after 30 s\.$/) });
    expect(o.status === 'failed' && o.value?.participants[0]!.state).toBe('no_answer');
  });
  it('answered is done; released without answer fails; a broken leg says why', () => {
    expect(conferenceOutcome({ ...base, conference: conf(['joined', 'no_answer']), now: before }).status).toBe('done');
    expect(conferenceOutcome({ ...base, conference: conf(['no_answer']), now: before })).toMatchObject({ status: 'failed', code: 'no_answer' });
    const broken = conf(['failed']);
    broken.participants[0]!.detail = '404 - No destination';
    expect(conferenceOutcome({ ...base, conference: broken, now: before })).toMatchObject({
      status: 'failed',
      code: 'call_failed',
      reason: expect.stringContaining('404 - No destination'),
    });
  });
  it('tokens round-trip and bad ones are InvalidInput', () => {
    const t = {
      kind: 'conference' as const,
      center: 'c',
      jobId: 'job-1',
      agentId: 'agent@ccc-test',
      keyId: 'k1',
      participants: [
        { address: '8001', kind: 'agent' as const },
        { kind: 'phone' as const, masked: '1317511****', hash: '0123456789abcdef01234567' },
      ],
      timeoutSeconds: 30,
      deadline: base.deadline,
    };
    const text = encodeConferenceToken(t);
    expect(text.startsWith('ccc2.')).toBe(true);
    expect(decodeConferenceToken(text)).toEqual(t);
    expect(decodeConferenceToken(` ${text}\n`)).toEqual(t);
    // Unknown fields (a later addition) are ignored, not refused.
    const extended = 'ccc2.' + Buffer.from(JSON.stringify({ ...t, later: 1 })).toString('base64url');
    expect(decodeConferenceToken(extended)).toEqual(t);
    expect(() => decodeConferenceToken('nope')).toThrow(expect.objectContaining({ code: 'ccops_invalid_input' }));
    expect(() => decodeConferenceToken('ccc2.e30')).toThrow(expect.objectContaining({ code: 'ccops_invalid_input' }));
    expect(readConferenceToken('ccc1.e30')).toEqual({ ok: false, version: 1 });
    expect(readConferenceToken('ccc9.whatever')).toEqual({ ok: false, version: 9 });
  });

  it('destination hashes: keyed by the secret, same number in any spelling, legs matched through them', () => {
    const a = destinationHasher({ secret: 's3cret', instanceId: 'ccc-test', accessKeyId: 'AK' });
    const again = destinationHasher({ secret: 's3cret', instanceId: 'ccc-test', accessKeyId: 'AK' });
    const other = destinationHasher({ secret: 'other', instanceId: 'ccc-test', accessKeyId: 'AK' });
    const noSecret = destinationHasher({ secret: '', instanceId: 'ccc-test', accessKeyId: 'AK' });
    expect(a.hash('13175112345')).toBe(again.hash('13175112345'));
    expect(a.keyId).toBe(again.keyId);
    expect(a.hash('+8613175112345')).toBe(a.hash('008613175112345'));
    expect(a.hash('131 7511 2345')).toBe(a.hash('13175112345'));
    expect(a.hash('13175112345')).not.toBe(a.hash('13175112346'));
    expect(a.hash('13175112345')).not.toBe(other.hash('13175112345'));
    expect(new Set([a.keyId, other.keyId, noSecret.keyId]).size).toBe(3);
    // Not the plain digest of the number (which anyone could brute-force).
    expect(a.hash('13175112345')).not.toBe(createHash('sha256').update('13175112345').digest('hex').slice(0, 24));

    const legs = [
      { ChannelId: 'c1', Destination: '13900001111', ChannelState: 'RINGING' },
      { ChannelId: 'c2', Destination: '13175112345', ChannelState: 'ANSWERED' },
    ].map((l) => ChannelContext.parse(l));
    const p = { address: '1317511****', kind: 'phone' as const, destinationHash: a.hash('13175112345') };
    expect(legFor(p, legs, a.hash)?.ChannelId).toBe('c2');
    expect(legFor(p, legs, other.hash)).toBeUndefined();
  });
});

describe('input checks', () => {
  it('agent ids: bare logins get the instance; other instances are unknown agents', () => {
    expect(normalizeAgentId('alice', 'ccc-test')).toBe('alice@ccc-test');
    expect(normalizeAgentId('agent@ccc-test', 'ccc-test')).toBe('agent@ccc-test');
    expect(() => normalizeAgentId('bob@elsewhere', 'ccc-test')).toThrow(/Unknown agent/);
    expect(() => normalizeAgentId('a b', 'ccc-test')).toThrow(expect.objectContaining({ code: 'ccops_invalid_input' }));
  });
  it('participants are phone numbers, extensions or agent ids; tags at most 128 bytes', () => {
    expect(validateStartConference({ participants: ['8045 0001', '+86 131-7511-2345', 'bob'] }, 'ccc-test')).toEqual({
      participants: [
        { kind: 'agent', address: '80450001' },
        { kind: 'phone', address: '+8613175112345' },
        { kind: 'agent-id', agentId: 'bob@ccc-test' },
      ],
      timeoutSeconds: 30,
    });
    expect(() => validateStartConference({ participants: [] }, 'ccc-test')).toThrow(/at least one participant/);
    expect(() => validateStartConference({ participants: ['12ab'] }, 'ccc-test')).toThrow(/Invalid participant/);
    expect(() => validateStartConference({ participants: ['8001'], tags: '中'.repeat(43) }, 'ccc-test')).toThrow(/128 bytes/);
    expect(validateStartConference({ participants: ['8001'], tags: '中'.repeat(42) + 'ab' }, 'ccc-test').tags).toHaveLength(44);
  });
});
