import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  webApi,
} from "@slack/bolt";
import { DateTime } from "luxon";
import type { Caller } from "../../../core/command.ts";
import { apologyReply } from "../../../core/failure.ts";
import type { Reply } from "../../../core/reply.ts";
import { textReply } from "../../../core/reply.ts";
import { hasRole } from "../../../core/roles.ts";
import { writeAudit } from "../../../db/repos/audit-repo.ts";
import { getContentItem } from "../../../db/repos/content-repo.ts";
import { getMembership } from "../../../db/repos/members-repo.ts";
import { getMissionByCode } from "../../../db/repos/missions-repo.ts";
import { ANSWER_BUTTONS, answerRefusal, parseAnswerButtonId } from "../../../domain/content.ts";
import { respondWithReply } from "../deliver.ts";
import { logFailure } from "../failure.ts";
import { renderBlocks } from "../render.ts";
import type { SlackContext } from "../run-command.ts";
import {
  ANSWER_CALLBACKS,
  answerCommandLine,
  answerErrors,
  answerModal,
  decodeAnswerMetadata,
} from "./answer-modals.ts";
import { NEW_CONTENT_CALLBACK, newContentErrors, newContentLine, newContentModal } from "./new-modal.ts";
import type { ViewValues } from "./view-state.ts";

type MiddlewareArgs = AnyMiddlewareArgs & AllMiddlewareArgs;
type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

function plain(text: string) {
  return { type: "plain_text" as const, text, emoji: true };
}

/** A modal showing a reply (the outcome of a submitted form). */
function replyView(title: string, reply: Reply) {
  return {
    type: "modal" as const,
    title: plain(title),
    close: plain("Done"),
    blocks: renderBlocks(reply, { forView: true }).blocks,
  };
}

/** `data.ping` of a `/content answer` result, when it is a reply. */
function pingOf(data: unknown): Reply | null {
  if (!data || typeof data !== "object" || !("ping" in data)) return null;
  const ping = (data as { ping: unknown }).ping;
  if (!ping || typeof ping !== "object" || !Array.isArray((ping as Reply).elements)) return null;
  return ping as Reply;
}

/**
 * The content UI in Slack: `/content new` typed alone opens the form (for SCD staff and admins;
 * anyone else gets the usual refusal from the command); a ping's answer buttons open their
 * forms (after checking the presser may answer for that mission; a refusal is audited and
 * answered privately); every form is submitted through the same command as typed text, its
 * problems shown under the fields, and an answer updates the ping in place (`chat.update`).
 *
 * Slash commands and buttons are caught by a global middleware, ahead of the generic slash and
 * button listeners, so those stay unaware of content; everything else passes through.
 */
export function registerContentUi(app: App, ctx: SlackContext): void {
  app.use(async (args: MiddlewareArgs) => {
    if (await handledSlash(args, ctx)) return;
    if (await handledButton(args, ctx)) return;
    await args.next();
  });

  app.view(NEW_CONTENT_CALLBACK, async ({ ack, body, view }) => {
    const caller = callerOf(body.user);
    try {
      const outcome = await ctx.dispatcher.run({
        text: newContentLine(view.state.values as ViewValues),
        caller,
      });
      if (outcome.status === "user_error") {
        await ack({ response_action: "errors", errors: newContentErrors(outcome.error) });
      } else if (outcome.status === "internal_error") {
        await ack({ response_action: "errors", errors: { title: outcome.reply.fallback.slice(0, 500) } });
      } else {
        await ack({ response_action: "update", view: replyView("Content sent", outcome.result.reply) });
      }
    } catch (err) {
      const errorId = logFailure(ctx.logger, err, "content_new_submit");
      await ack({ response_action: "errors", errors: { title: apologyReply(errorId).fallback } });
    }
  });

  for (const answer of ANSWER_BUTTONS) {
    app.view(ANSWER_CALLBACKS[answer], async ({ ack, body, view, client }) => {
      const meta = decodeAnswerMetadata(view.private_metadata);
      if (!meta) {
        await ack();
        return;
      }
      let ping: Reply | null = null;
      try {
        const outcome = await ctx.dispatcher.run({
          text: answerCommandLine(answer, meta, view.state.values as ViewValues),
          caller: callerOf(body.user),
          ...(meta.channel ? { channel: { platform: "slack" as const, id: meta.channel } } : {}),
        });
        if (outcome.status === "user_error") {
          await ack({ response_action: "errors", errors: answerErrors(answer, outcome.error) });
          return;
        }
        if (outcome.status === "internal_error") {
          await ack({
            response_action: "errors",
            errors: answerErrors(answer, { message: outcome.reply.fallback }),
          });
          return;
        }
        await ack();
        ping = pingOf(outcome.result.data);
      } catch (err) {
        const errorId = logFailure(ctx.logger, err, "content_answer_submit");
        await ack({
          response_action: "errors",
          errors: answerErrors(answer, { message: apologyReply(errorId).fallback }),
        });
        return;
      }
      if (ping && meta.channel && meta.ts) await updatePing(client, meta.channel, meta.ts, ping, ctx);
    });
  }
}

