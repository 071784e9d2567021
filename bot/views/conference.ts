// Conference card: each participant's leg as it progresses
// ("ringing 1317511****", "joined", "no answer after 30 s").
import type { Conference, Participant } from '../../shared/domain.ts';
import { maskPhone, maskPhonesIn } from '../../shared/mask.ts';
import { context, esc, type Message, section } from './blocks.ts';

export type ConferencePhase = 'starting' | 'running' | 'ended' | 'failed';

const ICON: Record<Participant['state'], string> = {
  calling: ':outbox_tray:',
  ringing: ':bell:',
  joined: ':white_check_mark:',
  left: ':wave:',
  no_answer: ':no_bell:',
  failed: ':x:',
};

export const who = (p: Participant): string => esc(p.kind === 'phone' ? maskPhone(p.address) : p.address);

export function participantLine(p: Participant, timeoutSeconds?: number): string {
  const state = (() => {
    switch (p.state) {
      case 'calling':
        return `calling ${who(p)}`;
      case 'ringing':
        return `ringing ${who(p)}`;
      case 'joined':
        return `${who(p)} joined`;
      case 'left':
        return `${who(p)} left`;
      case 'no_answer':
        return `${who(p)}: no answer${timeoutSeconds ? ` after ${timeoutSeconds} s` : ''}`;
      case 'failed':
        return `${who(p)}: failed`;
    }
  })();
  return `${ICON[p.state]} ${state}${p.detail ? ` — ${esc(p.detail)}` : ''}`;
}

export function conferenceCard(
  c: Conference,
  o: { phase: ConferencePhase; progress?: string; timeoutSeconds?: number; reason?: string },
): Message {
  const title = {
    starting: ':hourglass_flowing_sand: Conference starting',
    running: ':busts_in_silhouette: Conference running',
    ended: ':checkered_flag: Conference ended',
    failed: ':x: Conference failed',
  }[o.phase];
  const legs = c.participants.map((p) => participantLine(p, o.timeoutSeconds)).join('\n');
  // Vendor sentences may name a participant's number.
  const progress = o.progress === undefined ? undefined : maskPhonesIn(o.progress);
  const reason = o.reason === undefined ? undefined : maskPhonesIn(o.reason);
  return {
    text: `${title.replace(/:[a-z_]+: /, '')} at ${c.center} (${c.id})${progress ? `: ${progress}` : ''}`,
    blocks: [
      section(`*${title}* at *${esc(c.center)}*${c.chair ? ` — hosted by ${esc(c.chair)}` : ''}`),
      ...(legs ? [section(legs)] : []),
      ...(reason ? [section(`:warning: ${esc(reason)}`)] : []),
      context(
        `Conference id \`${esc(c.id)}\`${o.phase === 'running' ? ` · end it with \`/cc conference end ${esc(c.id)}${c.center ? ` --center ${esc(c.center)}` : ''}\`` : ''}`,
        ...(progress ? [esc(progress)] : []),
      ),
    ],
  };
}
