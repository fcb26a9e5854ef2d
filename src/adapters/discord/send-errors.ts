import "./load-guard.ts";
/**
 * Discord's REST errors as outbox {@link DeliveryError}s: which ones stop retrying (with a
 * reason and a fix for admins, in plain words), which ones wait for `retry_after`, and which
 * ones may hide a posted message (5xx, timeouts, dropped connections) and so need a look-up
 * before any resend.
 */
import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { DeliveryError } from "../../delivery/errors.ts";
import { scrubDiscordTokens } from "./failure.ts";

const TOKEN_FIX =
  "Reset the bot's token in the Discord developer portal (Bot page), put it in DISCORD_TOKEN, restart the bot, then retry the message.";
const MALFORMED_FIX = "This is a bug in the bot: report it to the developers with the message id.";
const CHANNEL_FIX =
  "Check the mission's discord_channel in the registry: a channel id such as 123456789012345678 (right-click the channel, Copy Channel ID) or a channel name the bot can see.";

/** Discord JSON error codes that no retry can fix, with what to tell admins. */
const PERMANENT: Record<number, (channel: string) => { reason: string; fix: string }> = {
  10003: (c) => ({ reason: `Discord cannot find the channel ${c}.`, fix: CHANNEL_FIX }),
  10004: (c) => ({
    reason: `The server of channel ${c} is gone, or the bot was removed from it.`,
    fix: CHANNEL_FIX,
  }),
  50001: (c) => ({
    reason: `The bot cannot see the channel ${c} (Missing Access).`,
    fix: "In the channel's settings, give the bot's role View Channel; or invite the bot to that server.",
  }),
  50013: (c) => ({
    reason: `The bot lacks a permission it needs in ${c} (Missing Permissions).`,
    fix: "Give the bot's role View Channel, Send Messages, Embed Links and Attach Files in that channel.",
  }),
  50008: (c) => ({
    reason: `${c} is not a channel the bot can post in (a voice or category channel).`,
    fix: "Set the mission's discord_channel to a text channel.",
  }),
  50035: () => ({ reason: "Discord rejected the message's layout (Invalid Form Body).", fix: MALFORMED_FIX }),
  40005: () => ({ reason: "The message is too large for Discord (its attachments).", fix: MALFORMED_FIX }),
  50006: () => ({ reason: "The message was empty.", fix: MALFORMED_FIX }),
};

function networkCode(err: Error): string | undefined {
  const own = "code" in err && typeof err.code === "string" ? err.code : undefined;
  const cause =
    err.cause instanceof Error && "code" in err.cause && typeof err.cause.code === "string"
      ? err.cause.code
      : undefined;
  return own ?? cause;
}

/**
 * Translates what discord.js's REST client threw while posting in `channel` (how the registry
 * named it) into a {@link DeliveryError}.
 */
export function deliveryErrorFrom(err: unknown, channel: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof RateLimitError) {
    return new DeliveryError({
      kind: "rate_limited",
      code: err.global ? "rate_limited_global" : "rate_limited",
      reason: `Discord asked the bot to wait ${Math.ceil(err.retryAfter / 1000)} s before posting again${err.global ? " (global limit)" : ""}.`,
      retryAfterMs: Math.max(err.retryAfter, err.timeToReset),
      cause: err,
    });
  }
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === "number" ? err.code : Number(err.code);
    const known = PERMANENT[code];
    if (known)
      return new DeliveryError({ kind: "permanent", code: `discord_${code}`, ...known(channel), cause: err });
    if (err.status === 401) {
      return new DeliveryError({
        kind: "permanent",
        code: "discord_401",
        reason: "Discord refused the bot's token (401 Unauthorized).",
        fix: TOKEN_FIX,
        cause: err,
      });
    }
    if (err.status === 403 || err.status === 404) {
      return new DeliveryError({
        kind: "permanent",
        code: `http_${err.status}`,
        reason: `Discord refused to post in ${channel}: ${scrubDiscordTokens(err.message)}.`,
        fix: CHANNEL_FIX,
        cause: err,
      });
    }
    return new DeliveryError({
      kind: "transient",
      code: `discord_${Number.isFinite(code) ? code : err.status}`,
      reason: `Discord refused the message: ${scrubDiscordTokens(err.message)}.`,
      cause: err,
    });
  }
  if (err instanceof HTTPError) {
    // Discord answered 5xx (after the REST client's own retries): the message may be posted.
    return new DeliveryError({
      kind: "unknown_outcome",
      code: `http_${err.status}`,
      reason: `Discord answered ${err.status} ${err.name === "HTTPError" ? "(a server error)" : ""}`.trim(),
      cause: err,
    });
  }
  if (err instanceof Error) {
    const net = networkCode(err);
    if (net === "ECONNREFUSED" || net === "ENOTFOUND" || net === "EAI_AGAIN") {
      return new DeliveryError({
        kind: "transient",
        code: "network",
        reason: `Could not reach Discord (${net}); nothing was posted.`,
        fix: "Check that the bot's server can reach discord.com.",
        cause: err,
      });
    }
    if (err.message.startsWith("Expected token to be set")) {
      return new DeliveryError({
        kind: "permanent",
        code: "no_token",
        reason: "The bot has no Discord token.",
        fix: TOKEN_FIX,
        cause: err,
      });
    }
    return new DeliveryError({
      kind: "unknown_outcome",
      code: err.name === "AbortError" ? "timeout" : "network",
      reason: `The connection to Discord failed before its answer came (${scrubDiscordTokens(err.message)}): the message may be posted.`,
      cause: err,
    });
  }
  return new DeliveryError({
    kind: "unknown_outcome",
    code: "error",
    reason: scrubDiscordTokens(String(err)),
  });
}