function callerOf(user: { id: string; name?: string; username?: string }): Caller {
  const displayName = user.name ?? user.username;
  return { platform: "slack", userId: user.id, ...(displayName ? { displayName } : {}) };
}

async function updatePing(
  client: webApi.WebClient,
  channel: string,
  ts: string,
  ping: Reply,
  ctx: SlackContext,
) {
  try {
    const { blocks, text } = renderBlocks(ping);
    await client.chat.update({ channel, ts, blocks, text });
  } catch (err) {
    // The answer is saved; only the message's look is stale.
    logFailure(ctx.logger, err, "content_ping_update", { channel });
  }
}

/** `/content new` typed alone by SCD staff or an admin: opens the form. */
async function handledSlash(args: MiddlewareArgs, ctx: SlackContext): Promise<boolean> {
  if (!isCommand(args)) return false;
  const { command, ack, client } = args;
  if (command.command !== "/content" || command.text.trim().toLowerCase() !== "new") return false;
  const member = getMembership(ctx.deps.db, { platform: "slack", userId: command.user_id });
  if (!hasRole(member.role, "scd")) return false;
  await ack();
  try {
    await client.views.open({
      trigger_id: command.trigger_id,
      view: newContentModal(ctx.deps.db, JSON.stringify({ channel: command.channel_id })),
    });
  } catch (err) {
    const errorId = logFailure(ctx.logger, err, "content_new_open");
    await respondWithReply(
      args.respond,
      client,
      apologyReply(errorId),
      { responseType: "ephemeral" },
      ctx.logger,
    ).catch(() => {});
  }
  return true;
}

/** A ping's answer button: checks the presser may answer, then opens the answer's form. */
async function handledButton(args: MiddlewareArgs, ctx: SlackContext): Promise<boolean> {
  if (!isBlockAction(args)) return false;
  const { action, body, ack, client } = args;
  if (action.type !== "button") return false;
  const parsed = parseAnswerButtonId(action.action_id);
  if (!parsed) return false;
  await ack();
  const { db } = ctx.deps;
  const caller = callerOf(body.user);
  const tell = async (text: string) => {
    if (!body.response_url) return;
    await respondWithReply(
      args.respond,
      client,
      textReply(text, "warning"),
      { responseType: "ephemeral", replaceOriginal: false },
      ctx.logger,
    );
  };
  try {
    const item = getContentItem(db, parsed.contentId);
    const mission = getMissionByCode(db, parsed.missionCode);
    if (!item || !mission) {
      await tell(
        `Content #${parsed.contentId} for ${parsed.missionCode} no longer exists. Type /content list to see the current items.`,
      );
      return true;
    }
    const refusal = answerRefusal(getMembership(db, caller), mission);
    if (refusal) {
      writeAudit(db, {
        at: ctx.deps.clock.now().toISOString(),
        actor: `slack:${caller.userId}`,
        command: "content answer",
        outcome: "denied",
        details: { contentId: item.id, mission: mission.code, answer: parsed.answer, via: "button" },
      });
      await tell(refusal);
      return true;
    }
    const today = DateTime.fromJSDate(ctx.deps.clock.now()).setZone(mission.timezone).toISODate() ?? "";
    const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
    const channel = container?.channel_id ?? body.channel?.id;
    const ts = container?.message_ts ?? body.message?.ts;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: answerModal(
        parsed.answer,
        item,
        mission,
        {
          contentId: item.id,
          mission: mission.code,
          ...(channel ? { channel } : {}),
          ...(ts ? { ts } : {}),
        },
        today,
      ),
    });
  } catch (err) {
    const errorId = logFailure(ctx.logger, err, "content_answer_open", { actionId: action.action_id });
    await tell(apologyReply(errorId).fallback).catch(() => {});
  }
  return true;
}

function isCommand(args: MiddlewareArgs): args is CommandArgs {
  return "command" in args && args.command !== undefined;
}

function isBlockAction(args: MiddlewareArgs): args is ActionArgs {
  return "action" in args && (args.body as { type?: string }).type === "block_actions";
}
