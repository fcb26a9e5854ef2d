import type { App } from "@slack/bolt";
import { apologyReply } from "../../core/failure.ts";
import { reply } from "../../core/reply.ts";
import { respondWithReply } from "./deliver.ts";
import { logFailure } from "./failure.ts";
import { runAndRespond, type SlackContext } from "./run-command.ts";
import { commandLine } from "./slash-text.ts";

/** The slash command that explains how to import an export file (imports arrive as DMs). */
export const IMPORT_COMMAND = "import";

/** What `/import` answers: imports are files sent to the bot in a direct message. */
export function importHelpReply() {
  return reply(
    [
      { type: "header", text: "Importing an export file" },
      {
        type: "text",
        text: [
          "Send the file to me in a direct message: open the Digital Media Dashboard app, go to Messages, attach the export file and send it.",
          "I read the platforms' own exports as you download them (X, Facebook, Instagram, YouTube Studio zip, TikTok, LinkedIn) and answer with what I imported.",
          "If I cannot tell which handle the file belongs to, write it in the message with the file, e.g. x:mofa_washington.",
          "Importing the same file twice changes nothing. Mission officers, SCD staff and admins can import.",
        ].join("\n"),
      },
    ],
    { fallback: "Send the export file to me in a direct message to import it." },
  );
}

/**
 * Answers every slash command: acks at once (Slack allows 3 seconds), runs the command line
 * through the dispatcher, and answers through `respond`. The registry decides what exists, so
 * any command the app manifest lists is handled without a list here.
 */
export function registerSlashCommands(app: App, ctx: SlackContext): void {
  app.command(/^\/[a-z0-9_-]+$/, async ({ command, ack, respond, client }) => {
    await ack();
    try {
      const name = command.command.replace(/^\//, "");
      if (name === IMPORT_COMMAND && !ctx.dispatcher.registry.get(IMPORT_COMMAND)) {
        await respondWithReply(respond, client, importHelpReply(), { responseType: "ephemeral" }, ctx.logger);
        return;
      }
      await runAndRespond(ctx, {
        line: commandLine(command.command, command.text),
        caller: { platform: "slack", userId: command.user_id, displayName: command.user_name },
        channelId: command.channel_id,
        respond,
        client,
        mode: { kind: "new" },
      });
    } catch (err) {
      const errorId = logFailure(ctx.logger, err, "slash_command", { command: command.command });
      await respondWithReply(
        respond,
        client,
        apologyReply(errorId),
        { responseType: "ephemeral" },
        ctx.logger,
      ).catch(() => {});
    }
  });
}
