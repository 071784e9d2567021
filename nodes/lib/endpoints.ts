// Where each vendor's API lives, from a credential's fields. Used by the
// credentials (to sign and test) and by the nodes (to build requests), so
// both always talk to the same host.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The endpoint the credential names, else the region's public endpoint of `product` (ccc, aiccs). */
export function aliyunEndpoint(credentials: ICredentialDataDecryptedObject, product: string): string {
  const endpoint = String(credentials.endpoint ?? '').trim();
  if (endpoint) return endpoint.replace(/\/+$/, '');
  const region = String(credentials.region ?? '').trim();
  return region ? `https://${product}.${region}.aliyuncs.com` : `https://${product}.aliyuncs.com`;
}
