// The bot's side of alert delivery, given to the notify queue: how alerts and
// digests look (AlertRenderer), and how one is delivered (NotifyDeliveryHook):
// a call from a caller already alerted in this channel folds into the first
// message (+N more, details in its thread); a call in a muted queue is held
// and counted under the banner of the channel's next digest; every posted
// alert is recorded so its buttons work.
import type { AlertCall } from '../queues/alert.ts';
import type { AlertRenderer, RenderContext, SlackMessageBody } from '../queues/render.ts';
import type { NotifyDelivery, NotifyDeliveryHook } from '../queues/notify.ts';
import type { PostedMessage } from '../queues/slack.ts';
import type { AlertBook } from './alert-book.ts';
import type { BotContext } from './context.ts';
import type { MuteBook } from './mutes.ts';
import { fitMessage } from './views/blocks.ts';
import { renderAlert, renderRepeat } from './views/alert.ts';
import { renderDigest } from './views/digest.ts';

/** The ts recorded for a call held by a mute: it has no message of its own. */
export const HELD_TS = 'held';

export class SlackAlertPresenter implements AlertRenderer, NotifyDeliveryHook {
  readonly #ctx: BotContext;
  readonly #book: AlertBook;
  readonly #mutes: MuteBook;

  constructor(o: { ctx: BotContext; book: AlertBook; mutes: MuteBook }) {
    this.#ctx = o.ctx;
    this.#book = o.book;
    this.#mutes = o.mutes;
  }

  #renderContext(channel: string): RenderContext {
    return { channel, now: new Date(this.#ctx.now()), vendorOf: (c) => this.#ctx.lookupCenter(c)?.vendor };
  }

  alert(call: AlertCall, ctx: RenderContext): SlackMessageBody {
    const center = this.#ctx.lookupCenter(call.center);
    return fitMessage(renderAlert(call, ctx, {}, center ? { callback: center.capabilities.startConference } : {}));
  }

  digest(calls: AlertCall[], ctx: RenderContext): SlackMessageBody {
    return fitMessage(renderDigest(calls, ctx));
  }

  async deliver({ calls, outgoing, slack }: NotifyDelivery): Promise<PostedMessage> {
    const route = outgoing.channel;
    if (calls.length === 1) {
      const call = calls[0]!;
      await this.#book.countAlert(call);
      if (await this.#mutes.isMuted(call.center, call.skillGroup)) {
        await this.#book.hold(route, call);
        return { channel: route, ts: HELD_TS };
      }
      const first = await this.#book.foldTarget(route, call);
      if (first) {
        const rec = await this.#book.update(first.call.alertId, (r) => {
          const ids = new Set([...(r.state.repeats?.ids ?? []), call.alertId]);
          return { ...r, state: { ...r.state, repeats: { count: ids.size, ids: [...ids], ...(call.abandonedAt ? { lastAt: call.abandonedAt } : {}) } } };
        });
        const repeat = renderRepeat(call);
        await slack.postMessage({ channel: first.channel, threadTs: first.ts, text: repeat.text, blocks: repeat.blocks });
        if (rec) {
          const m = this.alertWithState(rec.call, rec.state, route);
          await slack.update({ channel: rec.channel, ts: rec.ts, text: m.text, ...(m.blocks ? { blocks: m.blocks } : {}) });
        }
        return { channel: first.channel, ts: first.ts };
      }
      const posted = await slack.postMessage(outgoing);
      await this.#book.posted(call, route, posted.channel, posted.ts);
      return posted;
    }
    for (const c of calls) await this.#book.countAlert(c);
    const mutes = await this.#mutes.activeFor(calls);
    const held = await this.#book.takeHeld(route);
    const body = fitMessage(renderDigest(calls, this.#renderContext(route), mutes, held));
    return slack.postMessage({ ...outgoing, text: body.text, blocks: body.blocks });
  }

  alertWithState(call: AlertCall, state: import('./views/alert.ts').AlertState, channel: string): SlackMessageBody {
    const center = this.#ctx.lookupCenter(call.center);
    return fitMessage(renderAlert(call, this.#renderContext(channel), state, center ? { callback: center.capabilities.startConference } : {}));
  }
}
