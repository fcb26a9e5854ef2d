import type { RespondFn, webApi } from "@slack/bolt";
import type { Caller, Deps } from "../../core/command.ts";
import type { Dispatcher } from "../../core/dispatch.ts";
import type { Logger } from "../../core/logger.ts";
import type { Button, Reply } from "../../core/reply.ts";
import { respondWithReply } from "./deliver.ts";

/** What every Slack listener needs. */
export interface SlackContext {
  dispatcher: Dispatcher;
  deps: Deps;
  logger: Logger;
}

/** Button id of "Post in channel"; its action id is `dmd:post-public`. */
export const PUBLIC_BUTTON_ID = "post-public";

/** How the answer to one command line is shown. */
export type AnswerMode =
  /** A new message (a slash command). */
  | { kind: "new" }
  /** Replaces the message whose button was pressed (period switches, next page). */
  | { kind: "replace"; originalEphemeral: boolean }
  /** Posts the answer for the whole channel ("Post in channel"). */
  | { kind: "public"; originalEphemeral: boolean };

/**
 * Adds the "Post in channel" button to a reply only its caller sees, merged into the reply's
 * last row of buttons when it ends with one.
 */
export function withPublicButton(reply: Reply, line: string): Reply {
  const button: Button = {
    id: PUBLIC_BUTTON_ID,
    label: "Post in channel",
    command: `/${line.replace(/^\//, "")}`,
  };
  const last = reply.elements.at(-1);
  const elements =
    last?.type === "buttons"
      ? [...reply.elements.slice(0, -1), { type: "buttons" as const, buttons: [...last.buttons, button] }]
      : [...reply.elements, { type: "buttons" as const, buttons: [button] }];
  return { ...reply, elements };
}

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
