// Search results: one line per call, cut to what a message can hold.
import type { CallRecord, Page } from '../../shared/domain.ts';
import { callLine, type ViewOptions } from './call.ts';
import { context, esc, LIMITS, type Message, section } from './blocks.ts';

/** Lines a message shows; the summary and the footer take the other two blocks. */
export const MAX_RESULT_LINES = LIMITS.messageBlocks - 2;

export function searchResults(
  page: Page<CallRecord>,
  q: { center: string; description: string },
  o: ViewOptions = {},
): Message {
  const n = page.items.length;
  if (n === 0) {
    return {
      text: `No calls at ${q.center} ${q.description}`,
      blocks: [section(`No calls at *${esc(q.center)}* ${esc(q.description)}.`), context('Try a longer window: `--since 1d`, or drop `--number` / `--agent`.')],
    };
  }
  const shown = page.items.slice(0, MAX_RESULT_LINES);
  const more = (page.total ?? n) - shown.length;
  return {
    text: `${page.total ?? n} call(s) at ${q.center} ${q.description}`,
    blocks: [
      section(`*${page.total ?? n} call${(page.total ?? n) === 1 ? '' : 's'}* at *${esc(q.center)}* ${esc(q.description)}`),
      ...shown.map((c) => section(callLine(c, o))),
      ...(more > 0 || page.nextCursor
        ? [context(`${more > 0 ? `${more} more not shown. ` : ''}Narrow it with \`--since\`, \`--number\` or \`--agent\`, or open one with \`/cc call <id>\`.`)]
        : [context('Open one with `/cc call <id>`.')]),
    ],
  };
}
