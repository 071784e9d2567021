// n8n's request options <-> the core's HttpRequest, for the credentials'
// `authenticate`. What the signer signs is exactly what n8n sends: the full
// URL with its query, the headers, and the body as a string.
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import type { HttpMethod, HttpRequest } from '../core/index.ts';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

function joinUrl(baseURL: string | undefined, url: string): string {
  if (!baseURL || /^https?:\/\//i.test(url)) return url;
  return `${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

function stringHeaders(headers: IDataObject | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined && v !== null) out[k] = String(v);
  return out;
}

function header(headers: Record<string, string>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

/**
 * The request as the core would build it. `qs` (used by the credential test
 * requests) joins the URL; an object body becomes JSON, or a form when the
 * content type says so.
 */
export function toHttpRequest(options: IHttpRequestOptions): HttpRequest {
  const url = new URL(joinUrl(options.baseURL, options.url));
  for (const [k, v] of Object.entries(options.qs ?? {})) {
    if (v !== undefined && v !== null) url.searchParams.append(k, String(v));
  }
  const headers = stringHeaders(options.headers);
  let body: string | undefined;
  if (typeof options.body === 'string') body = options.body;
  else if (Buffer.isBuffer(options.body)) body = options.body.toString('utf8');
  else if (options.body !== undefined && options.body !== null && typeof options.body === 'object') {
    const entries = Object.entries(options.body as IDataObject);
    if (entries.length > 0) {
      if ((header(headers, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
        body = new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString();
      } else {
        body = JSON.stringify(options.body);
        if (!header(headers, 'content-type')) headers['content-type'] = 'application/json';
      }
    }
  }
  const method = String(options.method ?? 'GET').toUpperCase() as HttpMethod;
  if (!METHODS.includes(method)) throw new TypeError(`Cannot sign a ${method} request`);
  return { method, url: url.toString(), headers, ...(body !== undefined ? { body } : {}) };
}

/** The signed request back into n8n's options; nothing is left for n8n to re-encode. */
export function toRequestOptions(original: IHttpRequestOptions, signed: HttpRequest): IHttpRequestOptions {
  const options: IHttpRequestOptions = { ...original, url: signed.url, headers: { ...signed.headers } };
  delete options.baseURL;
  delete options.qs;
  if (signed.body !== undefined) options.body = signed.body;
  else delete options.body;
  return options;
}
