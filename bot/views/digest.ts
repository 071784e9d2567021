// Many abandoned calls in one message, for bursts (default view; the bot adds
// buttons). Accounts for every call it is given: a total, counts by center
// and queue, the longest waits, and the masked numbers of the rest.
import type { AlertCall } from '../../queues/alert.ts';
import type { RenderContext } from '../../queues/render.ts';
import { maskPhone } from '../../shared/mask.ts';
import { context, esc, type Message, section, seconds, slackDate } from './blocks.ts';

/** A queue muted from an alert (see bot/mutes.ts): its calls still count here, under a banner. */
export interface MuteBanner {
  center: string;
  skillGroup?: string;
  until: string;
  by: string;
}

const LONGEST = 5;
const NUMBERS_SHOWN = 40;

export interface DigestSummary {
  total: number;
  /** `center / queue` -> count, largest first. */
  byQueue: [string, number][];
  longest: AlertCall[];
}

export function summarize(calls: AlertCall[]): DigestSummary {
  const counts = new Map<string, number>();
  for (const c of calls) {
    const k = c.skillGroup ? `${c.center} / ${c.skillGroup}` : c.center;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const byQueue = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const longest = [...calls].sort((a, b) => (b.waitSeconds ?? -1) - (a.waitSeconds ?? -1)).slice(0, LONGEST);
  return { total: calls.length, byQueue, longest };
}

/**
 * `mutes`: queues muted now, shown as a banner. `held`: calls of muted queues
 * that were not posted on their own since the last digest, counted under it.
 */
export function renderDigest(calls: AlertCall[], _ctx: RenderContext, mutes: MuteBanner[] = [], held: AlertCall[] = []): Message {
  const s = summarize(calls);
  const heldIn = (m: MuteBanner) => held.filter((c) => c.center === m.center && (m.skillGroup === undefined || c.skillGroup === m.skillGroup)).length;
  const banner = mutes.map((m) => {
    const n = heldIn(m);
    return `:no_bell: *${esc(m.center)}${m.skillGroup ? ` / ${esc(m.skillGroup)}` : ''}* is muted until ${slackDate(m.until, '{date_short_pretty} {time}')} (by <@${m.by}>)${n ? `: ${n} call${n === 1 ? '' : 's'} held while muted` : ''}.`;
  });
  const unbannered = held.length - mutes.reduce((a, m) => a + heldIn(m), 0);
  if (unbannered > 0) banner.push(`:bell: ${unbannered} call${unbannered === 1 ? '' : 's'} held by a mute that has since ended.`);
  const queues = s.byQueue.map(([q, n]) => `• ${esc(q)}: *${n}*`).join('\n');
  const longest = s.longest
    .map((c) => `• ${esc(maskPhone(c.caller) || 'unknown number')}: ${seconds(c.waitSeconds) || 'wait unknown'} (${esc(c.center)}${c.skillGroup ? ` / ${esc(c.skillGroup)}` : ''})`)
    .join('\n');
  const numbers = calls.map((c) => maskPhone(c.caller) || 'unknown');
  const shown = numbers.slice(0, NUMBERS_SHOWN).join(', ');
  const more = numbers.length > NUMBERS_SHOWN ? ` and ${numbers.length - NUMBERS_SHOWN} more` : '';
  return {
    text: `${s.total} abandoned calls: ${s.byQueue.map(([q, n]) => `${q} ${n}`).join(', ')}`,
    blocks: [
      ...(banner.length ? [section(banner.join('\n'))] : []),
      section(`:rotating_light: *${s.total} abandoned calls* in a burst, grouped into one message.`),
      section(`*By center and queue*\n${queues}`),
      section(`*Longest waits*\n${longest}`),
      context(`Callers: ${esc(shown)}${more}`),
    ],
  };
}

export const defaultDigestView = renderDigest;
