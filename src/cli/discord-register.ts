import "../adapters/discord/load-guard.ts";
import { DiscordAPIError } from "discord.js";
import { allCommands } from "../../commands/index.ts";
import { registerCommands } from "../adapters/discord/register.ts";
import { loadConfig } from "../config.ts";
import { createRegistry } from "../core/registry.ts";

/** Options of `dmd discord register`. */
export interface DiscordRegisterOptions {
  /** A server id: register there (instant). Default: DISCORD_GUILD_ID, else global. */
  guild?: string;
  /** Register globally even when DISCORD_GUILD_ID is set. */
  global?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Where messages go (default: stdout and stderr). */
  out?: (line: string) => void;
  err?: (line: string) => void;
}

function explain(error: unknown): string {
  if (error instanceof DiscordAPIError) {
    if (error.status === 401)
      return "Discord refused DISCORD_TOKEN (401). Reset the bot token in the developer portal and set it again.";
    if (error.code === 50001 || error.status === 403) {
      return "Discord refused access (Missing Access): check that DISCORD_APPLICATION_ID is this bot's application, and that the bot was invited to the server with the applications.commands scope.";
    }
    if (error.code === 50035)
      return `Discord rejected the command list (Invalid Form Body): ${error.message}. This is a bug: report it.`;
    return `Discord refused the commands: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * `dmd discord register [--guild id] [--global]`: registers the application commands generated
 * from the command registry, in one server (instantly; `--guild`, else `DISCORD_GUILD_ID`) or
 * globally (Discord may take up to an hour to show changes). Replaces whatever was registered.
 */
export async function runDiscordRegister(options: DiscordRegisterOptions = {}): Promise<number> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { discord } = loadConfig(options.env ?? process.env);
  if (!discord.token || !discord.applicationId) {
    err(
      "Set DISCORD_TOKEN (the bot token) and DISCORD_APPLICATION_ID (the application id, on the developer portal's General Information page) first.",
    );
    return 1;
  }
  const guildId = options.global ? undefined : (options.guild ?? discord.guildId);
  if (guildId !== undefined && !/^\d{15,21}$/.test(guildId)) {
    err(
      `"${guildId}" is not a Discord server id: it is a long number (right-click the server, Copy Server ID).`,
    );
    return 1;
  }
  try {
    const result = await registerCommands({
      token: discord.token,
      applicationId: discord.applicationId,
      guildId,
      apiUrl: discord.apiUrl,
      registry: createRegistry(allCommands()),
    });
    const where =
      result.scope === "guild"
        ? `in server ${guildId} (available now)`
        : "globally (Discord may take up to an hour to show them)";
    out(
      `Registered ${result.names.length} Discord commands ${where}: ${result.names.map((n) => `/${n}`).join(", ")}.`,
    );
    return 0;
  } catch (error) {
    err(explain(error));
    return 1;
  }
}
