// The alert's buttons. Each click is acked at once, authorized (supervisors),
// made idempotent (a double click does one thing), applied to the alert's
// state, shown by updating the message in place, followed up in its thread,
// and audited.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { maskPhone } from '../shared/mask.ts';
import type { ReplyUpdate } from '../queues/reply.ts';
import type { AlertBook, AlertRecord } from './alert-book.ts';
import { authorizeAlertAction } from './authz.ts';
import { actorFor, type BotContext } from './context.ts';
import { type MuteBook, muteUntil } from './mutes.ts';
import { once } from './once.ts';
import type { AlertFollowUp } from './reply-sink.ts';
import type { SlackReplyTarget } from './reply-target.ts';
import { fitMessage } from './views/blocks.ts';
import { ALERT_ACTIONS, alertIdFromBlockId, MUTE_CHOICES, type MuteChoice, renderAlert } from './views/alert.ts';
import { slackDate } from './views/blocks.ts';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export interface AlertActionDeps {
  ctx: BotContext;
  book: AlertBook;
  mutes: MuteBook;
}

const CALLBACK_LOCK_SECONDS = 600;

export class AlertActions implements AlertFollowUp {
  readonly #d: AlertActionDeps;
  constructor(d: AlertActionDeps) {
    this.#d = d;
  }

  /** Re-renders the alert from its state and replaces the message. */
  async refresh(rec: AlertRecord): Promise<void> {
    const { ctx } = this.#d;
    const center = ctx.lookupCenter(rec.call.center);
    const m = fitMessage(
      renderAlert(
        rec.call,
        { channel: rec.channel, now: new Date(ctx.now()), vendorOf: (c) => ctx.lookupCenter(c)?.vendor },
        rec.state,
        center ? { callback: center.capabilities.startConference } : {},
      ),
    );
    await ctx.client.chat.update({ channel: rec.channel, ts: rec.ts, text: m.text, blocks: m.blocks as never });
  }

  async #thread(rec: AlertRecord, text: string): Promise<void> {
    await this.#d.ctx.client.chat
      .postMessage({ channel: rec.channel, thread_ts: rec.ts, text, unfurl_links: false })
      .catch((e: unknown) => this.#d.ctx.logger.warn({ err: (e as Error).message }, 'could not post the follow-up in the thread'));
  }

