// The Huawei AICC part of the core used by the n8n package.
export { createHuaweiAiccAdapter, HUAWEI_CAPABILITIES } from '../../shared/vendors/huawei-aicc/adapter.ts';
export { guidFromSetGuid } from '../../shared/vendors/huawei-aicc/session.ts';
