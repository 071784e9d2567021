// Signing for the Alibaba Cloud credentials: the core's signer (ACS3-HMAC-SHA256,
// or RPC v2 HMAC-SHA1) applied to the request n8n is about to send, with a fresh
// date and nonce each time (n8n calls `authenticate` again on its retry).
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import { createAliyunSigner, type AliyunSignatureVersion } from '../core/aliyun.ts';
import { toHttpRequest, toRequestOptions } from './request.ts';
import { secret } from './secret.ts';

export async function signAliyunRequest(
  credentials: ICredentialDataDecryptedObject,
  requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
  const token = String(credentials.securityToken ?? '').trim();
  const sign = createAliyunSigner({
    credentials: {
      accessKeyId: String(credentials.accessKeyId ?? '').trim(),
      accessKeySecret: secret(credentials.accessKeySecret),
      ...(token ? { securityToken: secret(token) } : {}),
    },
    signatureVersion: (credentials.signatureVersion === 'v2' ? 'v2' : 'v3') as AliyunSignatureVersion,
  });
  const signed = await sign(toHttpRequest(requestOptions));
  return toRequestOptions(requestOptions, signed);
}
