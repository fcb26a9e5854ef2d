import "./load-guard.ts";
import { REST, Routes } from "discord.js";
import type { Registry } from "../../core/registry.ts";
import { type ApplicationCommandJson, buildApplicationCommands } from "./commands.ts";
import { restOptions } from "./rest-options.ts";

/** Where and what to register. */
export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** A server (guild) id: its commands update at once. Without it, the commands are global. */
  guildId?: string;
  apiUrl?: string;
  registry: Registry;
  /** An existing REST client (the running bot's); otherwise one is made for this call. */
  rest?: REST;
}

/** What Discord now has. */
export interface RegisterResult {
  scope: "guild" | "global";
  names: string[];
}

/**
 * Registers the application commands generated from the registry with one bulk overwrite
 * (`PUT /applications/{id}/guilds/{guild}/commands`, or `/applications/{id}/commands` for
 * global ones): commands no longer in the registry disappear, the others are updated.
 */
export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  const rest = options.rest ?? new REST(restOptions(options.apiUrl)).setToken(options.token);
  const body: ApplicationCommandJson[] = buildApplicationCommands(options.registry);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const saved = (await rest.put(route, { body })) as { name: string }[];
  return { scope: options.guildId ? "guild" : "global", names: saved.map((c) => c.name) };
}
