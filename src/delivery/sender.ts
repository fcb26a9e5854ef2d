import type { Reply } from "../core/reply.ts";

/** The chat platforms that can deliver a message on the bot's own initiative. */
export type SenderPlatform = "slack" | "discord";

/** What the outbox tells a sender about the message it sends. */
export interface SendOptions {
  /**
   * The outbox idempotency key. The sender attaches it to the message (Slack: message metadata;
   * Discord: a nonce) so that {@link Sender.find} can tell later whether the message was posted.
   */
  key?: string;
}

/**
 * The port the outbox sends through: posts one {@link Reply} in one channel and returns the
 * platform's id for the message. Each chat adapter implements it; `main` hands the senders in.
 * A send either succeeds with an id or throws; it never reports success for an unsent message.
 * Failures should be thrown as `DeliveryError` (see `errors.ts`) so the outbox knows whether to
 * retry, wait, look the message up first, or give up and tell admins.
 */
export interface Sender {
  platform: SenderPlatform;
  /**
   * Posts `reply` publicly in `channelId` (its `ephemeral` flag is ignored: a message the bot
   * sends on its own has no caller to hide it from). `channelId` is what the registry holds: a
   * platform id, or a channel name the sender resolves.
   */
  send(channelId: string, reply: Reply, options?: SendOptions): Promise<{ messageId: string }>;
  /**
   * Looks in the channel's messages posted since `since` for the one sent with this outbox `key`;
   * null when there is none. The outbox calls it before resending a message whose last attempt
   * may have reached the platform (a crash, a 5xx, a timeout), so that no message is posted twice.
   */
  find(channelId: string, key: string, since: Date): Promise<{ messageId: string } | null>;
}
