import "./load-guard.ts";
import { Client, Events, GatewayIntentBits, RESTEvents } from "discord.js";
import type { Deps } from "../../core/command.ts";
import type { Dispatcher } from "../../core/dispatch.ts";
import type { Logger } from "../../core/logger.ts";
import type { ImportFileFn } from "../shared/file-import.ts";
import type { KnownChannel } from "./channel-resolver.ts";
import { logDiscordFailure, safeDiscordError } from "./failure.ts";
import { type DiscordContext, handleInteraction } from "./interactions.ts";
import { registerCommands } from "./register.ts";
import { restOptions } from "./rest-options.ts";
import { createDiscordSender, type DiscordSender } from "./sender.ts";

/** How the Discord adapter starts. */
export interface DiscordAdapterOptions {
  /** `DISCORD_TOKEN`: the bot token. */
  token: string;
  /** `DISCORD_APPLICATION_ID` (when left out, the id the gateway's READY gives). */
  applicationId?: string;
  /** `DISCORD_GUILD_ID`: when set, that server's commands are brought in step with the registry at start. */
  guildId?: string;
  /** `DISCORD_API_URL` (a proxy, tests): REST goes there, and the gateway URL comes from its `GET /gateway/bot`. */
  apiUrl?: string;
  dispatcher: Dispatcher;
  deps: Deps;
  /** The import entry point (`importFile`); without it `/import` answers that imports are off. */
  importFile?: ImportFileFn;
  logger: Logger;
  /** How long a slash command may run before it is deferred, in ms (default 0: always deferred first; see `DiscordContext`). */
  deferAfterMs?: number;
  /** How long to wait for the gateway to be ready, in ms (default 30,000). */
  readyTimeoutMs?: number;
}

/** The text channels of every server the bot is in, from the gateway's cache (Guilds intent). */
function knownChannels(client: Client): KnownChannel[] {
  return [...client.channels.cache.values()].flatMap((c) =>
    c.isTextBased() && !c.isDMBased() && !c.isThread()
      ? [{ id: c.id, name: c.name, guild: c.guild.name }]
      : [],
  );
}

/** A running Discord adapter. */
export interface DiscordAdapter {
  client: Client;
  /** Posts messages in channels for the outbox. */
  sender: DiscordSender;
  /** Disconnects from Discord. */
  stop(): Promise<void>;
}

const DEFAULT_DEFER_AFTER_MS = 0;

/**
 * Starts the Discord bot with the real discord.js client: the gateway with the Guilds intent
 * only (interactions arrive whatever the intents; no message content is read), mentions
 * switched off for everything it sends (`allowedMentions: { parse: [] }`), REST rate limits
 * handled as `restOptions` says. Answers slash commands, buttons, forms and autocomplete
 * through the dispatcher. Resolves once the gateway is ready (and, with `guildId`, the server's
 * commands are registered).
 *
 * @throws Error when Discord refuses the token or the gateway is not ready in time.
 */
export async function startDiscord(options: DiscordAdapterOptions): Promise<DiscordAdapter> {
  const logger = options.logger.child({ part: "discord" });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: restOptions(options.apiUrl),
    waitGuildTimeout: 5_000,
  });
  const ctx: DiscordContext = {
    dispatcher: options.dispatcher,
    deps: options.deps,
    logger,
    deferAfterMs: options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
    ...(options.importFile ? { importFile: options.importFile } : {}),
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
  };
  client.on(Events.InteractionCreate, (interaction) => {
    void handleInteraction(ctx, interaction);
  });
  client.on(Events.Error, (err) => {
    logDiscordFailure(logger, err, "client");
  });
  client.on(Events.ShardDisconnect, (event, shardId) => {
    logger.warn({ code: event.code, shardId }, "Discord gateway disconnected and will not reconnect");
  });
  client.rest.on(RESTEvents.RateLimited, (limit) => {
    logger.warn(
      {
        route: limit.route,
        method: limit.method,
        global: limit.global,
        retryAfterMs: limit.retryAfter,
        scope: limit.scope,
      },
      "Discord rate limit: waiting",
    );
  });

  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, () => resolve());
    timer = setTimeout(
      () => reject(new Error(`Discord's gateway was not ready after ${Math.round(timeoutMs / 1000)} s.`)),
      timeoutMs,
    );
  });
  try {
    await client.login(options.token);
    await ready;
  } catch (err) {
    await client.destroy().catch(() => {});
    throw new Error(`Could not connect to Discord: ${safeDiscordError(err).message}`);
  } finally {
    clearTimeout(timer);
  }
  logger.info({ user: client.user?.id, guilds: client.guilds.cache.size }, "connected to Discord");

  const applicationId = options.applicationId ?? client.application?.id;
  if (options.guildId && applicationId) {
    const result = await registerCommands({
      token: options.token,
      applicationId,
      guildId: options.guildId,
      registry: options.dispatcher.registry,
      rest: client.rest,
    });
    logger.info(
      { guild: options.guildId, commands: result.names.length },
      "Discord commands registered for the server",
    );
  }

  return {
    client,
    sender: createDiscordSender(client.rest, {
      logger,
      botUserId: () => client.user?.id,
      channels: () => knownChannels(client),
    }),
    stop: async () => {
      await client.destroy();
    },
  };
}
