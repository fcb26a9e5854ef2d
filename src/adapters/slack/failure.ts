import { randomBytes } from "node:crypto";
import type { Logger } from "../../core/logger.ts";
import { type Reply, reply } from "../../core/reply.ts";
import { safeError } from "./scrub.ts";

/**
 * The one place a failure in the Slack adapter is handled: logs it with a fresh error id (tokens
 * scrubbed, no payloads) and returns the id, for the apology the user sees.
 */
export function logFailure(
  logger: Logger,
  err: unknown,
  where: string,
  fields: Record<string, unknown> = {},
): string {
  const errorId = randomBytes(4).toString("hex");
  try {
    logger.error({ ...fields, where, errorId, err: safeError(err) }, "slack handler failed");
  } catch {
    // The logger itself failed; the user still gets the id.
  }
  return errorId;
}

/** What the user sees when something failed on our side: short, with the error id, never a stack. */
export function apologyReply(errorId: string): Reply {
  const text = `Sorry, something went wrong on our side (error id ${errorId}). Please try again; if it keeps happening, give this id to your administrator.`;
  return reply([{ type: "text", text, tone: "warning" }], { ephemeral: true, fallback: text });
}
