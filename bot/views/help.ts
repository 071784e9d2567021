// Help: the grammar's own usage text, so Slack, the CLI and the docs agree.
import { type HelpTopic, usage } from '../../shared/grammar.ts';
import { context, esc, type Message, section } from './blocks.ts';

export function helpView(topic?: HelpTopic, o: { defaultCenter?: string; centers?: string[] } = {}): Message {
  const lines = usage(topic)
    .split('\n')
    .map((line) => {
      const [cmd, what] = line.split(/\s{3,}/, 2);
      return what === undefined ? esc(line) : `\`/cc ${esc(cmd!)}\` — ${esc(what)}`;
    })
    .join('\n');
  return {
    text: topic ? `/cc help ${topic}` : '/cc help',
    blocks: [
      section(`*/cc${topic ? ` ${topic}` : ''}* — what you can ask`),
      section(lines),
      context(
        [
          o.centers?.length ? `Centers: ${o.centers.map((c) => `\`${esc(c)}\``).join(', ')}` : '',
          o.defaultCenter ? `default here: \`${esc(o.defaultCenter)}\`` : '',
          'Phone numbers are masked (1317511****).',
        ]
          .filter(Boolean)
          .join(' · '),
      ),
    ],
  };
}
