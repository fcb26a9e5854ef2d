/**
 * The outbox table's queries. Every state change is one conditional UPDATE (`… WHERE status = ?`),
 * so two workers (the bot and `dmd jobs run`) can never both take the same message: whoever's
 * UPDATE changes the row owns the next step.
 *
 * Statuses: `pending` (waiting for its next attempt), `sending` (an attempt may have reached the
 * platform: it is looked up before any resend once `next_attempt_at` passes), `sent`,
 * `failed` (permanent, or out of attempts), `cancelled`.
 */
import { and, asc, count, desc, eq, inArray, lte, min, or, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { outbox } from "../schema.ts";

/** One outbox row. */
export type OutboxRow = typeof outbox.$inferSelect;

/** The states a message moves through. */
export type OutboxStatus = "pending" | "sending" | "sent" | "failed" | "cancelled";

/** A new message for {@link insertOutboxRow}. */
export interface NewOutboxRow {
  idempotencyKey: string;
  platform: string;
  channelId: string;
  kind: string;
  missionId: number | null;
  payload: string;
  /** ISO instant: created, and due at once. */
  at: string;
}

/**
 * Inserts the message unless its idempotency key is already there (then nothing changes).
 * Returns the row's id and whether this call created it.
 */
export function insertOutboxRow(db: Db, row: NewOutboxRow): { id: number; created: boolean } {
  const inserted = db
    .insert(outbox)
    .values({
      idempotencyKey: row.idempotencyKey,
      platform: row.platform,
      channelId: row.channelId,
      kind: row.kind,
      missionId: row.missionId,
      payload: row.payload,
      status: "pending",
      attempts: 0,
      nextAttemptAt: row.at,
      createdAt: row.at,
      updatedAt: row.at,
    })
    .onConflictDoNothing({ target: outbox.idempotencyKey })
    .returning({ id: outbox.id })
    .get();
  if (inserted) return { id: inserted.id, created: true };
  const existing = getOutboxByKey(db, row.idempotencyKey);
  if (!existing) throw new Error(`outbox: key ${row.idempotencyKey} neither inserted nor found`);
  return { id: existing.id, created: false };
}

/** The row with this id, if any. */
export function getOutboxRow(db: Db, id: number): OutboxRow | undefined {
  return db.select().from(outbox).where(eq(outbox.id, id)).get();
}

/** The row with this idempotency key, if any. */
export function getOutboxByKey(db: Db, key: string): OutboxRow | undefined {
  return db.select().from(outbox).where(eq(outbox.idempotencyKey, key)).get();
}

/** Pending messages of these platforms due at `now`, oldest due first. */
export function duePending(db: Db, platforms: string[], now: string, limit: number): OutboxRow[] {
  return dueInStatus(db, "pending", platforms, now, limit);
}

/**
 * Messages in `sending` whose lease or wait has run out: the process that sent them died, or
 * their last attempt ended without a clear answer. Each is looked up before any resend.
 */
export function dueSending(db: Db, platforms: string[], now: string, limit: number): OutboxRow[] {
  return dueInStatus(db, "sending", platforms, now, limit);
}

/** Messages in `status` of these platforms due at `now`, oldest due first. */
function dueInStatus(
  db: Db,
  status: "pending" | "sending",
  platforms: string[],
  now: string,
  limit: number,
): OutboxRow[] {
  if (platforms.length === 0) return [];
  return db
    .select()
    .from(outbox)
    .where(
      and(eq(outbox.status, status), lte(outbox.nextAttemptAt, now), inArray(outbox.platform, platforms)),
    )
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit)
    .all();
}

/** The earliest `next_attempt_at` of a pending or sending message of these platforms; null when none waits. */
export function nextDueAt(db: Db, platforms: string[]): string | null {
  if (platforms.length === 0) return null;
  const row = db
    .select({ at: min(outbox.nextAttemptAt) })
    .from(outbox)
    .where(and(inArray(outbox.status, ["pending", "sending"]), inArray(outbox.platform, platforms)))
    .get();
  return row?.at ?? null;
}

/**
 * Takes a pending message for an attempt: `sending`, one more attempt, held until `leaseUntil`
 * (after which another worker may look it up and resend). Committed before the platform is
 * called. False when someone else took it first.
 */
export function claimForSend(db: Db, id: number, now: string, leaseUntil: string): boolean {
  return (
    db
      .update(outbox)
      .set({
        status: "sending",
        attempts: sql`${outbox.attempts} + 1`,
        nextAttemptAt: leaseUntil,
        updatedAt: now,
      })
      .where(and(eq(outbox.id, id), eq(outbox.status, "pending")))
      .run().changes === 1
  );
}

