import type { App } from "@slack/bolt";
import { apologyReply } from "../../core/failure.ts";
import { PUBLIC_BUTTON_ID } from "../shared/public-button.ts";
import { respondWithReply } from "./deliver.ts";
import { logFailure } from "./failure.ts";
import { ACTION_PREFIX } from "./render.ts";
import { runAndRespond, type SlackContext } from "./run-command.ts";

/**
 * Answers button presses. Every button carries the command line it runs as its value:
 * "Post in channel" posts the answer for everyone; any other button (a period switch, the next
 * page) replaces the message it sits on.
 */
export function registerActions(app: App, ctx: SlackContext): void {
  app.action(
    { type: "block_actions", action_id: new RegExp(`^${ACTION_PREFIX}`) },
    async ({ ack, body, action, respond, client }) => {
      await ack();
      if (action.type !== "button" || !action.value || !body.response_url) return;
      const originalEphemeral = body.container?.is_ephemeral === true;
      const isPublic = action.action_id === `${ACTION_PREFIX}${PUBLIC_BUTTON_ID}`;
      try {
        await runAndRespond(ctx, {
          line: action.value,
          caller: {
            platform: "slack",
            userId: body.user.id,
            displayName: body.user.name ?? body.user.username,
          },
          channelId: body.channel?.id,
          respond,
          client,
          mode: isPublic ? { kind: "public", originalEphemeral } : { kind: "replace", originalEphemeral },
        });
      } catch (err) {
        const errorId = logFailure(ctx.logger, err, "block_action", { actionId: action.action_id });
        await respondWithReply(
          respond,
          client,
          apologyReply(errorId),
          { responseType: "ephemeral", replaceOriginal: false },
          ctx.logger,
        ).catch(() => {});
      }
    },
  );
}
