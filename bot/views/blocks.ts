// The Block Kit subset ccops renders, with builders that respect Slack's
// limits by construction, and `fitMessage` as the last guard before sending.
// Limits: docs.slack.dev/reference/block-kit (50 blocks a message, 100 in a
// Home tab; section text 3,000; fields 10 x 2,000; header 150; context 10
// elements; actions 25 elements; button text 75, value 2,000).

export const LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  staticOptions: 100,
  /** Notification fallback; Slack truncates beyond 40,000, we stay far below. */
  fallbackText: 3000,
} as const;

export interface Text {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface Option {
  text: Text;
  value: string;
}
export interface Confirm {
  title: Text;
  text: Text;
  confirm: Text;
  deny: Text;
}
export type Element =
  | { type: 'button'; text: Text; action_id: string; value?: string; style?: 'primary' | 'danger'; confirm?: Confirm }
  | { type: 'static_select'; action_id: string; placeholder: Text; options: Option[] }
  | { type: 'users_select'; action_id: string; placeholder: Text }
  | { type: 'overflow'; action_id: string; options: Option[] };

export type Block =
  | { type: 'section'; block_id?: string; text?: Text; fields?: Text[]; accessory?: Element }
  | { type: 'context'; block_id?: string; elements: Text[] }
  | { type: 'divider'; block_id?: string }
  | { type: 'header'; block_id?: string; text: Text }
  | { type: 'actions'; block_id?: string; elements: Element[] };

/** What every view returns: blocks plus the fallback text notifications and screen readers use. */
export interface Message {
  text: string;
  blocks: Block[];
}

/** Cuts to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** mrkdwn control characters, escaped as Slack asks (&, <, >), so user text cannot mention or link. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const mrkdwn = (text: string): Text => ({ type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) });
export const plain = (text: string, max: number = LIMITS.sectionText): Text => ({ type: 'plain_text', text: truncate(text, max), emoji: true });

export const section = (text: string, accessory?: Element): Block =>
  accessory ? { type: 'section', text: mrkdwn(text), accessory } : { type: 'section', text: mrkdwn(text) };

export const fields = (pairs: [label: string, value: string][]): Block => ({
  type: 'section',
  fields: pairs
    .filter(([, v]) => v !== '')
    .slice(0, LIMITS.fields)
    .map(([label, value]) => ({ type: 'mrkdwn', text: truncate(`*${label}*\n${value}`, LIMITS.fieldText) })),
});

export const context = (...texts: string[]): Block => ({
  type: 'context',
  elements: texts.slice(0, LIMITS.contextElements).map((t) => ({ type: 'mrkdwn', text: truncate(t, LIMITS.fieldText) })),
});

export const header = (text: string): Block => ({ type: 'header', text: plain(text, LIMITS.headerText) });
export const divider = (): Block => ({ type: 'divider' });

export const button = (
  text: string,
  actionId: string,
  value: string,
  extra: { style?: 'primary' | 'danger'; confirm?: Confirm } = {},
): Element => ({ type: 'button', text: plain(text, LIMITS.buttonText), action_id: actionId, value: truncate(value, LIMITS.buttonValue), ...extra });

export const option = (text: string, value: string): Option => ({ text: plain(text, LIMITS.optionText), value });

/** A Slack date token: shown in each reader's own time zone, with a plain fallback. */
export function slackDate(iso: string | undefined, format = '{date_short_pretty} {time}'): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return esc(iso);
  return `<!date^${Math.floor(ms / 1000)}^${format}|${new Date(ms).toISOString().replace('T', ' ').slice(0, 16)} UTC>`;
}

/** `95` -> `1 min 35 s`. */
export function seconds(n: number | undefined): string {
  if (n === undefined) return '';
  const s = Math.round(n);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

function fitElement(e: Element): Element {
  switch (e.type) {
    case 'button':
      return { ...e, text: plain(e.text.text, LIMITS.buttonText), ...(e.value !== undefined ? { value: truncate(e.value, LIMITS.buttonValue) } : {}) };
    case 'static_select':
    case 'overflow':
      return { ...e, options: e.options.slice(0, e.type === 'overflow' ? 5 : LIMITS.staticOptions).map((o) => option(o.text.text, o.value)) };
    default:
      return e;
  }
}

function fitBlock(b: Block): Block {
  switch (b.type) {
    case 'section':
      return {
        ...b,
        ...(b.text ? { text: { ...b.text, text: truncate(b.text.text || ' ', LIMITS.sectionText) } } : {}),
        ...(b.fields ? { fields: b.fields.slice(0, LIMITS.fields).map((f) => ({ ...f, text: truncate(f.text, LIMITS.fieldText) })) } : {}),
        ...(b.accessory ? { accessory: fitElement(b.accessory) } : {}),
      };
    case 'context':
      return { ...b, elements: b.elements.slice(0, LIMITS.contextElements) };
    case 'header':
      return { ...b, text: { ...b.text, text: truncate(b.text.text, LIMITS.headerText) } };
    case 'actions':
      return { ...b, elements: b.elements.slice(0, LIMITS.actionsElements).map(fitElement) };
    default:
      return b;
  }
}

/**
 * The last guard before a message leaves: every block within its limits, at
 * most `maxBlocks` blocks (the cut ones are counted in a closing context line),
 * and a fallback text no longer than Slack shows.
 */
export function fitMessage(m: Message, maxBlocks: number = LIMITS.messageBlocks): Message {
  let blocks = m.blocks.map(fitBlock);
  if (blocks.length > maxBlocks) {
    const cut = blocks.length - (maxBlocks - 1);
    blocks = [...blocks.slice(0, maxBlocks - 1), context(`…and ${cut} more block${cut === 1 ? '' : 's'} not shown (Slack shows at most ${maxBlocks}).`)];
  }
  return { text: truncate(m.text || ' ', LIMITS.fallbackText), blocks };
}
