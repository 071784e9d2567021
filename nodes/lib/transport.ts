// The core's Transport, built on n8n's own request helper. Every request goes
// through `httpRequestWithAuthentication`, so the credential's `authenticate`
// signs it (or adds the session Guid) and n8n's proxy, TLS and domain settings
// apply. The core sees the same status / headers / body it gets from undici,
// so its error mapping and retry policy work unchanged.
import type {
  IAdditionalCredentialOptions,
  IAllExecuteFunctions,
  IDataObject,
  IHttpRequestOptions,
  IN8nHttpFullResponse,
} from 'n8n-workflow';
import { TransportError, type HttpRequest, type HttpResponse, type Transport } from '../core/index.ts';

/** Network failures that mean the request never left this machine. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ECONNABORTED_BEFORE_SEND']);

export interface N8nTransportOptions {
  /** Milliseconds until n8n gives up on one request. @defaultValue 15000 */
  timeoutMs?: number;
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  // n8n parsed it after all (an old helper, or a content type it insists on): give the core JSON back.
  return JSON.stringify(body);
}

function lowerCaseHeaders(headers: IDataObject | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function networkCode(error: unknown): string {
  const e = error as { code?: unknown; cause?: { code?: unknown }; context?: { data?: { code?: unknown } } };
  for (const c of [e?.cause?.code, e?.code, e?.context?.data?.code]) if (typeof c === 'string' && c) return c;
  return 'N8N_HTTP_ERROR';
}

function abandonOnAbort<T>(pending: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(Object.assign(new Error('The request was cancelled'), { code: 'ABORT_ERR' }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(Object.assign(new Error('The request was cancelled'), { code: 'ABORT_ERR' }));
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function toTransportError(error: unknown): TransportError {
  const code = networkCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return new TransportError(`Network error talking to the vendor: ${message} (${code}).`, code, !NOT_SENT.has(code), {
    cause: error,
  });
}

/**
 * Sends the core's requests as `credentialName` through the n8n context it was
 * made for. The context is an execute or poll context of the running node.
 */
export class N8nTransport implements Transport {
  readonly #context: IAllExecuteFunctions;
  readonly #credentialName: string;
  readonly #timeoutMs: number;

  constructor(context: IAllExecuteFunctions, credentialName: string, options: N8nTransportOptions = {}) {
    this.#context = context;
    this.#credentialName = credentialName;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  send(req: HttpRequest): Promise<HttpResponse> {
    return this.sendWith(req);
  }

  /** `send`, with n8n's extra credential options (e.g. credentials whose session field is cleared, to sign in again). */
  async sendWith(req: HttpRequest, additional?: IAdditionalCredentialOptions): Promise<HttpResponse> {
    const options: IHttpRequestOptions = {
      method: req.method,
      url: req.url,
      headers: { ...req.headers },
      // A string body is sent byte for byte, which is what the signature covers.
      ...(req.body !== undefined ? { body: req.body } : {}),
      json: false,
      encoding: 'arraybuffer',
      returnFullResponse: true,
      // Vendor errors come back as responses: the core reads their codes and request ids.
      ignoreHttpStatusErrors: true,
      timeout: this.#timeoutMs,
      ...(req.signal ? { abortSignal: req.signal } : {}),
    };
    let response: IN8nHttpFullResponse;
    try {
      const sending = this.#context.helpers.httpRequestWithAuthentication.call(
        this.#context,
        this.#credentialName,
        options,
        additional,
      ) as Promise<IN8nHttpFullResponse>;
      // n8n replaces a request's abort signal with the execution's, so a
      // cancelled long poll is let go here and its late answer ignored.
      response = req.signal ? await abandonOnAbort(sending, req.signal) : await sending;
    } catch (error) {
      // The core decides about retries from a TransportError; the node turns it
      // into a NodeApiError at its boundary (lib/errors.ts).
      throw toTransportError(error);
    }
    return {
      status: response.statusCode,
      headers: lowerCaseHeaders(response.headers),
      body: bodyText(response.body),
    };
  }

  async close(): Promise<void> {
    // n8n owns the connection pool.
  }
}
