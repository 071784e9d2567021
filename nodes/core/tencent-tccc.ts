// The Tencent Cloud part of the core used by the n8n package: TC3 signing
// (used by the credential) and the TCCC adapter.
export { authorizeTcccRequest, tc3Sign, TCCC_VERSION } from '../../shared/vendors/tencent-tccc/client.ts';
export { TencentTcccAdapter } from '../../shared/vendors/tencent-tccc/adapter.ts';
