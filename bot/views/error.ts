// Errors a supervisor can act on: what went wrong, then what to try.
import { maskPhonesIn } from '../../shared/mask.ts';
import type { HelpTopic } from '../../shared/grammar.ts';
import { context, esc, type Message, section } from './blocks.ts';

/** The serialisable shape of a CcopsError as it travels in job results. */
export interface ErrorInfo {
  code: string;
  message: string;
  vendor?: string;
  vendorCode?: string;
  requestId?: string;
  retryable?: boolean;
}

function nextStep(e: ErrorInfo, topic?: HelpTopic): string {
  switch (e.code) {
    case 'ccops_vendor_error':
      return e.retryable ? 'The vendor may recover on its own: try again in a minute.' : 'Check the ids and the agent\'s state, then try again.';
    case 'ccops_unsupported_operation':
      return 'Do it in the vendor\'s own console, or pick a center whose vendor offers it with `--center`.';
    case 'ccops_invalid_input':
      return `See \`/cc help${topic ? ` ${topic}` : ''}\` for what each command takes.`;
    case 'ccops_config_error':
      return 'Ask whoever runs ccops to fix the configuration; the service log names the field.';
    case 'ccops_transport_error':
      return 'The vendor did not answer in time. A change may or may not have been applied: look it up before repeating it.';
    default:
      return 'Try again; if it keeps failing, give the request id to whoever runs ccops.';
  }
}

export function errorView(e: ErrorInfo, o: { what?: string; topic?: HelpTopic } = {}): Message {
  const ids = [
    e.vendor ? `vendor \`${esc(e.vendor)}\`` : '',
    e.vendorCode ? `code \`${esc(e.vendorCode)}\`` : '',
    e.requestId ? `request id \`${esc(e.requestId)}\`` : '',
  ].filter(Boolean);
  const message = esc(maskPhonesIn(e.message));
  return {
    text: `${o.what ? `${o.what} failed: ` : ''}${maskPhonesIn(e.message)}`,
    blocks: [
      section(`:warning: ${o.what ? `*${esc(o.what)}* failed: ` : ''}${message}`),
      section(`*What to try:* ${nextStep(e, o.topic)}`),
      ...(ids.length ? [context(ids.join(' · '))] : []),
    ],
  };
}

/** The command text did not parse: the parser's reason and the usage that fits. */
export function usageErrorView(error: string, usageText: string): Message {
  return {
    text: `That command did not parse: ${error}`,
    blocks: [
      section(`:thinking_face: ${esc(error)}`),
      section(`*Usage*\n\`\`\`${esc(usageText)}\`\`\``),
      context('`/cc help` lists every command.'),
    ],
  };
}

export function refusalView(reason: string, hint: string): Message {
  return { text: `Not allowed: ${reason}`, blocks: [section(`:no_entry: ${esc(reason)}`), context(hint)] };
}

