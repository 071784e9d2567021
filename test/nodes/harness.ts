// A small stand-in for n8n's execution contexts, enough to run the ccops
// nodes' execute() and poll() outside n8n: parameters per item, input items,
// continueOnFail, workflow static data, and an httpRequestWithAuthentication
// that does what n8n-core 2.41 does (preAuthentication when the expirable
// field is empty, the credential's authenticate, a real HTTP request with
// fetch, one refresh-and-resend on 401) — so signing is tested end to end
// against the simulators without n8n itself.
import type {
  IAdditionalCredentialOptions,
  ICredentialDataDecryptedObject,
  ICredentialType,
  IDataObject,
  IExecuteFunctions,
  IHttpRequestOptions,
  INode,
  INodeExecutionData,
  IPollFunctions,
} from 'n8n-workflow';

export interface SentRequest {
  credential: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  status: number;
}

export interface HarnessOptions {
  /** Node parameters; a function gives per-item values. */
  parameters: Record<string, unknown> | ((itemIndex: number) => Record<string, unknown>);
  credentials: Record<string, { type: ICredentialType; data: ICredentialDataDecryptedObject }>;
  items?: INodeExecutionData[];
  continueOnFail?: boolean;
  mode?: 'trigger' | 'manual';
  staticData?: IDataObject;
  nodeName?: string;
  nodeType?: string;
}

function headerRecord(h: IDataObject | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) if (v !== undefined && v !== null) out[k] = String(v);
  return out;
}

function withQuery(options: IHttpRequestOptions): string {
  const base = options.baseURL ? `${options.baseURL.replace(/\/+$/, '')}/${options.url.replace(/^\/+/, '')}` : options.url;
  const url = new URL(base);
  for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.append(k, String(v));
  return url.toString();
}

export class Harness {
  readonly sent: SentRequest[] = [];
  readonly staticData: IDataObject;
  readonly warnings: string[] = [];
  readonly #o: HarnessOptions;
  readonly #node: INode;

  constructor(o: HarnessOptions) {
    this.#o = o;
    this.staticData = o.staticData ?? {};
    this.#node = {
      id: 'node-1',
      name: o.nodeName ?? 'CC',
      type: o.nodeType ?? 'ccops.test',
      typeVersion: 1,
      position: [0, 0],
      parameters: {},
      credentials: Object.fromEntries(Object.keys(o.credentials).map((k) => [k, { id: 'cred-1', name: k }])),
    };
  }

  param(name: string, itemIndex: number, fallback?: unknown): unknown {
    const p = typeof this.#o.parameters === 'function' ? this.#o.parameters(itemIndex) : this.#o.parameters;
    if (name in p) return p[name];
    if (fallback !== undefined) return fallback;
    throw new Error(`Could not get parameter "${name}"`);
  }

  /** Sign-ins done by credentials' preAuthentication (persisted into the stored credential, as n8n does). */
  preAuthentications = 0;

  async request(credentialName: string, options: IHttpRequestOptions, additional?: IAdditionalCredentialOptions): Promise<unknown> {
    const cred = this.#o.credentials[credentialName];
    if (!cred) throw new Error(`No credentials of type "${credentialName}"`);
    // n8n-core uses the given decrypted data for this request instead of the stored one.
    const data = additional?.credentialsDecrypted ? { ...additional.credentialsDecrypted.data } : cred.data;
    const expirable = cred.type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
    const refresh = async () => {
      if (!expirable || typeof cred.type.preAuthentication !== 'function') return;
      const helpers = { helpers: { httpRequest: (o: IHttpRequestOptions) => this.#send('(preAuthentication)', o) } };
      const out = await cred.type.preAuthentication.call(helpers as never, data);
      this.preAuthentications++;
      Object.assign(data, out);
      Object.assign(cred.data, out);
    };
    if (expirable && !data[expirable.name]) await refresh();
    const attempt = async () => {
      const auth = cred.type.authenticate;
      const signed = typeof auth === 'function' ? await auth(data, { ...options, headers: { ...(options.headers ?? {}) } }) : options;
      return await this.#send(credentialName, signed);
    };
    try {
      return await attempt();
    } catch (error) {
      if ((error as { status?: number }).status === 401 && expirable) {
        await refresh();
        return await attempt();
      }
      throw error;
    }
  }

  async #send(credential: string, options: IHttpRequestOptions): Promise<unknown> {
    const url = withQuery(options);
    const headers = headerRecord(options.headers);
    let body: string | undefined;
    if (typeof options.body === 'string') body = options.body;
    else if (options.body && typeof options.body === 'object' && Object.keys(options.body).length) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(url, { method: options.method ?? 'GET', headers, body });
    const bytes = Buffer.from(await res.arrayBuffer());
    this.sent.push({ credential, method: options.method ?? 'GET', url, headers, body, status: res.status });
    const ignore = options.ignoreHttpStatusErrors;
    const ignored = ignore === true || (typeof ignore === 'object' && !ignore.except.includes(res.status));
    if (res.status >= 400 && !ignored) {
      throw Object.assign(new Error(`Request failed with status code ${res.status}`), { status: res.status });
    }
    const responseHeaders: IDataObject = {};
    res.headers.forEach((v, k) => (responseHeaders[k] = v));
    const parsed = options.encoding === 'arraybuffer' ? bytes : options.json ? JSON.parse(bytes.toString('utf8')) : bytes.toString('utf8');
    return options.returnFullResponse ? { statusCode: res.status, headers: responseHeaders, body: parsed } : parsed;
  }

  #common() {
    const self = this;
    return {
      getNode: () => this.#node,
      getCredentials: async (name: string) => {
        const cred = self.#o.credentials[name];
        if (!cred) throw new Error(`No credentials of type "${name}"`);
        return cred.data;
      },
      getWorkflowStaticData: () => self.staticData,
      getMode: () => self.#o.mode ?? 'trigger',
      logger: { warn: (m: string) => self.warnings.push(m), info: () => {}, debug: () => {}, error: () => {} },
      helpers: {
        httpRequestWithAuthentication(this: unknown, name: string, options: IHttpRequestOptions, additional?: IAdditionalCredentialOptions) {
          return self.request(name, options, additional);
        },
        returnJsonArray: (data: IDataObject | IDataObject[]) =>
          (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
        constructExecutionMetaData: (data: INodeExecutionData[], o: { itemData: { item: number } }) =>
          data.map((d) => ({ ...d, pairedItem: o.itemData })),
      },
    };
  }

  execute(): IExecuteFunctions {
    return {
      ...this.#common(),
      getInputData: () => this.#o.items ?? [{ json: {} }],
      getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => this.param(name, itemIndex, fallback),
      continueOnFail: () => this.#o.continueOnFail ?? false,
    } as unknown as IExecuteFunctions;
  }

  poll(): IPollFunctions {
    return {
      ...this.#common(),
      getNodeParameter: (name: string, fallback?: unknown) => this.param(name, 0, fallback),
      getActivationMode: () => 'activate',
      getPollBudgetMs: () => 300_000,
    } as unknown as IPollFunctions;
  }
}
