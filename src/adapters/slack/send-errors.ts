/**
 * Slack's Web API errors as outbox {@link DeliveryError}s: which ones stop retrying (with a reason
 * and a fix for admins, in plain words), which ones wait for `Retry-After`, and which ones may
 * hide a posted message (5xx, timeouts, dropped connections) and so need a look-up before any
 * resend.
 */
import { webApi } from "@slack/bolt";
import { DeliveryError } from "../../delivery/errors.ts";
import { scrubTokens } from "./scrub.ts";

const BOT = "the Digital Media Dashboard app";

const TOKEN_FIX =
  "Reinstall the Slack app (or ask your Slack admin to reactivate it), put its bot token in SLACK_BOT_TOKEN, restart the bot, then retry the message.";
const MALFORMED_FIX = "This is a bug in the bot: report it to the developers with the message id.";

function archived(channel: string): { reason: string; fix: string } {
  return {
    reason: `The channel ${channel} is archived.`,
    fix: "Unarchive it, or set the mission's slack_channel to the channel it uses now.",
  };
}

/** Slack codes that no retry can fix, with what to tell admins. `channel` is how the message named it. */
const PERMANENT: Record<string, (channel: string, needed?: string) => { reason: string; fix: string }> = {
  channel_not_found: (c) => ({
    reason: `Slack cannot find the channel ${c}: it does not exist, or it is private and the bot was not invited.`,
    fix: `Check the mission's Slack channel in the registry (slack_channel: a name like dmd-washington or an id like C0123ABCD); for a private channel, invite the bot with /invite @${BOT}.`,
  }),
  not_in_channel: (c) => ({
    reason: `The bot is not a member of ${c}.`,
    fix: `Invite it: type /invite @${BOT} in ${c}.`,
  }),
  is_archived: archived,
  channel_is_archived: archived,
  restricted_action: (c) => ({
    reason: `A workspace setting stops the bot from posting in ${c}.`,
    fix: "Ask your Slack admin to allow apps to post in that channel.",
  }),
  restricted_action_read_only_channel: (c) => ({
    reason: `${c} is read-only for the bot.`,
    fix: "Ask your Slack admin to let the bot post there, or choose another channel for the mission.",
  }),
  restricted_action_thread_only_channel: (c) => ({
    reason: `${c} only allows replies in threads.`,
    fix: "Choose another channel for the mission, or ask your Slack admin to allow posts there.",
  }),
  ekm_access_denied: (c) => ({
    reason: `Your organisation's key management blocks the bot in ${c}.`,
    fix: "Ask your Slack admin to restore access for the app.",
  }),
  team_access_not_granted: () => ({
    reason: "The app is not installed in this workspace.",
    fix: TOKEN_FIX,
  }),
  missing_scope: (_c, needed) => ({
    reason: `The bot lacks a Slack permission it needs${needed ? ` (${needed})` : ""}.`,
    fix: "Add the scopes listed in slack/manifest.json to the app, reinstall it, and update SLACK_BOT_TOKEN.",
  }),
  invalid_auth: () => ({ reason: "Slack refused the bot's token (invalid_auth).", fix: TOKEN_FIX }),
  not_authed: () => ({ reason: "The bot sent no Slack token (not_authed).", fix: TOKEN_FIX }),
  account_inactive: () => ({ reason: "The bot's Slack account is deactivated.", fix: TOKEN_FIX }),
  token_revoked: () => ({ reason: "The bot's Slack token was revoked.", fix: TOKEN_FIX }),
  token_expired: () => ({ reason: "The bot's Slack token has expired.", fix: TOKEN_FIX }),
  not_allowed_token_type: () => ({ reason: "SLACK_BOT_TOKEN is not a bot token (xoxb-…).", fix: TOKEN_FIX }),
  invalid_blocks: () => ({
    reason: "Slack rejected the message's layout (invalid_blocks).",
    fix: MALFORMED_FIX,
  }),
  msg_too_long: () => ({ reason: "The message is too long for Slack.", fix: MALFORMED_FIX }),
  no_text: () => ({ reason: "The message has no text.", fix: MALFORMED_FIX }),
  too_many_attachments: () => ({ reason: "The message has too many attachments.", fix: MALFORMED_FIX }),
  invalid_metadata_format: () => ({ reason: "Slack rejected the message's metadata.", fix: MALFORMED_FIX }),
  invalid_metadata_schema: () => ({ reason: "Slack rejected the message's metadata.", fix: MALFORMED_FIX }),
  metadata_too_large: () => ({ reason: "The message's metadata is too large.", fix: MALFORMED_FIX }),
};

/** Server-side codes after which the message may or may not exist (Slack: "some aspect of the operation may have succeeded"). */
const MAYBE_POSTED = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

/** True when `err` is Slack's platform error with this code. */
export function isSlackError(err: unknown, code: string): boolean {
  return err instanceof webApi.WebAPIPlatformError && err.data.error === code;
}

/**
 * Translates anything the Slack client threw into a {@link DeliveryError}. `channel` names the
 * channel the way the registry does (`#dmd-washington` or `C0123ABCD`), for the admin's message.
 */
export function slackDeliveryError(err: unknown, channel: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof webApi.WebAPIRateLimitedError) {
    return new DeliveryError({
      kind: "rate_limited",
      code: "ratelimited",
      reason: `Slack asked the bot to slow down for ${err.retryAfter} s.`,
      retryAfterMs: Math.max(0, err.retryAfter) * 1000,
      cause: err,
    });
  }
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = err.data.error;
    const needed = "needed" in err.data && typeof err.data.needed === "string" ? err.data.needed : undefined;
    const permanent = PERMANENT[code];
    if (permanent)
      return new DeliveryError({ kind: "permanent", code, ...permanent(channel, needed), cause: err });
    if (code === "ratelimited") {
      return new DeliveryError({
        kind: "rate_limited",
        code,
        reason: "Slack asked the bot to slow down.",
        cause: err,
      });
    }
    return new DeliveryError({
      kind: MAYBE_POSTED.has(code) ? "unknown_outcome" : "transient",
      code,
      reason: `Slack answered "${code}".`,
      cause: err,
    });
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    const server = err.statusCode >= 500;
    return new DeliveryError({
      kind: server ? "unknown_outcome" : "transient",
      code: `http_${err.statusCode}`,
      reason: `Slack answered HTTP ${err.statusCode}${server ? " (a server error: the message may or may not be posted)" : ""}.`,
      fix: server
        ? ""
        : "Check SLACK_API_URL (leave it empty for slack.com) and the server's network access to Slack.",
      cause: err,
    });
  }
  if (err instanceof webApi.WebAPIRequestError) {
    return new DeliveryError({
      kind: "unknown_outcome",
      code: "network",
      reason: `The request to Slack failed: ${scrubTokens(err.original.message)}.`,
      fix: "Check the server's network access to Slack if this persists.",
      cause: err,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new DeliveryError({
    kind: "transient",
    code: "error",
    reason: `Sending to Slack failed: ${scrubTokens(message)}.`,
    cause: err,
  });
}
