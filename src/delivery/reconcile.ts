/**
 * Before any resend, a message left in `sending` (its process died mid-send, or the platform's
 * answer never came) is looked up in its channel by its idempotency key: found, it is marked
 * sent with the platform's id; not found, it goes back to the queue. This is what keeps a crash
 * from doubling a message.
 */
import type { Db } from "../db/client.ts";
import {
  claimForLookup,
  dueSending,
  markFailed,
  markSent,
  type OutboxRow,
  rescheduleFromSending,
} from "../db/repos/outbox-repo.ts";
import { type Delivery, isoAfter } from "./context.ts";
import { storeError } from "./errors.ts";
import { recordLookupFailure } from "./failures.ts";

/** How far before the message was queued the look-up starts, for clock differences with the platform. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Looks up every message in `sending` whose lease or wait has run out. */
export async function reconcileDue(db: Db, d: Delivery): Promise<void> {
  const rows = dueSending(db, d.platforms, d.now().toISOString(), d.batchSize);
  for (const row of rows) await reconcileOne(db, d, row);
}

/** Looks up one message; see the module comment. */
export async function reconcileOne(db: Db, d: Delivery, row: OutboxRow): Promise<void> {
  const sender = d.senders.get(row.platform);
  if (!sender) return;
  const now = d.now();
  if (!claimForLookup(db, row.id, row.nextAttemptAt, now.toISOString(), isoAfter(now, d.leaseMs))) return;
  const since = new Date(Date.parse(row.createdAt) - CLOCK_SKEW_MS);
  let found: { messageId: string } | null;
  try {
    found = await sender.find(row.channelId, row.idempotencyKey, since);
  } catch (err) {
    recordLookupFailure(db, d, row, err);
    return;
  }
  const at = d.now().toISOString();
  if (found) {
    markSent(db, row.id, found.messageId, at);
    d.tally.sent += 1;
    d.logger.info({ id: row.id, key: row.idempotencyKey }, "message was already posted: marked sent");
    return;
  }
  if (row.attempts >= d.maxAttempts) {
    markFailed(
      db,
      row.id,
      storeError({
        code: "out_of_attempts",
        reason: `Gave up after ${row.attempts} attempts; the message is not in the channel.`,
        fix: "Check that the chat platform is reachable from the bot's server, then retry the message.",
      }),
      at,
    );
    d.tally.failed += 1;
    return;
  }
  rescheduleFromSending(db, row.id, {
    status: "pending",
    nextAttemptAt: at,
    lastError: row.lastError,
    now: at,
  });
}
