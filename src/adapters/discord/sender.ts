import "./load-guard.ts";
import { createHash } from "node:crypto";
import { type APIMessage, type REST, Routes, SnowflakeUtil } from "discord.js";
import type { Logger } from "../../core/logger.ts";
import type { Reply } from "../../core/reply.ts";
import type { Sender, SendOptions } from "../../delivery/sender.ts";
import { discordChannelLabel, type KnownChannel, resolveDiscordChannel } from "./channel-resolver.ts";
import { renderMessage } from "./render.ts";
import { deliveryErrorFrom } from "./send-errors.ts";

/** How far back before `since` {@link DiscordSender.find} looks, for clocks that disagree a little. */
const FIND_MARGIN_MS = 5 * 60 * 1000;
/** Pages of 100 messages {@link DiscordSender.find} reads at most. */
const FIND_PAGES = 10;

/** The Discord {@link Sender}, with the outbox's idempotency helpers. */
export interface DiscordSender extends Sender {
  platform: "discord";
  /**
   * Posts `reply` in `channelId` and returns the message id. With a `key` (the outbox's
   * idempotency key), the message carries `nonce` = a hash of the key with `enforce_nonce`, so
   * Discord itself returns the first message instead of posting a second one when the same key
   * is sent again within a few minutes; and its footer carries `ref <hash>`, by which
   * {@link find} recognises it later.
   */
  send(channelId: string, reply: Reply, options?: SendOptions): Promise<{ messageId: string }>;
  /**
   * The message sent for `key` in `channelId` at or after `since`, if the bot posted one: for an
   * outbox that crashed between posting and recording the id. Reads the channel's recent
   * messages (Discord keeps no nonce, so the footer's `ref` is what identifies it).
   */
  find(channelId: string, key: string, since: Date): Promise<{ messageId: string } | null>;
}

function digest(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Discord's nonce for an outbox key: 25 characters at most, the same for the same key. */
export function nonceFor(key: string): string {
  return digest(key).slice(0, 25);
}

/** The footer reference of an outbox key (`ref 1a2b3c4d5e6f`). */
export function refFor(key: string): string {
  return `ref ${digest(key).slice(0, 12)}`;
}

/**
 * Creates the Discord sender over discord.js's REST client. Rate limits are the REST client's
 * business: it queues per route bucket, honours the global limit and waits `retry_after` on a
 * 429 (see `restOptions`). Every message goes out with `allowed_mentions: { parse: [] }`.
 * Channels may be given by id or by name (`channels` lists those the bot can see). Failures are
 * thrown as `DeliveryError`s (see `send-errors.ts`).
 */
export function createDiscordSender(
  rest: REST,
  options: { logger: Logger; botUserId?: () => string | undefined; channels?: () => KnownChannel[] },
): DiscordSender {
  const resolve = (channel: string) => resolveDiscordChannel(channel, options.channels ?? (() => []));
  let botId: string | undefined;
  const whoAmI = async (): Promise<string> => {
    botId ??= options.botUserId?.() ?? ((await rest.get(Routes.user("@me"))) as { id: string }).id;
    return botId;
  };
  return {
    platform: "discord",
    async send(channel, reply, sendOptions = {}) {
      const { key } = sendOptions;
      const channelId = resolve(channel);
      const rendered = renderMessage({ ...reply, ephemeral: false }, key ? { footer: refFor(key) } : {});
      const body = {
        ...(rendered.content === undefined ? {} : { content: rendered.content }),
        embeds: rendered.embeds,
        components: rendered.components,
        attachments: rendered.files.map((f, id) => ({ id, filename: f.name, description: f.description })),
        allowed_mentions: { parse: [] },
        ...(key ? { nonce: nonceFor(key), enforce_nonce: true } : {}),
      };
      let message: APIMessage;
      try {
        message = (await rest.post(Routes.channelMessages(channelId), {
          body,
          files: rendered.files.map((f) => ({ name: f.name, data: f.data, contentType: "image/png" })),
        })) as APIMessage;
      } catch (err) {
        throw deliveryErrorFrom(err, discordChannelLabel(channel));
      }
      options.logger.debug({ channelId, messageId: message.id }, "posted in Discord");
      return { messageId: message.id };
    },
    async find(channel, key, since) {
      try {
        return await findByRef(resolve(channel), refFor(key), since);
      } catch (err) {
        throw deliveryErrorFrom(err, discordChannelLabel(channel));
      }
    },
  };

  async function findByRef(
    channelId: string,
    ref: string,
    since: Date,
  ): Promise<{ messageId: string } | null> {
    const me = await whoAmI();
    let after = SnowflakeUtil.generate({
      timestamp: Math.max(Number(SnowflakeUtil.epoch) + 1, since.getTime() - FIND_MARGIN_MS),
    }).toString();
    for (let page = 0; page < FIND_PAGES; page++) {
      const query = new URLSearchParams({ after, limit: "100" });
      const messages = (await rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
      const mine = messages
        .filter((m) => m.author.id === me && m.embeds.some((e) => e.footer?.text.split(" · ").includes(ref)))
        .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      // Pages run forward in time; within one, the earliest match is the message first sent.
      const first = mine[0];
      if (first) return { messageId: first.id };
      if (messages.length < 100) return null;
      after = messages.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
    }
    return null;
  }
}
