// The opaque token of a pending conference: what pollOutcome needs to look
// again (call id, host agent, who was dialled, deadline), in any process.
// base64url JSON, checked with zod on the way back in.
//
// Tokens are stored and shown (BullMQ job data, `--json`, n8n items), so they
// never hold a full phone number: a phone participant is its masked form (to
// show) plus a keyed hash of its digits (to find its leg among the channels the
// center reports). Agent extensions are not personal and stay as they are.
import { createHmac } from 'node:crypto';
import { z } from 'zod/v4';
import { InvalidInput } from '../../errors.ts';

/** The format this code writes; `ccc<N>.` tokens of any other N are refused with a sentence. */
export const CONFERENCE_TOKEN_VERSION = 2;
const PREFIX = /^ccc(\d+)\./;

const TokenParticipant = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), address: z.string().min(1) }),
  z.object({
    kind: z.literal('phone'),
    /** maskPhone() of the number: for progress and results. */
    masked: z.string(),
    /** DestinationHasher.hash() of the number: for matching legs. */
    hash: z.string().regex(/^[0-9a-f]{16,64}$/),
  }),
]);
export type TokenParticipant = z.infer<typeof TokenParticipant>;

export const ConferenceToken = z.object({
  kind: z.literal('conference'),
  center: z.string(),
  jobId: z.string().min(1),
  agentId: z.string().optional(),
  /** Which key hashed the numbers (DestinationHasher.keyId). */
  keyId: z.string(),
  participants: z.array(TokenParticipant).min(1),
  timeoutSeconds: z.number().int().positive(),
  deadline: z.iso.datetime({ offset: true }),
});
export type ConferenceToken = z.infer<typeof ConferenceToken>;

/**
 * Hashes dialled numbers so that a token reader cannot brute-force them back
 * (11 digits are only 1e11 guesses for a plain hash): HMAC-SHA256 under a key
 * derived from the profile's AccessKey secret, which every process that can
 * poll this center holds and the token's readers do not. Where the adapter
 * holds no secret (n8n signs in the credential), the key falls back to the
 * instance and AccessKey id: still no number in clear text, but guessable by
 * whoever knows those; keyId tells the two apart so a token is never matched
 * under the wrong key.
 */
export interface DestinationHasher {
  keyId: string;
  hash(number: string): string;
}

export function destinationHasher(o: { secret: string; instanceId: string; accessKeyId: string }): DestinationHasher {
  const material = o.secret ? `secret\0${o.secret}` : `public\0${o.instanceId}\0${o.accessKeyId}`;
  const key = createHmac('sha256', 'ccops conference-token destination key v2').update(material).digest();
  const keyId = createHmac('sha256', key).update('key id').digest('hex').slice(0, 8);
  return {
    keyId,
    hash: (number) => createHmac('sha256', key).update(normalizeDigits(number)).digest('hex').slice(0, 24),
  };
}

/** The same number as dialled and as the center reports it: digits only, "00" for a leading "+". */
export function normalizeDigits(number: string): string {
  return number.trim().replace(/^\+/, '00').replace(/\D/g, '');
}

export function encodeConferenceToken(t: ConferenceToken): string {
  return `ccc${CONFERENCE_TOKEN_VERSION}.` + Buffer.from(JSON.stringify(t), 'utf8').toString('base64url');
}

export type DecodedConferenceToken = { ok: true; token: ConferenceToken } | { ok: false; version: number };

/**
 * A CCC conference token, or (ok: false) a well-formed one of another format
 * version, which the caller turns into a failed outcome. Anything else is an
 * InvalidInput. Unknown fields are ignored so that additions stay readable.
 */
export function readConferenceToken(token: string): DecodedConferenceToken {
  const bad = () =>
    new InvalidInput('This is not a pending-result token of an Alibaba CCC conference (it may be from another center or cut short).', [
      { path: 'token', message: 'not a CCC conference token' },
    ]);
  const text = token.trim();
  const m = PREFIX.exec(text);
  if (!m) throw bad();
  const version = Number(m[1]);
  if (version !== CONFERENCE_TOKEN_VERSION) return { ok: false, version };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text.slice(m[0].length), 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const parsed = ConferenceToken.safeParse(json);
  if (!parsed.success) throw bad();
  return { ok: true, token: parsed.data };
}

/** readConferenceToken for callers that want only the current format (InvalidInput otherwise). */
export function decodeConferenceToken(token: string): ConferenceToken {
  const r = readConferenceToken(token);
  if (r.ok) return r.token;
  throw new InvalidInput(unsupportedVersionReason(r.version), [{ path: 'token', message: `token format ccc${r.version} is not supported` }]);
}

export function unsupportedVersionReason(version: number): string {
  return (
    `This pending result was written by a ${version < CONFERENCE_TOKEN_VERSION ? 'older' : 'newer'} ccops (token format ccc${version}; ` +
    `this one reads ccc${CONFERENCE_TOKEN_VERSION}), so it cannot be followed here. Look the conference up by its call id, or start it again.`
  );
}
