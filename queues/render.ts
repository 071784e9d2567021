// How an alert or a digest becomes a Slack message. Injected into the notify
// worker; the bot supplies richer views (buttons). Renderers are pure.
import type { AlertCall } from './alert.ts';

export interface SlackMessageBody {
  /** Fallback text (notifications, screen readers); masked like the blocks. */
  text: string;
  blocks?: unknown[];
}

export interface RenderContext {
  channel: string;
  now: Date;
  /** Vendor of each center, for labels. */
  vendorOf?: (center: string) => string | undefined;
}

export interface AlertRenderer {
  alert(call: AlertCall, ctx: RenderContext): SlackMessageBody;
  /** One message for many calls; must account for every call it is given. */
  digest(calls: AlertCall[], ctx: RenderContext): SlackMessageBody;
}
