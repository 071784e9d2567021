// The opaque token of a pending conference: what pollOutcome needs to look
// again (call id, host agent, who was dialled, deadline). base64url JSON,
// checked with zod on the way back in.
import { z } from 'zod/v4';
import { InvalidInput } from '../../errors.ts';

const TOKEN_PREFIX = 'ccc1.';

export const ConferenceToken = z.object({
  kind: z.literal('conference'),
  center: z.string(),
  jobId: z.string().min(1),
  agentId: z.string().optional(),
  participants: z.array(z.object({ address: z.string(), kind: z.enum(['agent', 'phone']) })).min(1),
  timeoutSeconds: z.number().int().positive(),
  deadline: z.iso.datetime({ offset: true }),
});
export type ConferenceToken = z.infer<typeof ConferenceToken>;

export function encodeConferenceToken(t: ConferenceToken): string {
  return TOKEN_PREFIX + Buffer.from(JSON.stringify(t), 'utf8').toString('base64url');
}

export function decodeConferenceToken(token: string): ConferenceToken {
  const bad = () =>
    new InvalidInput('This is not a pending-result token of an Alibaba CCC conference (it may be from another center or cut short).', [
      { path: 'token', message: 'not a CCC conference token' },
    ]);
  if (!token.startsWith(TOKEN_PREFIX)) throw bad();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const parsed = ConferenceToken.safeParse(json);
  if (!parsed.success) throw bad();
  return parsed.data;
}
