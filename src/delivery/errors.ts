/**
 * Why a delivery attempt failed, in terms the outbox worker acts on. Each sender translates its
 * platform's errors into a {@link DeliveryError}; the worker never looks at platform codes.
 */

/**
 * - `permanent`: retrying cannot help (channel gone, bot not in it, token revoked): stop and tell admins.
 * - `rate_limited`: the platform refused the call before doing anything; wait `retryAfterMs`.
 * - `transient`: the platform refused this call, nothing was posted; retry with backoff.
 * - `unknown_outcome`: the call may have reached the platform (5xx, timeout, dropped connection):
 *   the message may be posted, so it is looked up before any resend.
 */
export type DeliveryErrorKind = "permanent" | "rate_limited" | "transient" | "unknown_outcome";

/** A failed delivery attempt, with what happened and how to fix it, in words for admins. */
export class DeliveryError extends Error {
  override name = "DeliveryError";
  readonly kind: DeliveryErrorKind;
  /** The platform's own code, e.g. `channel_not_found`, or `http_503`, `network`. */
  readonly code: string;
  /** What went wrong, for admins: "Slack cannot find the channel #dmd-washington …". */
  readonly reason: string;
  /** How to put it right, for admins; empty when nothing needs doing (it is retried on its own). */
  readonly fix: string;
  /** For `rate_limited`: how long the platform asked us to wait. */
  readonly retryAfterMs: number | undefined;

  constructor(input: {
    kind: DeliveryErrorKind;
    code: string;
    reason: string;
    fix?: string;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    super(`${input.code}: ${input.reason}`, input.cause === undefined ? undefined : { cause: input.cause });
    this.kind = input.kind;
    this.code = input.code;
    this.reason = input.reason;
    this.fix = input.fix ?? "";
    this.retryAfterMs = input.retryAfterMs;
  }
}

/** True for a {@link DeliveryError}, including one from another copy of this module. */
export function isDeliveryError(err: unknown): err is DeliveryError {
  return (
    err instanceof DeliveryError ||
    (err instanceof Error && err.name === "DeliveryError" && "kind" in err && "reason" in err)
  );
}

/** The outbox's record of a failure (`outbox.last_error`). */
export interface StoredError {
  code: string;
  reason: string;
  fix: string;
}

const FIX_LABEL = "\nHow to fix: ";
const STORED = /^\[([^\]\s]+)\] ([\s\S]*?)(?:\nHow to fix: ([\s\S]*))?$/;

/**
 * A failure as `outbox.last_error` holds it, readable as it stands by anyone looking at the row:
 * `[channel_not_found] Slack cannot find …\nHow to fix: Check …`.
 */
export function storeError(error: StoredError): string {
  return `[${error.code}] ${error.reason}${error.fix ? `${FIX_LABEL}${error.fix}` : ""}`;
}

/** Reads `outbox.last_error` back; text not written by {@link storeError} is kept as the reason. */
export function readStoredError(text: string | null): StoredError | null {
  if (text === null || text === "") return null;
  const m = STORED.exec(text);
  if (!m) return { code: "error", reason: text, fix: "" };
  return { code: m[1] ?? "error", reason: m[2] ?? "", fix: m[3] ?? "" };
}
