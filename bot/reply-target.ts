// Where the result of a Slack-initiated operation goes. Travels inside the
// operations job (plain JSON), so any worker process can deliver it.
import { z } from 'zod/v4';

export const SlackReplyTarget = z.object({
  kind: z.literal('slack'),
  /** Unique per request: keys the response_url budget and the fallback message. */
  id: z.string().min(1),
  /** The slash command's or the click's response_url; absent for thread follow-ups. */
  responseUrl: z.url().optional(),
  /** When Slack issued the response_url (it may be used 5 times within 30 minutes). */
  issuedAt: z.iso.datetime({ offset: true }),
  channel: z.string().min(1),
  user: z.string().min(1),
  /** Follow-ups to an alert go into its thread. */
  threadTs: z.string().optional(),
  /** What the user asked, in words, for the reply's heading and the audit line ("agent agent@ccc-test break"). */
  what: z.string(),
  /** The command text as typed, phone numbers masked, for the audit line. */
  commandText: z.string().optional(),
  /** The operation's input, for rendering (timeout, search window, target state); phone numbers in it are masked on render. */
  input: z.unknown().optional(),
  /** Alert the operation came from (Call back), whose message is updated too. */
  alert: z.object({ id: z.string(), channel: z.string(), ts: z.string() }).optional(),
});
export type SlackReplyTarget = z.infer<typeof SlackReplyTarget>;
