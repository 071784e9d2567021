// The Huawei AICC agent gateway authenticates with a Guid, issued when the
// agent signs in (Set-GUID: JSESSIONID=<guid>) and sent as header `guid`.
// n8n keeps it in the credential's hidden, expirable `guid` field: it signs
// in through `preAuthentication` when the field is empty (first use, a
// credential test, or when the node asks for a fresh sign-in after the
// gateway refused the Guid) and stores the Guid for later executions.
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { guidFromSetGuid } from '../core/huawei-aicc.ts';

/** The Guid header value the nodes send to mean "the credential's Guid". */
export const CREDENTIAL_GUID = '@credential';

export function gatewayBase(credentials: ICredentialDataDecryptedObject): string {
  return String(credentials.gatewayUrl ?? '').trim().replace(/\/+$/, '');
}

interface Envelope {
  retcode?: string;
  message?: string;
}

function envelopeOf(body: unknown): Envelope {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as Envelope;
    } catch {
      return {};
    }
  }
  return (body ?? {}) as Envelope;
}

export async function signInForGuid(
  this: IHttpRequestHelper,
  credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
  const agentId = String(credentials.agentId ?? '').trim();
  const body = {
    password: String(credentials.password ?? ''),
    phonenum: String(credentials.phoneNumber ?? '').trim(),
    status: '4',
    releasephone: 'true',
    agenttype: '4',
  };
  const signIn = async (path: string) =>
    (await this.helpers.httpRequest({
      method: 'PUT',
      url: `${gatewayBase(credentials)}/onlineagent/${agentId}${path}`,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body,
      json: true,
      returnFullResponse: true,
    })) as { headers: IDataObject; body: unknown };
  let response = await signIn('');
  // 100-002: already signed in (an earlier session whose Guid is lost): take it over.
  if (envelopeOf(response.body).retcode === '100-002') response = await signIn('/forcelogin');
  const envelope = envelopeOf(response.body);
  const guid = guidFromSetGuid(String(response.headers['set-guid'] ?? ''));
  if (envelope.retcode !== '0' || !guid) {
    throw new Error(
      `Huawei AICC refused to sign in agent ${agentId} (retcode ${envelope.retcode ?? 'none'}: ${envelope.message ?? 'no message'}). Check the agent ID, password and phone number.`,
    );
  }
  return { guid };
}

/** Adds the credential's Guid unless the request carries a newer one (rotated by the gateway mid-execution). */
export async function addGuid(
  credentials: ICredentialDataDecryptedObject,
  requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
  const headers: IDataObject = {};
  let explicit: string | undefined;
  for (const [k, v] of Object.entries(requestOptions.headers ?? {})) {
    if (k.toLowerCase() === 'guid') {
      if (v !== CREDENTIAL_GUID && v) explicit = String(v);
    } else headers[k] = v;
  }
  headers.guid = explicit ?? String(credentials.guid ?? '');
  return { ...requestOptions, headers };
}
