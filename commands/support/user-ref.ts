import type { Caller } from "../../src/core/command.ts";
import { UserError } from "../../src/core/errors.ts";

/** A chat user named in a command, e.g. by `/access grant`. */
export interface UserRef {
  platform: Caller["platform"];
  userId: string;
}

const PLATFORM_PREFIX = /^(slack|discord|console):([A-Za-z0-9._-]{1,64})$/;
const MENTION = /^<@!?([A-Za-z0-9]{1,64})(?:\|[^>]*)?>$/;
const BARE_ID = /^@?([A-Za-z0-9]{2,64})$/;

/**
 * Reads a user reference: `slack:U0123`, `discord:81234`, a chat mention (`<@U0123>`,
 * `<@U0123|name>`), or a bare id, which belongs to the caller's own platform.
 */
export function parseUserRef(text: string, caller: Caller): UserRef {
  const trimmed = text.trim();
  const prefixed = PLATFORM_PREFIX.exec(trimmed);
  if (prefixed?.[1] && prefixed[2])
    return { platform: prefixed[1] as UserRef["platform"], userId: prefixed[2] };
  const mention = MENTION.exec(trimmed) ?? BARE_ID.exec(trimmed);
  if (mention?.[1] && caller.platform !== "console") return { platform: caller.platform, userId: mention[1] };
  throw new UserError(
    "bad_user",
    `"${trimmed.slice(0, 40)}" is not a user I can recognise. Mention them (@name in Slack or Discord) or write platform:id, e.g. slack:U0123ABC or discord:81234567890.`,
  );
}

/** `slack:U0123` — how a user is written in audit entries and replies. */
export function formatUserRef(ref: UserRef): string {
  return `${ref.platform}:${ref.userId}`;
}
