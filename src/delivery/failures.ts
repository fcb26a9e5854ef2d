/**
 * What the outbox does after a failed attempt or look-up: wait and retry, look the message up
 * first, or give up with a reason and a fix for admins. Internal to `src/delivery`.
 */

import type { Db } from "../db/client.ts";
import type { OutboxRow } from "../db/repos/outbox-repo.ts";
import { markFailed, rescheduleFromSending } from "../db/repos/outbox-repo.ts";
import { backoffDelay } from "./backoff.ts";
import { type Delivery, isoAfter } from "./context.ts";
import { DeliveryError, isDeliveryError, storeError } from "./errors.ts";

/** Any error as a {@link DeliveryError}; an unexpected one (a bug) is transient. */
export function asDeliveryError(err: unknown): DeliveryError {
  if (isDeliveryError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new DeliveryError({
    kind: "transient",
    code: "internal",
    reason: `The bot failed while sending the message: ${message}`,
    fix: "If it keeps failing, report it to the developers with the message id.",
    cause: err,
  });
}

function outOfAttempts(attempts: number, e: DeliveryError): string {
  return storeError({
    code: e.code,
    reason: `Gave up after ${attempts} attempts. Last error: ${e.reason}`,
    fix: e.fix || "Check that the chat platform is reachable from the bot's server, then retry the message.",
  });
}

/**
 * Records a failed send of `row` (already claimed, `attempts` counted) and schedules what comes
 * next. Updates the pass's tally.
 */
export function recordSendFailure(db: Db, d: Delivery, row: OutboxRow, attempts: number, err: unknown): void {
  const e = asDeliveryError(err);
  const now = d.now();
  const iso = now.toISOString();
  const log = { id: row.id, key: row.idempotencyKey, code: e.code, kind: e.kind, attempts };
  switch (e.kind) {
    case "permanent":
      markFailed(db, row.id, storeError(e), iso);
      d.tally.failed += 1;
      d.logger.warn(log, "message failed permanently");
      return;
    case "rate_limited": {
      const wait = e.retryAfterMs ?? backoffDelay(1, d.backoff, d.random);
      const until = now.getTime() + wait;
      const limiter = d.limiters.for(row.platform);
      limiter.pause(row.channelId, until);
      // Slack does not say whether the limit was the channel's or the workspace's: hold both.
      limiter.pause(null, until);
      rescheduleFromSending(db, row.id, {
        status: "pending",
        nextAttemptAt: isoAfter(now, wait),
        lastError: storeError(e),
        now: iso,
        refundAttempt: true,
      });
      d.tally.retried += 1;
      d.logger.info({ ...log, waitMs: wait }, "rate limited; waiting as asked");
      return;
    }
    case "transient":
      if (attempts >= d.maxAttempts) {
        markFailed(db, row.id, outOfAttempts(attempts, e), iso);
        d.tally.failed += 1;
        d.logger.warn(log, "message failed: out of attempts");
        return;
      }
      rescheduleFromSending(db, row.id, {
        status: "pending",
        nextAttemptAt: isoAfter(now, backoffDelay(attempts, d.backoff, d.random)),
        lastError: storeError(e),
        now: iso,
      });
      d.tally.retried += 1;
      d.logger.info(log, "send failed; retrying later");
      return;
    case "unknown_outcome":
      // It may be posted: stay in `sending`, so the next step is a look-up, never a blind resend.
      rescheduleFromSending(db, row.id, {
        status: "sending",
        nextAttemptAt: isoAfter(now, backoffDelay(attempts, d.backoff, d.random)),
        lastError: storeError(e),
        now: iso,
      });
      d.tally.retried += 1;
      d.logger.warn(log, "send outcome unknown; will look the message up before any resend");
      return;
  }
}

/** Records a failed look-up of a message in `sending` and schedules the next one (or gives up). */
export function recordLookupFailure(db: Db, d: Delivery, row: OutboxRow, err: unknown): void {
  const e = asDeliveryError(err);
  const now = d.now();
  const iso = now.toISOString();
  const log = { id: row.id, key: row.idempotencyKey, code: e.code, kind: e.kind };
  if (e.kind === "permanent") {
    markFailed(
      db,
      row.id,
      storeError({
        code: e.code,
        reason: `Could not check whether the message was already posted before sending it again: ${e.reason}`,
        fix: `${e.fix ? `${e.fix} ` : ""}Retrying it sends it again without the check, so it may then appear twice.`,
      }),
      iso,
    );
    d.tally.failed += 1;
    d.logger.warn(log, "look-up failed permanently");
    return;
  }
  const wait =
    e.kind === "rate_limited" && e.retryAfterMs !== undefined
      ? e.retryAfterMs
      : backoffDelay(Math.max(1, row.attempts), d.backoff, d.random);
  if (e.kind === "rate_limited") d.limiters.for(row.platform).pause(row.channelId, now.getTime() + wait);
  rescheduleFromSending(db, row.id, {
    status: "sending",
    nextAttemptAt: isoAfter(now, wait),
    lastError: storeError(e),
    now: iso,
  });
  d.tally.retried += 1;
  d.logger.info(log, "look-up failed; trying again later");
}
