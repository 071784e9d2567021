// The model as CCC's JSON: UserContext, CallContext, realtime agent rows and
// call detail records, in the shapes of the API reference examples.
import type { CccModel, SimAgent, SimCdr, SimJob, UserState } from './model.ts';

const REALTIME_STATE: Record<UserState, string> = {
  READY: 'Ready',
  WORKING: 'ACW',
  DIALING: 'Dialing',
  BREAK: 'Break',
  OFFLINE: 'Offline',
  TALKING: 'Talking',
  RINGING: 'Ringing',
};

export function userContext(m: CccModel, a: SimAgent): Record<string, unknown> {
  const now = m.clock.nowMs();
  return {
    Extension: a.extension,
    Heartbeat: now,
    WorkMode: a.workMode,
    DeviceId: a.deviceId ?? '',
    UserId: a.userId,
    Reserved: 0,
    BreakCode: a.breakCode ?? '',
    InstanceId: m.instanceId,
    OutboundScenario: false,
    DeviceState: a.state === 'OFFLINE' ? 'OFFLINE' : 'ONLINE',
    Mobile: a.mobile,
    JobId: a.jobId ?? '',
    UserState: a.state,
    SignedSkillGroupIdList: [...a.signedGroups],
  };
}

export function callContext(m: CccModel, job: SimJob): Record<string, unknown> {
  const now = m.clock.nowMs();
  return {
    CallType: 'CONFERENCE',
    InstanceId: m.instanceId,
    JobId: job.jobId,
    ChannelContexts: [job.host, ...job.legs].map((leg) => {
      const s = m.legState(job, leg, now);
      return {
        ReleaseInitiator: s.state === 'RELEASED' ? (leg.releaseReason === '200 - OK' ? job.host.originator : leg.destination) : '',
        ChannelState: s.state,
        Destination: leg.destination,
        UserId: leg.userId ?? '',
        ChannelFlags: '',
        Timestamp: s.since,
        ReleaseReason: s.reason ?? '',
        CallType: 'CONFERENCE',
        JobId: job.jobId,
        ChannelId: leg.channelId,
        Originator: leg.originator,
        UserExtension: leg.userExtension ?? '',
      };
    }),
  };
}

export function realtimeAgent(m: CccModel, a: SimAgent): Record<string, unknown> {
  const now = m.clock.nowMs();
  const job = a.jobId ? m.jobs.get(a.jobId) : undefined;
  return {
    AgentId: a.userId,
    AgentName: a.displayName,
    State: REALTIME_STATE[a.state],
    StateCode: a.state === 'BREAK' ? (a.breakCode ?? '') : '',
    StateTime: a.stateSince,
    Duration: Math.max(0, Math.round((now - a.stateSince) / 1000)),
    BreakCode: a.breakCode ?? '',
    CallType: job ? 'Conference' : '',
    CounterParty: job?.legs[0]?.destination ?? '',
    Extension: a.extension,
    InstanceId: m.instanceId,
    Mobile: a.mobile,
    OutboundScenario: false,
    SkillGroupIdList: [...a.skillGroups],
    SkillGroupNameList: a.skillGroups.map((g) => g.split('@')[0]!),
    WorkMode: a.workMode,
  };
}

/** ListCallDetailRecordsV2 item: CallDuration is a string in the list APIs. */
export function cdrListItem(c: SimCdr): Record<string, unknown> {
  return { ...c, EstablishedTime: c.EstablishedTime ?? '', CallDuration: String(c.CallDuration), WaitTime: c.QueueTime };
}

/** GetCallDetailRecord Data: CallDuration a number, with event sequences. */
export function cdrDetail(c: SimCdr): Record<string, unknown> {
  const { SatisfactionIndex, ...rest } = c;
  const enqueue = c.StartTime + c.IvrTime * 1000;
  const ringing = enqueue + c.QueueTime * 1000;
  return {
    ...rest,
    EstablishedTime: c.EstablishedTime ?? '',
    ...(SatisfactionIndex !== undefined ? { Satisfaction: SatisfactionIndex, SatisfactionSurveyOffered: true } : {}),
    QueueEvents: c.QueueTime
      ? [{ QueueId: c.SkillGroupIds, QueueName: c.SkillGroupNames, QueueType: 1, EventSequence: [{ Event: 'Enqueue', EventTime: enqueue }] }]
      : [],
    AgentEvents: c.AgentIds
      ? [
          {
            AgentId: c.AgentIds,
            AgentName: c.AgentNames,
            SkillGroupId: c.SkillGroupIds,
            EventSequence: [
              { Event: 'Ringing', EventTime: ringing, Duration: c.RingTime },
              ...(c.EstablishedTime ? [{ Event: 'Established', EventTime: c.EstablishedTime, Duration: c.TalkTime }] : []),
            ],
          },
        ]
      : [],
    CustomerEvents: [],
    IvrEvents: [],
  };
}
