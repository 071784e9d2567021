// The Alibaba Cloud part of the core used by the n8n packages: the request
// signer (used by the credentials) and the CCC and AICCS adapters.
export { createAliyunSigner } from '../../shared/vendors/aliyun/index.ts';
export type { AliyunSignatureVersion, SignRequest } from '../../shared/vendors/aliyun/index.ts';
export { AICCS_CAPABILITIES, AliyunAiccsCenter } from '../../shared/vendors/aliyun-aiccs/adapter.ts';
export { AICCS_VERSION } from '../../shared/vendors/aliyun-aiccs/actions.ts';
export { AliyunCccAdapter } from '../../shared/vendors/aliyun-ccc/adapter.ts';
export { CCC_API_VERSION } from '../../shared/vendors/aliyun-ccc/client.ts';
