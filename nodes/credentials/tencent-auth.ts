// Signing for the Tencent Cloud credential: TC3-HMAC-SHA256 by the core over
// the request n8n is about to send (action, timestamp, host, content type and
// body as built by the TCCC client), plus X-TC-Token for temporary keys.
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import { authorizeTcccRequest, tc3Sign } from '../core/tencent-tccc.ts';
import { toHttpRequest, toRequestOptions } from './request.ts';
import { secret } from './secret.ts';

const TC3_CONTENT_TYPE = 'application/json; charset=utf-8';

export async function signTencentRequest(
  credentials: ICredentialDataDecryptedObject,
  requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
  const request = toHttpRequest(requestOptions);
  const has = (name: string) => Object.keys(request.headers).some((k) => k.toLowerCase() === name);
  // The credential test request is declarative: give it what the client would.
  if (!has('x-tc-timestamp')) request.headers['X-TC-Timestamp'] = String(Math.floor(Date.now() / 1000));
  if (!has('content-type')) request.headers['Content-Type'] = TC3_CONTENT_TYPE;
  for (const k of Object.keys(request.headers)) {
    if (k.toLowerCase() === 'content-type' && request.headers[k] === 'application/json') request.headers[k] = TC3_CONTENT_TYPE;
  }
  const token = String(credentials.token ?? '').trim();
  const sign = tc3Sign({
    secretId: String(credentials.secretId ?? '').trim(),
    secretKey: secret(credentials.secretKey),
    ...(token ? { token: secret(token) } : {}),
  });
  const signed = { ...request, headers: { ...request.headers, ...authorizeTcccRequest(request, sign) } };
  return toRequestOptions(requestOptions, signed);
}
