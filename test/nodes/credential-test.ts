// Resolves a credential's declarative `test.request` the way n8n does for
// the simple expressions these credentials use (`={{ ... $credentials.x ... }}`),
// so a test can send it through the harness and check that the keys work.
import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions } from 'n8n-workflow';

function resolve(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
  if (typeof value === 'string' && value.startsWith('={{') && value.endsWith('}}')) {
    // Test-only evaluation of our own credential files' expressions.
    return new Function('$credentials', `return (${value.slice(3, -2)});`)(credentials);
  }
  if (typeof value === 'string' && value.startsWith('=')) {
    return value.slice(1).replace(/\{\{(.+?)\}\}/g, (_, e: string) => String(new Function('$credentials', `return (${e});`)(credentials)));
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, credentials));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, credentials)]));
  }
  return value;
}

export function resolveTestRequest(type: ICredentialType, credentials: ICredentialDataDecryptedObject): IHttpRequestOptions {
  if (!type.test) throw new Error(`${type.name} has no test request`);
  return resolve(type.test.request, credentials) as IHttpRequestOptions;
}
