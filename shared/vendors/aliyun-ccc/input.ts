// Input checks done before any request: agent ids, participants, tags.
// Pure; each failure is an InvalidInput naming the field.
import { z } from 'zod/v4';
import { StartConferenceInput } from '../../domain.ts';
import { InvalidInput } from '../../errors.ts';
import { maskPhone } from '../../mask.ts';

/** CCC agent ids are `<login>@<instance id>`. */
const AGENT_ID = /^[A-Za-z0-9._-]+@[A-Za-z0-9._-]+$/;
/** A bare agent login starts with a letter, which no dialable number does. */
const AGENT_LOGIN = /^[A-Za-z][A-Za-z0-9._-]*$/;
/** Agent extensions: short digit strings (the docs show 8 digits, e.g. 8045****). */
const EXTENSION = /^\d{3,8}$/;
/** A dialable number: 9 to 15 digits, an optional leading +. */
const PHONE = /^\+?\d{9,15}$/;

export const MAX_TAGS_BYTES = 128;

/**
 * An agent id as CCC wants it. A bare login gets this instance's suffix
 * (`alice` -> `alice@ccc-test`); an id of another instance cannot be an agent
 * here, so it is refused without asking.
 */
export function normalizeAgentId(value: string, instanceId: string, field = 'agentId'): string {
  const id = value.trim();
  const full = id.includes('@') ? id : `${id}@${instanceId}`;
  if (!AGENT_ID.test(full)) {
    throw new InvalidInput(`Invalid ${field}: "${value}" is not an agent id like name@${instanceId}.`, [
      { path: field, message: `expected an agent id like name@${instanceId}` },
    ]);
  }
  if (!full.endsWith(`@${instanceId}`)) {
    throw new InvalidInput(`Unknown agent "${value}": agents of this contact center end with @${instanceId}.`, [
      { path: field, message: `unknown agent: not in instance ${instanceId}` },
    ]);
  }
  return full;
}

export type ParsedParticipant =
  | { kind: 'phone'; address: string }
  | { kind: 'agent'; address: string }
  /** An agent id whose extension must be looked up. */
  | { kind: 'agent-id'; agentId: string };

export function parseParticipant(value: string, instanceId: string, index: number): ParsedParticipant {
  const v = value.trim();
  const path = `participants.${index}`;
  // `bob@ccc-test`, or a bare login (`bob`): an agent, dialled at its extension.
  if (v.includes('@') || AGENT_LOGIN.test(v)) return { kind: 'agent-id', agentId: normalizeAgentId(v, instanceId, path) };
  const digits = v.replace(/[\s()-]/g, '');
  if (EXTENSION.test(digits)) return { kind: 'agent', address: digits };
  if (PHONE.test(digits)) return { kind: 'phone', address: digits };
  const shown = /\d{7,}/.test(digits) ? maskPhone(digits) : v;
  throw new InvalidInput(
    `Invalid participant "${shown}": expected a phone number (9-15 digits, optional +), an agent extension (3-8 digits) or an agent id like name@${instanceId}.`,
    [{ path, message: 'not a phone number, extension or agent id' }],
  );
}

export interface ValidConference {
  agentId?: string;
  participants: ParsedParticipant[];
  timeoutSeconds: number;
  tags?: string;
}

const TagsBytes = z
  .string()
  .refine((t) => Buffer.byteLength(t, 'utf8') <= MAX_TAGS_BYTES, {
    message: `tags must be at most ${MAX_TAGS_BYTES} bytes (UTF-8)`,
  });

export function validateStartConference(input: unknown, instanceId: string): ValidConference {
  const parsed = StartConferenceInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod('conference', parsed.error);
  const v = parsed.data;
  if (v.tags !== undefined) {
    const t = TagsBytes.safeParse(v.tags);
    if (!t.success) throw InvalidInput.fromZod('conference', new z.ZodError(t.error.issues.map((i) => ({ ...i, path: ['tags'] }))));
  }
  const participants = v.participants.map((p, i) => parseParticipant(p, instanceId, i));
  return {
    ...(v.agentId ? { agentId: normalizeAgentId(v.agentId, instanceId) } : {}),
    participants,
    timeoutSeconds: v.timeoutSeconds,
    ...(v.tags !== undefined ? { tags: v.tags } : {}),
  };
}
