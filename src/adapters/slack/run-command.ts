import type { RespondFn, webApi } from "@slack/bolt";
import type { Caller, Deps } from "../../core/command.ts";
import type { Dispatcher } from "../../core/dispatch.ts";
import type { Logger } from "../../core/logger.ts";
import { withPublicButton } from "../shared/public-button.ts";
import { respondWithReply } from "./deliver.ts";

/** What every Slack listener needs. */
export interface SlackContext {
  dispatcher: Dispatcher;
  deps: Deps;
  logger: Logger;
}

/** How the answer to one command line is shown. */
export type AnswerMode =
  /** A new message (a slash command). */
  | { kind: "new" }
  /** Replaces the message whose button was pressed (period switches, next page). */
  | { kind: "replace"; originalEphemeral: boolean }
  /** Posts the answer for the whole channel ("Post in channel"). */
  | { kind: "public"; originalEphemeral: boolean };

/**
 * Runs one command line for a Slack user and answers through `respond`: results as the command
 * chose (only to the caller by default, with a "Post in channel" button), problems always only
 * to the caller.
 */
export async function runAndRespond(
  ctx: SlackContext,
  input: {
    line: string;
    caller: Caller;
    channelId?: string;
    respond: RespondFn;
    client: webApi.WebClient;
    mode: AnswerMode;
  },
): Promise<void> {
  const { line, caller, channelId, respond, client, mode } = input;
  const outcome = await ctx.dispatcher.run({
    text: line,
    caller,
    ...(channelId ? { channel: { platform: "slack" as const, id: channelId } } : {}),
  });
  if (outcome.status !== "ok") {
    await respondWithReply(
      respond,
      client,
      outcome.reply,
      { responseType: "ephemeral", replaceOriginal: false },
      ctx.logger,
    );
    return;
  }
  const reply = outcome.result.reply;
  if (mode.kind === "public") {
    await respondWithReply(
      respond,
      client,
      reply,
      { responseType: "in_channel", replaceOriginal: false },
      ctx.logger,
    );
    // The private copy has done its job once the public one is out.
    if (mode.originalEphemeral) await respond({ delete_original: true });
    return;
  }
  const privateAnswer = mode.kind === "new" ? reply.ephemeral : mode.originalEphemeral;
  const shown = privateAnswer ? withPublicButton(reply, line) : reply;
  await respondWithReply(
    respond,
    client,
    shown,
    {
      responseType: privateAnswer ? "ephemeral" : "in_channel",
      ...(mode.kind === "replace" ? { replaceOriginal: true } : {}),
    },
    ctx.logger,
  );
}
