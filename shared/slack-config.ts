// The optional `slack` section of the configuration: how the bot connects,
// who is a supervisor, which Slack user is which agent, and where alerts go.
// Pure schema + routing; the bot (bot/) and the notify queue (queues/) read it.
import { z } from 'zod/v4';
import { SecretRef } from './secret.ts';

const userId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'a Slack user id like U012ABCDEF');
const userGroupId = z.string().regex(/^S[A-Z0-9]{2,}$/, 'a Slack user group id like S012ABCDEF');
/** A channel id (C…/G…) or a #name; ids are what Slack's API wants, names are accepted by chat.postMessage. */
const channelRef = z.string().regex(/^(#[a-z0-9][a-z0-9._-]{0,79}|[CGD][A-Z0-9]{2,})$/, 'a channel id like C012ABCDEF or a name like #cc-alerts');

export const AlertRoute = z.strictObject({
  /** Matches alerts of this center; any center when absent. */
  center: z.string().optional(),
  /** Matches the call's queue / skill group; any when absent. */
  skillGroup: z.string().optional(),
  channel: channelRef,
});
export type AlertRoute = z.infer<typeof AlertRoute>;

export const SlackSection = z
  .strictObject({
    /**
     * `http`: Slack posts to /slack/events, verified with the signing secret (production).
     * `socket`: the bot opens a WebSocket with the app-level token (development, behind a firewall).
     * @defaultValue http
     */
    mode: z.enum(['http', 'socket']).default('http'),
    /** Required in http mode. */
    signingSecret: SecretRef.optional(),
    /** The bot token, xoxb-… */
    botToken: SecretRef,
    /** Required in socket mode: the app-level token, xapp-… with connections:write. */
    appToken: SecretRef.optional(),
    /** Where the Web API lives. @defaultValue https://slack.com/api/ */
    apiUrl: z.url().optional(),
    /** The HTTP port when the bot serves on its own (not mounted on the service). @defaultValue 3000 */
    port: z.number().int().min(0).max(65535).optional(),
    /** Who may act on any agent and on alerts: Slack user ids and/or user group ids. */
    supervisors: z
      .strictObject({ users: z.array(userId).default([]), userGroups: z.array(userGroupId).default([]) })
      .default({ users: [], userGroups: [] }),
    /** Slack user id -> the agent they are at a center (for `me`, own-status changes and Call back). */
    userAgents: z.record(userId, z.strictObject({ center: z.string(), agentId: z.string().min(1) })).default({}),
    /** First match wins; alerts with no match go to defaultChannel. */
    alertRoutes: z.array(AlertRoute).default([]),
    defaultChannel: channelRef.optional(),
    /** Every action is also posted here when set. */
    auditChannel: channelRef.optional(),
    /** Channel id -> the center a command there uses when it names none. */
    defaultCenterByChannel: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((s, ctx) => {
    if (s.mode === 'http' && !s.signingSecret) {
      ctx.addIssue({ code: 'custom', path: ['signingSecret'], message: 'http mode needs the signing secret: {"env": "SLACK_SIGNING_SECRET"}' });
    }
    if (s.mode === 'socket' && !s.appToken) {
      ctx.addIssue({ code: 'custom', path: ['appToken'], message: 'socket mode needs the app-level token (xapp-…): {"env": "SLACK_APP_TOKEN"}' });
    }
  });
export type SlackSection = z.infer<typeof SlackSection>;

/** Centers named in the section that the configuration does not have, as `path: message` lines. */
export function unknownCentersIn(s: SlackSection, centers: string[]): string[] {
  const bad: string[] = [];
  const check = (name: string | undefined, path: string) => {
    if (name !== undefined && !centers.includes(name)) bad.push(`${path}: "${name}" is not one of the centers (${centers.join(', ')})`);
  };
  for (const [u, a] of Object.entries(s.userAgents)) check(a.center, `slack.userAgents.${u}.center`);
  s.alertRoutes.forEach((r, i) => check(r.center, `slack.alertRoutes[${i}].center`));
  for (const [c, name] of Object.entries(s.defaultCenterByChannel)) check(name, `slack.defaultCenterByChannel.${c}`);
  return bad;
}

/** The channel an alert of this center / skill group goes to; undefined when nothing matches and no default. */
export function routeAlert(
  s: Pick<SlackSection, 'alertRoutes' | 'defaultChannel'>,
  alert: { center: string; skillGroup?: string | undefined },
): string | undefined {
  const hit = s.alertRoutes.find(
    (r) => (r.center === undefined || r.center === alert.center) && (r.skillGroup === undefined || r.skillGroup === alert.skillGroup),
  );
  return hit?.channel ?? s.defaultChannel;
}
