// Huawei AICC in n8n. The core's adapter signs in as an agent and then sends
// that session's Guid; in n8n the credential owns the session instead: its
// `preAuthentication` signs the agent in and n8n keeps the Guid in the
// credential. This Transport makes the adapter use it: the adapter's sign-in
// becomes "make sure the credential has a working Guid" (a fresh sign-in
// through n8n when the stored one is refused), its requests carry the
// credential's Guid (added by `authenticate`), and its sign-out at the end of
// an execution is skipped, so the agent stays signed in between executions.
import { createHuaweiAiccAdapter, HUAWEI_CAPABILITIES } from '../../core/huawei-aicc.ts';
import type { HttpRequest, HttpResponse, Operation, Transport } from '../../core/index.ts';
import { CREDENTIAL_GUID } from '../../credentials/huawei-auth.ts';
import { type CenterConnector, type CenterContext, SIGNED_BY_CREDENTIAL } from '../connector.ts';
import { N8nTransport } from '../transport.ts';

export const CREDENTIAL = 'huaweiAiccApi';

const SIGN_IN = /\/onlineagent\/([^/]+)(\/forcelogin)?$/;
const SIGN_OUT = /\/onlineagent\/([^/]+)\/logout$/;
/** The gateway's answers for a Guid it does not accept. */
const REFUSED = new Set(['100-006', '000-003']);

function ok(headers: Record<string, string> = {}): HttpResponse {
  return { status: 200, headers, body: JSON.stringify({ message: 'success', retcode: '0', result: {} }) };
}

function retcodeOf(res: HttpResponse): string | undefined {
  try {
    return (JSON.parse(res.body) as { retcode?: string }).retcode;
  } catch {
    return undefined;
  }
}

export class HuaweiCredentialSessionTransport implements Transport {
  readonly #ctx: CenterContext;
  readonly #inner: N8nTransport;
  readonly #agentId: string;
  #signIns = 0;

  constructor(ctx: CenterContext, agentId: string) {
    this.#ctx = ctx;
    this.#inner = new N8nTransport(ctx, CREDENTIAL);
    this.#agentId = agentId;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const path = new URL(req.url).pathname;
    const signIn = req.method === 'PUT' ? SIGN_IN.exec(path) : null;
    if (signIn && signIn[1] === this.#agentId) return await this.#signIn(req);
    const signOut = req.method === 'DELETE' ? SIGN_OUT.exec(path) : null;
    if (signOut && signOut[1] === this.#agentId) return ok();
    return await this.#inner.send(req);
  }

  /** Answers the adapter's sign-in once the credential's Guid is known to work. */
  async #signIn(req: HttpRequest): Promise<HttpResponse> {
    const status: HttpRequest = {
      method: 'GET',
      url: req.url.replace(SIGN_IN, `/onlineagent/${this.#agentId}/agentstatus`),
      headers: { 'content-type': 'application/json; charset=UTF-8', guid: CREDENTIAL_GUID },
    };
    // A second sign-in in one execution means the gateway refused the stored Guid.
    let res = this.#signIns++ === 0 ? await this.#inner.send(status) : await this.#freshSignIn(status);
    if (REFUSED.has(retcodeOf(res) ?? '')) res = await this.#freshSignIn(status);
    if (retcodeOf(res) !== '0') return res;
    // The adapter's session now sends CREDENTIAL_GUID, which `authenticate` replaces with the Guid.
    return ok({ 'set-guid': `JSESSIONID=${CREDENTIAL_GUID}` });
  }

  async #freshSignIn(status: HttpRequest): Promise<HttpResponse> {
    const data = await this.#ctx.getCredentials(CREDENTIAL);
    const node = this.#ctx.getNode();
    const ref = node.credentials?.[CREDENTIAL];
    // With the Guid cleared, n8n runs the credential's preAuthentication (a sign-in) and stores the new Guid.
    return await this.#inner.sendWith(status, {
      credentialsDecrypted: { id: ref?.id ?? '', name: ref?.name ?? CREDENTIAL, type: CREDENTIAL, data: { ...data, guid: '' } },
    });
  }

  async close(): Promise<void> {
    await this.#inner.close();
  }
}

export const huaweiAiccConnector: CenterConnector = {
  vendor: 'huawei-aicc',
  credentialName: CREDENTIAL,
  operations: (Object.keys(HUAWEI_CAPABILITIES) as Operation[]).filter((op) => HUAWEI_CAPABILITIES[op].supported),
  async connect(ctx: CenterContext) {
    const credentials = await ctx.getCredentials(CREDENTIAL);
    const agentId = String(credentials.agentId ?? '').trim();
    const adapter = createHuaweiAiccAdapter(
      ctx.getNode().name,
      {
        vendor: 'huawei-aicc',
        gatewayUrl: String(credentials.gatewayUrl ?? '').trim(),
        agentId,
        password: SIGNED_BY_CREDENTIAL,
        phoneNumber: String(credentials.phoneNumber ?? '').trim(),
        agents: [],
        conferenceMinutes: 60,
        breakSeconds: 3600,
        breakConfirmSeconds: 60,
        breakReasons: {},
      },
      { transport: new HuaweiCredentialSessionTransport(ctx, agentId) },
    );
    // The adapter reads state and events only for an agent it is signed in as;
    // here that is the credential's session (see HuaweiCredentialSessionTransport).
    await adapter.signIn();
    return adapter;
  },
};
