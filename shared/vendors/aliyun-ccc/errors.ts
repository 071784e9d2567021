// Every error code the CCC 2020-07-01 docs list for the actions ccops uses
// (StartConference, EndConference, TakeBreak, SignOutGroup, ChangeWorkMode,
// ModifyUser pages; notes §1.3, §1.6), each with a sentence for a supervisor
// and whether retrying can help. Gateway codes (signature, throttling, …)
// come from the shared Alibaba table; unknown codes fall back on the HTTP
// status (5xx retryable, other 4xx not).
import type { AliyunErrorTable } from '../aliyun/errors.ts';

export const CCC_ERRORS: AliyunErrorTable = {
  'Parameter.Blank': {
    message: (c) =>
      `Contact center refused ${c.action}: a required value was empty (${c.vendorMessage || 'no detail'}). Fill it in and try again.`,
    retryable: false,
  },
  'Parameter.Empty': {
    message: (c) =>
      `Contact center refused ${c.action}: a required value was empty (${c.vendorMessage || 'no detail'}). Fill it in and try again.`,
    retryable: false,
  },
  'Parameter.Enumeration': {
    message: (c) => `Contact center refused ${c.action}: a value is not one it accepts (${c.vendorMessage || 'no detail'}).`,
    retryable: false,
  },
  'Parameter.*': {
    message: (c) => `Contact center refused ${c.action} because of a bad value (${c.vendorMessage || 'no detail'}).`,
    retryable: false,
  },
  'InvalidOperation.UserState': {
    message: (c) =>
      `The agent's current status does not allow that (${c.vendorMessage || 'state mismatch'}). ` +
      'Check the status with `agent <id>`; an offline agent must go online (sign in to skill groups) first.',
    retryable: false,
  },
  'InvalidOperation.ChannelState': {
    message: (c) =>
      `The agent's call is in a state that does not allow that (${c.vendorMessage || 'channel state mismatch'}). ` +
      'Wait for the call to end, then try again.',
    retryable: false,
  },
  'InvalidOperation.*': {
    message: (c) => `Contact center refused ${c.action} in the current situation (${c.vendorMessage || 'no detail'}).`,
    retryable: false,
  },
  'NotExists.InstanceId': {
    message: 'The contact-center instance in the configuration does not exist. Check instanceId for this center.',
    retryable: false,
  },
  'NotExists.UserId': {
    message: 'No such agent in this contact center. Check the agent id (it looks like name@instance).',
    retryable: false,
  },
  'NotExists.Number': {
    message: (c) =>
      `A number in the request is not known to this contact center (${c.vendorMessage || 'no detail'}). Check the extension or the caller-id number.`,
    retryable: false,
  },
  // Not in the docs for GetCallDetailRecord; what the simulator answers for an unknown ContactId.
  'NotExists.ContactId': {
    message: 'No call with that id in this contact center. Check the id (it looks like job-…).',
    retryable: false,
  },
  'NotExists.*': {
    message: (c) => `Something named in the request does not exist in this contact center (${c.vendorMessage || 'no detail'}).`,
    retryable: false,
  },
  'Permission.Common': {
    message: 'The contact-center user behind this AccessKey lacks the permission for this. Ask a CCC administrator for it.',
    retryable: false,
  },
  'Permission.SkillGroup': {
    message: 'The contact-center user behind this AccessKey has no permission on that skill group. Ask a CCC administrator.',
    retryable: false,
  },
  'Permission.*': {
    message: 'The contact-center user behind this AccessKey lacks a permission for this. Ask a CCC administrator.',
    retryable: false,
  },
  'InternalService.CTI': {
    message: 'The contact center’s telephony service had an internal error. It is usually temporary: try again in a minute.',
    retryable: true,
  },
  'InternalService.Common': {
    message: 'The contact center had an internal error. It is usually temporary: try again in a minute.',
    retryable: true,
  },
  'InternalService.*': {
    message: 'The contact center had an internal error. It is usually temporary: try again in a minute.',
    retryable: true,
  },
};
