// /cc: parse (shared grammar), resolve the center and "me", authorize, ack
// with an ephemeral "working on it" in well under 3 s, then hand the
// operation to the operations queue. The worker replaces the reply.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { asCcopsError } from '../shared/errors.ts';
import { parseCommand } from '../shared/grammar.ts';
import { maskPhonesIn } from '../shared/mask.ts';
import { commandToOperation } from '../shared/operations.ts';
import { authorize } from './authz.ts';
import { describe, resolveCommand } from './centers.ts';
import { actorFor, type BotContext } from './context.ts';
import type { SlackReplyTarget } from './reply-target.ts';
import { fitMessage, type Message } from './views/blocks.ts';
import { errorView, refusalView, usageErrorView } from './views/error.ts';
import { helpView } from './views/help.ts';
import { workingView } from './views/working.ts';

const ephemeral = (m: Message) => ({ response_type: 'ephemeral' as const, ...fitMessage(m) });

export function ccCommandHandler(ctx: BotContext) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const text = command.text ?? '';
    const action = `/cc ${text}`.trim();
    const parsed = parseCommand(text);
    if (!parsed.ok) {
      await ack(ephemeral(usageErrorView(parsed.error, parsed.usage)));
      return;
    }
    if (parsed.command.kind === 'help') {
      const here = ctx.centers.defaultCenterByChannel[command.channel_id] ?? ctx.centers.defaultCenter;
      await ack(ephemeral(helpView(parsed.command.topic, { defaultCenter: here, centers: ctx.centers.names })));
      return;
    }

    const actor = await actorFor(ctx, command.user_id);
    const resolved = resolveCommand(parsed.command, actor, command.channel_id, ctx.centers);
    if (!resolved.ok) {
      await ack(ephemeral(refusalView(resolved.reason, resolved.hint)));
      ctx.auditor.record({ user: actor.userId, action, result: 'refused', detail: resolved.reason });
      return;
    }
    const { center, command: cmd } = resolved;
    const decision = authorize(actor, cmd, center);
    if (!decision.allowed) {
      await ack(ephemeral(refusalView(decision.reason, decision.hint)));
      ctx.auditor.record({ user: actor.userId, action, center, result: 'refused', detail: decision.reason });
      return;
    }

    const what = describe(cmd);
    let request;
    try {
      request = commandToOperation(cmd, new Date(ctx.now()));
    } catch (e) {
      await ack(ephemeral(errorView(asCcopsError(e), { what })));
      return;
    }
    if (!request) {
      await ack(ephemeral(helpView()));
      return;
    }
    // Refuse what the vendor cannot do before queueing anything.
    const capability = ctx.lookupCenter(center)?.capabilities[request.op];
    if (capability && !capability.supported) {
      await ack(ephemeral(errorView({ code: 'ccops_unsupported_operation', message: capability.reason }, { what })));
      ctx.auditor.record({ user: actor.userId, action, center, result: 'refused', detail: capability.reason });
      return;
    }

    await ack(ephemeral(workingView(what, center)));

    const id = `cmd:${command.team_id}:${command.trigger_id}`;
    const replyTarget: SlackReplyTarget = {
      kind: 'slack',
      id,
      responseUrl: command.response_url,
      issuedAt: new Date(ctx.now()).toISOString(),
      channel: command.channel_id,
      user: command.user_id,
      what,
      commandText: maskPhonesIn(action),
      input: request.input,
    };
    try {
      await ctx.submitter.submit({ center, operation: request.op, input: request.input, replyTarget, idempotencyKey: id, requestedBy: actor.userId });
      ctx.auditor.record({ user: actor.userId, action, center, result: 'requested', requestId: id });
    } catch (e) {
      const err = asCcopsError(e);
      ctx.logger.error({ err: err.message, replyId: id }, 'could not queue the operation');
      ctx.auditor.record({ user: actor.userId, action, center, result: 'failed', detail: 'could not be queued', requestId: id });
      await respond({
        replace_original: true,
        ...ephemeral(errorView({ code: err.code, message: 'ccops could not queue this request (its Redis may be down); nothing was done.' }, { what })),
      }).catch(() => undefined);
    }
  };
}
