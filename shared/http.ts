// The HTTP port the vendor clients talk through, and its undici implementation.
// It never retries: whether a failed call may be repeated is the caller's
// decision (retry.ts), because only the caller knows if it was a write.
import { Agent, errors as undiciErrors, request } from 'undici';
import { TransportError } from './errors.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL, query string included. */
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

export interface Transport {
  send(req: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

export interface UndiciTransportOptions {
  /** @defaultValue 5000 */
  connectTimeoutMs?: number;
  /** Time to the response headers. @defaultValue 15000 */
  headersTimeoutMs?: number;
  /** Longest silence while reading the body. @defaultValue 15000 */
  bodyTimeoutMs?: number;
  /** Larger responses are refused. @defaultValue 8 MiB */
  maxResponseBytes?: number;
  /** Keep-alive connections per origin. @defaultValue 16 */
  connectionsPerOrigin?: number;
}

function positive(name: string, v: number | undefined, fallback: number): number {
  const value = v ?? fallback;
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`UndiciTransport: ${name} must be a positive number`);
  return value;
}

/** A keep-alive pool per origin (undici's Agent keeps one Pool per origin). */
export class UndiciTransport implements Transport {
  readonly #agent: Agent;
  readonly #maxResponseBytes: number;

  constructor(options: UndiciTransportOptions = {}) {
    this.#maxResponseBytes = positive('maxResponseBytes', options.maxResponseBytes, 8 * 1024 * 1024);
    this.#agent = new Agent({
      connect: { timeout: positive('connectTimeoutMs', options.connectTimeoutMs, 5_000) },
      headersTimeout: positive('headersTimeoutMs', options.headersTimeoutMs, 15_000),
      bodyTimeout: positive('bodyTimeoutMs', options.bodyTimeoutMs, 15_000),
      connections: positive('connectionsPerOrigin', options.connectionsPerOrigin, 16),
      keepAliveTimeout: 30_000,
      maxResponseSize: this.#maxResponseBytes,
    });
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    let sent = false;
    try {
      const res = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: req.signal,
        dispatcher: this.#agent,
      });
      sent = true;
      const body = await res.body.text();
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      return { status: res.statusCode, headers, body };
    } catch (e) {
      throw toTransportError(e, sent, req.signal?.aborted ?? false);
    }
  }

  close(): Promise<void> {
    return this.#agent.close();
  }
}

const NOT_SENT = new Set(['UND_ERR_CONNECT_TIMEOUT', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

function toTransportError(e: unknown, gotHeaders: boolean, aborted: boolean): TransportError {
  if (e instanceof TransportError) return e;
  const err = e as { code?: unknown; name?: string; message?: string; cause?: { code?: unknown } };
  // An abort surfaces as a DOMException whose legacy numeric code (20) is no error code, or as the
  // caller's own abort reason: the signal says what happened.
  const stringCode = typeof err.code === 'string' ? err.code : typeof err.cause?.code === 'string' ? err.cause.code : undefined;
  const code = aborted || err.name === 'AbortError' ? 'ABORT_ERR' : (stringCode ?? 'UND_ERR');
  const sent = gotHeaders || !NOT_SENT.has(code);
  let what: string;
  if (e instanceof undiciErrors.ResponseExceededMaxSizeError) what = 'the response was larger than allowed';
  else if (code === 'UND_ERR_CONNECT_TIMEOUT') what = 'could not connect in time';
  else if (code === 'UND_ERR_HEADERS_TIMEOUT') what = 'no answer in time';
  else if (code === 'UND_ERR_BODY_TIMEOUT') what = 'the answer stalled';
  else if (code === 'ECONNREFUSED') what = 'the connection was refused';
  else if (code === 'ABORT_ERR') what = 'the request was cancelled';
  else what = err.message ?? 'the connection failed';
  return new TransportError(`Network error talking to the vendor: ${what} (${code}).`, code, sent, { cause: e });
}