/**
 * Takes a `sending` message for a look-up, holding it until `leaseUntil`. `seenNextAttemptAt`
 * is the value read with the row: if it changed, someone else took it. False then.
 */
export function claimForLookup(
  db: Db,
  id: number,
  seenNextAttemptAt: string,
  now: string,
  leaseUntil: string,
): boolean {
  return (
    db
      .update(outbox)
      .set({ nextAttemptAt: leaseUntil, updatedAt: now })
      .where(
        and(eq(outbox.id, id), eq(outbox.status, "sending"), eq(outbox.nextAttemptAt, seenNextAttemptAt)),
      )
      .run().changes === 1
  );
}

/** Records the platform's confirmation: `sent`, with its message id. Only from `sending`. */
export function markSent(db: Db, id: number, messageId: string, now: string): boolean {
  return (
    db
      .update(outbox)
      .set({ status: "sent", messageId, sentAt: now, updatedAt: now, lastError: null })
      .where(and(eq(outbox.id, id), eq(outbox.status, "sending")))
      .run().changes === 1
  );
}

/**
 * Schedules the next step of a message in `sending`: back to `pending` (nothing was posted) or
 * left in `sending` (it may have been posted: look it up first), due at `nextAttemptAt`.
 * `refundAttempt` takes back the attempt counted at claim time (a 429: the platform did nothing).
 */
export function rescheduleFromSending(
  db: Db,
  id: number,
  input: {
    status: "pending" | "sending";
    nextAttemptAt: string;
    lastError: string | null;
    now: string;
    refundAttempt?: boolean;
  },
): boolean {
  return (
    db
      .update(outbox)
      .set({
        status: input.status,
        nextAttemptAt: input.nextAttemptAt,
        lastError: input.lastError,
        updatedAt: input.now,
        ...(input.refundAttempt ? { attempts: sql`max(${outbox.attempts} - 1, 0)` } : {}),
      })
      .where(and(eq(outbox.id, id), eq(outbox.status, "sending")))
      .run().changes === 1
  );
}

/** Gives up on a message in `sending`: `failed`, with why and how to fix it. */
export function markFailed(db: Db, id: number, lastError: string, now: string): boolean {
  return (
    db
      .update(outbox)
      .set({ status: "failed", lastError, updatedAt: now })
      .where(and(eq(outbox.id, id), eq(outbox.status, "sending")))
      .run().changes === 1
  );
}

/**
 * Puts failed messages back in the queue, due at `now`, with their attempts reset. `id` null
 * retries every failed message. Returns how many were put back.
 */
export function retryFailed(db: Db, id: number | null, now: string): number {
  const where =
    id === null ? eq(outbox.status, "failed") : and(eq(outbox.id, id), eq(outbox.status, "failed"));
  return db
    .update(outbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: now, updatedAt: now })
    .where(where)
    .run().changes;
}

/** How many messages are in each status (statuses with none are absent). */
export function countByStatus(db: Db): Partial<Record<OutboxStatus, number>> {
  const rows = db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status).all();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Messages of these platforms not yet sent nor given up on (pending or sending). */
export function countUnsent(db: Db, platforms: string[]): number {
  if (platforms.length === 0) return 0;
  return (
    db
      .select({ n: count() })
      .from(outbox)
      .where(and(inArray(outbox.status, ["pending", "sending"]), inArray(outbox.platform, platforms)))
      .get()?.n ?? 0
  );
}

/** Messages sent since `since` (ISO instant). */
export function countSentSince(db: Db, since: string): number {
  return (
    db
      .select({ n: count() })
      .from(outbox)
      .where(and(eq(outbox.status, "sent"), sql`${outbox.sentAt} >= ${since}`))
      .get()?.n ?? 0
  );
}

/**
 * Messages an admin should look at: every failed one, and unsent ones that are stuck (created
 * before `stuckBefore`, or attempted at least `stuckAttempts` times). Failed first, newest first.
 */
export function listProblems(
  db: Db,
  input: { stuckBefore: string; stuckAttempts: number; limit: number },
): { rows: OutboxRow[]; total: number } {
  const where = or(
    eq(outbox.status, "failed"),
    and(
      inArray(outbox.status, ["pending", "sending"]),
      or(sql`${outbox.createdAt} < ${input.stuckBefore}`, sql`${outbox.attempts} >= ${input.stuckAttempts}`),
    ),
  );
  const total = db.select({ n: count() }).from(outbox).where(where).get()?.n ?? 0;
  const rows = db
    .select()
    .from(outbox)
    .where(where)
    .orderBy(sql`${outbox.status} = 'failed' DESC`, desc(outbox.updatedAt), desc(outbox.id))
    .limit(input.limit)
    .all();
  return { rows, total };
}
