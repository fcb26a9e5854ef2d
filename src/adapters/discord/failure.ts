import { logHandlerFailure } from "../../core/failure.ts";
import type { Logger } from "../../core/logger.ts";
import { type Reply, reply } from "../../core/reply.ts";

/** A Discord bot token (three dot-separated base64 parts) as it may appear in an error message. */
const TOKEN = /\b[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}\b/g;
/** Interaction tokens travel in webhook URLs; they are short-lived, but still not for logs. */
const WEBHOOK_TOKEN = /(\/(?:webhooks\/\d+|interactions\/\d+)\/)[A-Za-z0-9_.-]{20,}/g;

/** Removes anything shaped like a Discord token from `text`. */
export function scrubDiscordTokens(text: string): string {
  return text.replace(TOKEN, "[redacted]").replace(WEBHOOK_TOKEN, "$1[redacted]");
}

/** An error reduced to what is safe to log: name, message, Discord's code and status, stack; tokens removed. */
export function safeDiscordError(err: unknown): {
  name: string;
  message: string;
  code?: string | number;
  status?: number;
  stack?: string;
} {
  if (!(err instanceof Error)) return { name: "NonError", message: scrubDiscordTokens(String(err)) };
  const code =
    "code" in err && (typeof err.code === "string" || typeof err.code === "number") ? err.code : undefined;
  const status = "status" in err && typeof err.status === "number" ? err.status : undefined;
  return {
    name: err.name,
    message: scrubDiscordTokens(err.message),
    ...(code === undefined ? {} : { code }),
    ...(status === undefined ? {} : { status }),
    ...(err.stack ? { stack: scrubDiscordTokens(err.stack) } : {}),
  };
}

/**
 * The one place a failure in the Discord adapter is handled: logs it with a fresh error id
 * (tokens scrubbed, no payloads) and returns the id for the apology the user sees.
 */
export function logDiscordFailure(
  logger: Logger,
  err: unknown,
  where: string,
  fields: Record<string, unknown> = {},
): string {
  return logHandlerFailure(logger, {
    err,
    where,
    fields,
    message: "discord handler failed",
    safe: safeDiscordError,
  });
}

/** A short warning only the caller sees. */
export function warningReply(text: string): Reply {
  return reply([{ type: "text", text, tone: "warning" }], { ephemeral: true, fallback: text });
}
