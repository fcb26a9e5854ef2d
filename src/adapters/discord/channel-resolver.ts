import { DeliveryError } from "../../delivery/errors.ts";

/** A Discord channel id (a snowflake). Channel names are lower case words, never all digits. */
const SNOWFLAKE = /^\d{15,21}$/;

/** A text channel the bot can see. */
export interface KnownChannel {
  id: string;
  name: string;
  /** The server's name, to tell apart channels of the same name in two servers. */
  guild: string;
}

/** How a channel reference is shown to admins: `#name` for names, the id as is. */
export function discordChannelLabel(channel: string): string {
  const trimmed = channel.trim();
  return SNOWFLAKE.test(trimmed) ? trimmed : `#${trimmed.replace(/^#/, "")}`;
}

/**
 * The channel id for what the registry holds: an id as is; a name (`dmd-washington` or
 * `#dmd-washington`, case aside) looked up among the text channels the bot can see.
 *
 * @throws DeliveryError (permanent) when no channel, or more than one, has that name.
 */
export function resolveDiscordChannel(channel: string, known: () => KnownChannel[]): string {
  const trimmed = channel.trim();
  if (SNOWFLAKE.test(trimmed)) return trimmed;
  const name = trimmed.replace(/^#/, "").toLowerCase();
  const matches = known().filter((c) => c.name.toLowerCase() === name);
  const [only] = matches;
  if (only && matches.length === 1) return only.id;
  if (matches.length === 0) {
    return fail(
      "channel_not_found",
      `The bot sees no Discord text channel named #${name}.`,
      "Check the mission's discord_channel in the registry (a channel id, or the name of a channel the bot can see), and that the bot is in that server with View Channel.",
    );
  }
  return fail(
    "channel_ambiguous",
    `Several Discord channels are named #${name} (in ${[...new Set(matches.map((m) => m.guild))].join(", ")}).`,
    "Put the channel's id in the mission's discord_channel instead of its name (right-click the channel, Copy Channel ID).",
  );
}

function fail(code: string, reason: string, fix: string): never {
  throw new DeliveryError({ kind: "permanent", code, reason, fix });
}
