// Where a conference stands, from its participants' leg states: pure, so the
// same decision serves StartConference's answer and every later poll.
import type { Conference, Outcome, Participant } from '../../domain.ts';
import { maskPhone } from '../../mask.ts';

/** How soon a front end should look again while legs ring. */
export const CONFERENCE_POLL_MS = 2_000;

const shown = (p: Participant) => (p.kind === 'phone' ? maskPhone(p.address) : p.address);
const list = (ps: readonly Participant[]) => ps.map(shown).join(', ');

export interface ConferenceOutcomeInput {
  conference: Conference;
  token: string;
  deadline: string;
  timeoutSeconds: number;
  now: Date;
}

/**
 * - a leg still calling or ringing before the deadline: pending (progress names who rings)
 * - still ringing at the deadline: failed, "no answer after N s"
 * - someone joined (or joined and already left): done
 * - nobody joined and nobody rings: failed, saying why
 */
export function conferenceOutcome(i: ConferenceOutcomeInput): Outcome<Conference> {
  const ps = i.conference.participants;
  const waiting = ps.filter((p) => p.state === 'calling' || p.state === 'ringing');
  const reached = ps.filter((p) => p.state === 'joined' || p.state === 'left');
  if (waiting.length > 0 && i.now.getTime() < Date.parse(i.deadline)) {
    const progress = waiting.map((p) => `${p.state} ${shown(p)}`).join(', ');
    return { status: 'pending', token: i.token, value: i.conference, progress, pollAfterMs: CONFERENCE_POLL_MS, deadline: i.deadline };
  }
  if (waiting.length > 0) {
    const conference: Conference = {
      ...i.conference,
      participants: ps.map((p) => (waiting.includes(p) ? { ...p, state: 'no_answer' as const } : p)),
    };
    return { status: 'failed', code: 'no_answer', reason: `No answer from ${list(waiting)} after ${i.timeoutSeconds} s.`, value: conference };
  }
  if (reached.length > 0) return { status: 'done', value: i.conference };
  const noAnswer = ps.filter((p) => p.state === 'no_answer');
  if (noAnswer.length === ps.length) {
    return { status: 'failed', code: 'no_answer', reason: `No answer from ${list(noAnswer)} after ${i.timeoutSeconds} s.`, value: i.conference };
  }
  const failed = ps.filter((p) => p.state === 'failed');
  const why = failed.map((p) => `${shown(p)}${p.detail ? ` (${p.detail})` : ''}`).join(', ');
  return { status: 'failed', code: 'call_failed', reason: `The call to ${why || list(ps)} failed.`, value: i.conference };
}
