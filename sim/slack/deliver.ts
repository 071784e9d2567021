// What Slack sends to an app's request URL, signed as Slack signs it
// (v0 = HMAC-SHA256(signing secret, "v0:" + timestamp + ":" + body)):
// slash commands and interactivity as exact application/x-www-form-urlencoded
// strings, events as JSON. Used by the e2e tests, the ack benchmark and the
// local Slack page, so the bot cannot tell them from Slack.
import { createHmac, randomBytes } from 'node:crypto';

export function slackSignature(signingSecret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export function signRequest(
  signingSecret: string,
  body: string,
  contentType: 'application/x-www-form-urlencoded' | 'application/json',
  timestampSec: number = Math.floor(Date.now() / 1000),
): SignedRequest {
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestampSec),
      'x-slack-signature': slackSignature(signingSecret, timestampSec, body),
    },
  };
}

export interface SlashCommand {
  command?: string;
  text: string;
  user_id: string;
  user_name?: string;
  channel_id: string;
  channel_name?: string;
  team_id?: string;
  response_url: string;
  trigger_id?: string;
  api_app_id?: string;
}

export function slashCommandBody(c: SlashCommand): string {
  const fields: Record<string, string> = {
    token: 'deprecated-verification-token',
    team_id: c.team_id ?? 'T0CCOPS01',
    team_domain: 'ccops-sim',
    channel_id: c.channel_id,
    channel_name: c.channel_name ?? c.channel_id,
    user_id: c.user_id,
    user_name: c.user_name ?? c.user_id.toLowerCase(),
    command: c.command ?? '/cc',
    text: c.text,
    api_app_id: c.api_app_id ?? 'A0CCOPS01',
    is_enterprise_install: 'false',
    response_url: c.response_url,
    trigger_id: c.trigger_id ?? `${Date.now()}.${randomBytes(6).toString('hex')}`,
  };
  return new URLSearchParams(fields).toString();
}

export interface BlockAction {
  user: { id: string; name?: string };
  channel: { id: string; name?: string };
  message?: { ts: string; text?: string; blocks?: unknown[]; thread_ts?: string };
  response_url: string;
  actions: (
    | { type: 'button'; action_id: string; block_id?: string; value?: string }
    | { type: 'static_select'; action_id: string; block_id?: string; selected_option: { value: string; text?: unknown } }
    | { type: 'users_select'; action_id: string; block_id?: string; selected_user: string }
    | { type: 'overflow'; action_id: string; block_id?: string; selected_option: { value: string } }
  )[];
  trigger_id?: string;
}

export function blockActionBody(a: BlockAction): string {
  const payload = {
    type: 'block_actions',
    team: { id: 'T0CCOPS01', domain: 'ccops-sim' },
    user: { id: a.user.id, username: a.user.name ?? a.user.id.toLowerCase(), name: a.user.name ?? a.user.id.toLowerCase(), team_id: 'T0CCOPS01' },
    api_app_id: 'A0CCOPS01',
    token: 'deprecated-verification-token',
    container: a.message
      ? { type: 'message', message_ts: a.message.ts, channel_id: a.channel.id, is_ephemeral: false }
      : { type: 'view' },
    trigger_id: a.trigger_id ?? `${Date.now()}.${randomBytes(6).toString('hex')}`,
    channel: { id: a.channel.id, name: a.channel.name ?? a.channel.id },
    message: a.message ? { type: 'message', user: 'U0CCOPSBOT', bot_id: 'B0CCOPS01', text: '', ...a.message } : undefined,
    response_url: a.response_url,
    actions: a.actions.map((x) => ({ block_id: 'b', action_ts: String(Date.now() / 1000), ...x })),
    is_enterprise_install: false,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function appHomeOpenedBody(user: string, o: { eventId?: string; teamId?: string } = {}): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: o.teamId ?? 'T0CCOPS01',
    api_app_id: 'A0CCOPS01',
    type: 'event_callback',
    event_id: o.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab: 'home', event_ts: String(Date.now() / 1000) },
    authorizations: [{ team_id: o.teamId ?? 'T0CCOPS01', user_id: 'U0CCOPSBOT', is_bot: true }],
  });
}

export interface Delivered {
  status: number;
  /** The response body: JSON when it parses, else the raw text ('' for an empty ack). */
  body: unknown;
}

/** POSTs one signed request to the app's request URL (…/slack/events). */
export async function deliver(
  requestUrl: string,
  signingSecret: string,
  body: string,
  contentType: 'application/x-www-form-urlencoded' | 'application/json',
  o: { timestampSec?: number; signature?: string } = {},
): Promise<Delivered> {
  const signed = signRequest(signingSecret, body, contentType, o.timestampSec);
  if (o.signature) signed.headers['x-slack-signature'] = o.signature;
  const res = await fetch(requestUrl, { method: 'POST', headers: signed.headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : '';
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed };
}
