import type { Reply } from "../core/reply.ts";

/** The chat platforms that can deliver a message on the bot's own initiative. */
export type SenderPlatform = "slack" | "discord";

/**
 * The port the outbox sends through: posts one {@link Reply} in one channel and returns the
 * platform's id for the message. Each chat adapter implements it; `main` hands the senders in.
 * A send either succeeds with an id or throws; it never reports success for an unsent message.
 */
export interface Sender {
  platform: SenderPlatform;
  /**
   * Posts `reply` publicly in `channelId` (its `ephemeral` flag is ignored: a message the bot
   * sends on its own has no caller to hide it from).
   */
  send(channelId: string, reply: Reply): Promise<{ messageId: string }>;
}