  async #tell(args: ActionArgs, text: string): Promise<void> {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text }).catch(async () => {
      // The click's response_url may be spent; an ephemeral post reaches the user all the same.
      await this.#d.ctx.client.chat.postEphemeral({ channel: args.body.channel?.id ?? '', user: args.body.user.id, text }).catch(() => undefined);
    });
  }

  /** Common start of every alert action: ack, find the alert, check the clicker may act. */
  async #begin(args: ActionArgs, verb: string): Promise<{ rec: AlertRecord; user: string } | undefined> {
    await args.ack();
    const { ctx, book } = this.#d;
    const action = args.action as { block_id?: string; value?: string };
    const alertId = alertIdFromBlockId(action.block_id) ?? action.value;
    const user = args.body.user.id;
    const rec = alertId ? await book.get(alertId) : undefined;
    if (!rec) {
      await this.#tell(args, ':grey_question: This alert is too old or unknown to ccops; nothing was done.');
      return undefined;
    }
    const decision = authorizeAlertAction(await actorFor(ctx, user), verb);
    if (!decision.allowed) {
      await this.#tell(args, `:no_entry: ${decision.reason} ${decision.hint}`);
      ctx.auditor.record({ user, action: `alert.${verb} ${rec.call.alertId}`, center: rec.call.center, result: 'refused', detail: decision.reason });
      return undefined;
    }
    return { rec, user };
  }

  acknowledge = async (args: ActionArgs): Promise<void> => {
    const begun = await this.#begin(args, 'acknowledge');
    if (!begun) return;
    const { ctx, book } = this.#d;
    const { rec, user } = begun;
    const at = new Date(ctx.now()).toISOString();
    const won = await once(ctx.redis, `${ctx.prefix}:once:ack:${rec.call.alertId}`, 7 * 86_400, { user, at });
    if (!won.first) {
      await this.#tell(args, `Already acknowledged by <@${won.by.user}> ${slackDate(won.by.at, '{time}')}.`);
      ctx.auditor.record({ user, action: `alert.ack ${rec.call.alertId}`, center: rec.call.center, result: 'duplicate' });
      return;
    }
    const next = await book.update(rec.call.alertId, (r) => ({ ...r, state: { ...r.state, ack: { user, at } } }));
    if (next) await this.refresh(next);
    await this.#thread(rec, `:white_check_mark: <@${user}> acknowledged this.`);
    ctx.auditor.record({ user, action: `alert.ack ${rec.call.alertId}`, center: rec.call.center, result: 'done' });
  };

  assign = async (args: ActionArgs): Promise<void> => {
    const begun = await this.#begin(args, 'assign');
    if (!begun) return;
    const { ctx, book } = this.#d;
    const { rec, user } = begun;
    const owner = (args.action as { selected_user?: string }).selected_user;
    if (!owner) return;
    const at = new Date(ctx.now()).toISOString();
    // The same pick twice within a few seconds is one assignment; a later different pick reassigns.
    const won = await once(ctx.redis, `${ctx.prefix}:once:assign:${rec.call.alertId}:${owner}`, 10, { user, at });
    if (!won.first) return;
    const next = await book.update(rec.call.alertId, (r) => ({ ...r, state: { ...r.state, owner: { user: owner, by: user, at } } }));
    if (next) await this.refresh(next);
    await this.#thread(rec, `:bust_in_silhouette: <@${user}> assigned this to <@${owner}>.`);
    ctx.auditor.record({ user, action: `alert.assign ${rec.call.alertId} to ${owner}`, center: rec.call.center, result: 'done' });
  };

  mute = async (args: ActionArgs): Promise<void> => {
    const begun = await this.#begin(args, 'mute');
    if (!begun) return;
    const { ctx, book, mutes } = this.#d;
    const { rec, user } = begun;
    const choice = (args.action as { selected_option?: { value?: string } }).selected_option?.value;
    if (!MUTE_CHOICES.some((c) => c.value === choice)) return;
    const now = new Date(ctx.now());
    const until = muteUntil(choice as MuteChoice, now).toISOString();
    const queue = rec.call.skillGroup;
    const where = `${rec.call.center}${queue ? ` / ${queue}` : ''}`;
    const { created, mute } = await mutes.mute({ center: rec.call.center, ...(queue ? { skillGroup: queue } : {}), until, by: user });
    if (!created) {
      await this.#tell(args, `${where} is already muted until ${slackDate(mute.until)} (by <@${mute.by}>).`);
      ctx.auditor.record({ user, action: `alert.mute ${where} ${choice}`, center: rec.call.center, result: 'duplicate' });
      return;
    }
    const next = await book.update(rec.call.alertId, (r) => ({ ...r, state: { ...r.state, muted: { user, at: now.toISOString(), until } } }));
    if (next) await this.refresh(next);
    await this.#thread(rec, `:no_bell: <@${user}> muted ${where} until ${slackDate(until)}. New calls there are only counted in digests until then.`);
    ctx.auditor.record({ user, action: `alert.mute ${where} until ${until}`, center: rec.call.center, result: 'done' });
  };

  callBack = async (args: ActionArgs): Promise<void> => {
    const begun = await this.#begin(args, 'call back');
    if (!begun) return;
    const { ctx, book } = this.#d;
    const { rec, user } = begun;
    const call = rec.call;
    const action = `alert.callback ${call.alertId}`;
    const capability = ctx.lookupCenter(call.center)?.capabilities.startConference;
    if (!capability?.supported) {
      await this.#tell(args, `:no_entry: Call back is not possible at ${call.center}: ${capability && !capability.supported ? capability.reason : 'the center is not available.'}`);
      return;
    }
    const agent = ctx.slack.userAgents[user];
    if (!agent || agent.center !== call.center) {
      await this.#tell(args, `:no_entry: You have no agent at ${call.center} to call from. Ask whoever runs ccops to add you under slack.userAgents.`);
      ctx.auditor.record({ user, action, center: call.center, result: 'refused', detail: 'no agent mapping at this center' });
      return;
    }
    if (!call.caller) {
      await this.#tell(args, ':no_entry: The vendor did not give the caller\'s number, so there is no one to call back.');
      return;
    }
    const at = new Date(ctx.now()).toISOString();
    const lockKey = `${ctx.prefix}:once:callback:${call.alertId}`;
    const won = await once(ctx.redis, lockKey, CALLBACK_LOCK_SECONDS, { user, at });
    if (!won.first) {
      await this.#tell(args, `A call back is already under way, started by <@${won.by.user}> ${slackDate(won.by.at, '{time}')}.`);
      ctx.auditor.record({ user, action, center: call.center, result: 'duplicate' });
      return;
    }
    const input = { agentId: agent.agentId, participants: [call.caller] };
    const replyTarget: SlackReplyTarget = {
      kind: 'slack',
      id: `callback:${call.alertId}:${Date.parse(at)}`,
      issuedAt: at,
      channel: rec.channel,
      user,
      threadTs: rec.ts,
      what: `call back ${maskPhone(call.caller)} from ${agent.agentId}`,
      commandText: `call back ${maskPhone(call.caller)}`,
      input,
      alert: { id: call.alertId, channel: rec.channel, ts: rec.ts },
    };
    try {
      await ctx.submitter.submit({ center: call.center, operation: 'startConference', input, replyTarget, idempotencyKey: replyTarget.id, requestedBy: user });
    } catch (e) {
      await ctx.redis.del(lockKey);
      await this.#tell(args, ':x: ccops could not queue the call back (its Redis may be down); nothing was done. Try again.');
      ctx.auditor.record({ user, action, center: call.center, result: 'failed', detail: (e as Error).message });
      return;
    }
    const next = await book.update(call.alertId, (r) => ({ ...r, state: { ...r.state, callback: { user, at, status: 'calling' } } }));
    if (next) await this.refresh(next);
    ctx.auditor.record({ user, action, center: call.center, result: 'requested', requestId: replyTarget.id });
  };

  /** The Call back's conference finished: show it on the alert; a failure frees the button for another try. */
  async onOperationFinished(target: SlackReplyTarget, update: ReplyUpdate): Promise<void> {
    const { ctx, book } = this.#d;
    if (!target.alert) return;
    const ok = update.status === 'done';
    const detail = update.status === 'failed' ? update.message : undefined;
    const next = await book.update(target.alert.id, (r) => ({
      ...r,
      state: {
        ...r.state,
        callback: { user: target.user, at: new Date(ctx.now()).toISOString(), status: ok ? 'connected' : 'failed', ...(detail ? { detail } : {}) },
      },
    }));
    if (!ok) await ctx.redis.del(`${ctx.prefix}:once:callback:${target.alert.id}`);
    if (next) await this.refresh(next);
  }

  register(app: { action: (id: string, fn: (args: ActionArgs) => Promise<void>) => unknown }): void {
    app.action(ALERT_ACTIONS.ack, this.acknowledge);
    app.action(ALERT_ACTIONS.callback, this.callBack);
    app.action(ALERT_ACTIONS.assign, this.assign);
    app.action(ALERT_ACTIONS.mute, this.mute);
  }
}
