/**
 * Failures on our side, as every entry point handles them: a short error id that is both logged
 * and shown to the user, and the apology carrying it (never a stack trace).
 */
import { randomBytes } from "node:crypto";
import type { Logger } from "./logger.ts";
import { type Reply, reply } from "./reply.ts";

/** A fresh short id (8 hex digits) for one failure, so the user's apology matches the log line. */
export function newErrorId(): string {
  return randomBytes(4).toString("hex");
}

/** What the user sees when something failed on our side: short, with the error id, never a stack. */
export function apologyReply(errorId: string): Reply {
  const text = `Sorry, something went wrong on our side (error id ${errorId}). Please try again; if it keeps happening, give this id to your administrator.`;
  return reply([{ type: "text", text, tone: "warning" }], { ephemeral: true, fallback: text });
}

/** One failure of an adapter's handler, as {@link logHandlerFailure} logs it. */
export interface HandlerFailure {
  err: unknown;
  /** The handler that failed (`slash_command`, `interaction`). */
  where: string;
  /** More to log, never a payload or a token. */
  fields?: Record<string, unknown>;
  /** The log message: `slack handler failed`. */
  message: string;
  /** Reduces the error to what is safe to log (the platform's tokens scrubbed). */
  safe: (err: unknown) => unknown;
}

/**
 * Logs a failure in an adapter's handler with a fresh error id and returns the id, for the
 * apology the user sees. A logger that fails is ignored: the user still gets the id.
 */
export function logHandlerFailure(logger: Logger, failure: HandlerFailure): string {
  const errorId = newErrorId();
  try {
    logger.error(
      { ...failure.fields, where: failure.where, errorId, err: failure.safe(failure.err) },
      failure.message,
    );
  } catch {
    // The logger itself failed; the user still gets the id.
  }
  return errorId;
}
