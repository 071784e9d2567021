// Alibaba Cloud Contact Center (CCC, API 2020-07-01).
export { AliyunCccAdapter } from './adapter.ts';
export type { AliyunCccAdapterOptions, AliyunCccCenterProfile } from './adapter.ts';
export { CccClient, CCC_API_VERSION, CCC_VENDOR } from './client.ts';
export { CCC_ERRORS } from './errors.ts';
export { DISPOSITION_OUTCOMES, ABANDONED_DISPOSITIONS, outcomeOfDisposition, dispositionsFor } from './disposition.ts';
export * from './mapping.ts';
export * as schemas from './schemas.ts';
export { conferenceOutcome, CONFERENCE_POLL_MS } from './conference-outcome.ts';
export { encodeConferenceToken, decodeConferenceToken } from './conference-token.ts';
export { normalizeAgentId, parseParticipant, validateStartConference, MAX_TAGS_BYTES } from './input.ts';
export { AliyunCccProfile } from './profile.ts';
