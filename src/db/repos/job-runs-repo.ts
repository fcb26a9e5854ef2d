/**
 * The run ledger (`job_runs`): one row per job, scope and period, UNIQUE, so a run happens once.
 * A run claims its row before it starts; it finishes it in the same transaction as its messages.
 *
 * Statuses: `running`, `done`, `skipped` (ran, had nothing to do, `detail` says why), `failed`.
 */
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "../client.ts";
import { inTransaction } from "../client.ts";
import { jobRuns } from "../schema.ts";

/** One ledger row. */
export type JobRunRow = typeof jobRuns.$inferSelect;

/** What a run claims. */
export interface RunClaim {
  job: string;
  scope: string;
  periodKey: string;
  late: boolean;
  /** ISO instant of the slot. */
  scheduledFor: string;
  /** ISO instant the run starts. */
  startedAt: string;
  /** A `running` row started before this instant was abandoned (its process died): it may be taken over. */
  abandonedBefore: string;
  /** Whether a `failed` row may be taken over (start-up catch-up and `dmd jobs run` retry failures; ticks do not). */
  retryFailed: boolean;
}

/**
 * Claims the ledger row for a run, in one transaction: inserts it as `running`, or takes over a
 * failed run (when allowed) or an abandoned one. Returns the row id to finish it with, or the
 * row that stands in the way.
 */
export function claimRun(
  db: Db,
  claim: RunClaim,
): { claimed: true; id: number } | { claimed: false; existing: JobRunRow } {
  return inTransaction(db, () => {
    const inserted = db
      .insert(jobRuns)
      .values({
        job: claim.job,
        scope: claim.scope,
        periodKey: claim.periodKey,
        status: "running",
        late: claim.late,
        scheduledFor: claim.scheduledFor,
        startedAt: claim.startedAt,
      })
      .onConflictDoNothing()
      .returning({ id: jobRuns.id })
      .get();
    if (inserted) return { claimed: true as const, id: inserted.id };
    const existing = getRun(db, claim.job, claim.scope, claim.periodKey);
    if (!existing) throw new Error(`job_runs: ${claim.job}/${claim.scope}/${claim.periodKey} vanished`);
    const takeOver =
      (existing.status === "failed" && claim.retryFailed) ||
      (existing.status === "running" && existing.startedAt < claim.abandonedBefore);
    if (!takeOver) return { claimed: false as const, existing };
    db.update(jobRuns)
      .set({
        status: "running",
        late: claim.late,
        scheduledFor: claim.scheduledFor,
        startedAt: claim.startedAt,
        finishedAt: null,
        detail: null,
      })
      .where(eq(jobRuns.id, existing.id))
      .run();
    return { claimed: true as const, id: existing.id };
  });
}

/**
 * Ends a run this process claimed (`running`, started at `startedAt`): false when the row was
 * taken over meanwhile (the caller must then roll back what it wrote with it).
 */
export function finishRun(
  db: Db,
  id: number,
  startedAt: string,
  end: { status: "done" | "skipped" | "failed"; detail: string | null; finishedAt: string },
): boolean {
  return (
    db
      .update(jobRuns)
      .set({ status: end.status, detail: end.detail, finishedAt: end.finishedAt })
      .where(and(eq(jobRuns.id, id), eq(jobRuns.status, "running"), eq(jobRuns.startedAt, startedAt)))
      .run().changes === 1
  );
}

/** The ledger row of one job, scope and period, if any. */
export function getRun(db: Db, job: string, scope: string, periodKey: string): JobRunRow | undefined {
  return db
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.scope, scope), eq(jobRuns.periodKey, periodKey)))
    .get();
}

/** Ledger rows, newest slot first, optionally of one job, scope or status, or only late ones. */
export function listRuns(
  db: Db,
  filter: { job?: string; scope?: string; status?: string; late?: boolean; limit?: number } = {},
): JobRunRow[] {
  const conditions: SQL[] = [];
  if (filter.job !== undefined) conditions.push(eq(jobRuns.job, filter.job));
  if (filter.scope !== undefined) conditions.push(eq(jobRuns.scope, filter.scope));
  if (filter.status !== undefined) conditions.push(eq(jobRuns.status, filter.status));
  if (filter.late !== undefined) conditions.push(eq(jobRuns.late, filter.late));
  return db
    .select()
    .from(jobRuns)
    .where(and(...conditions))
    .orderBy(desc(jobRuns.scheduledFor), desc(jobRuns.id))
    .limit(filter.limit ?? 100)
    .all();
}
