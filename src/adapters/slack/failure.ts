import { logHandlerFailure } from "../../core/failure.ts";
import type { Logger } from "../../core/logger.ts";
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
  return logHandlerFailure(logger, { err, where, fields, message: "slack handler failed", safe: safeError });
}
