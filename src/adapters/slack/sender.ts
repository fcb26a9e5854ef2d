import type { webApi } from "@slack/bolt";
import type { Logger } from "../../core/logger.ts";
import type { Sender } from "../../delivery/sender.ts";
import { postReply } from "./deliver.ts";

/**
 * The Slack {@link Sender}: posts a reply in a channel with `chat.postMessage` (the Web client
 * honours 429 `Retry-After` on its own) and returns the message `ts` as its id.
 */
export function createSlackSender(client: webApi.WebClient, logger: Logger): Sender {
  return {
    platform: "slack",
    async send(channelId, reply) {
      const messageId = await postReply(client, channelId, { ...reply, ephemeral: false }, logger);
      return { messageId };
    },
  };
}
