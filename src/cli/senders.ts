import type { AppConfig } from "../config.ts";
import type { Logger } from "../core/logger.ts";
import type { Sender } from "../delivery/sender.ts";

/**
 * The outbox senders for the platforms whose tokens are set, without starting the chat
 * adapters (no Socket Mode, no gateway): what `dmd jobs run` delivers with. Discord channels
 * must then be given by id (names need the gateway's channel list).
 */
export async function outboxSenders(config: AppConfig, logger: Logger): Promise<Sender[]> {
  const senders: Sender[] = [];
  if (config.slack.botToken) {
    const { createSlackSender } = await import("../adapters/slack/sender.ts");
    senders.push(createSlackSender({ token: config.slack.botToken, apiUrl: config.slack.apiUrl, logger }));
  }
  if (config.discord.token) {
    const { REST } = await import("discord.js");
    const { restOptions } = await import("../adapters/discord/rest-options.ts");
    const { createDiscordSender } = await import("../adapters/discord/sender.ts");
    const rest = new REST(restOptions(config.discord.apiUrl)).setToken(config.discord.token);
    senders.push(createDiscordSender(rest, { logger }));
  }
  return senders;
}
