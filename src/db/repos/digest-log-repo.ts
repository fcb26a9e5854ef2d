/**
 * What `/digest log` reads: the run ledger (job_runs) and the outbox rows of one week's digests
 * and roll-up.
 */
import type { Db } from "../client.ts";

/** One ledger row. */
export interface JobRunRow {
  job: string;
  scope: string;
  periodKey: string;
  status: string;
  late: boolean;
  scheduledFor: string;
  startedAt: string;
  finishedAt: string | null;
  detail: string | null;
}

/** One outbox row, without its payload. */
export interface OutboxSummary {
  key: string;
  platform: string;
  channelId: string;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** The ledger rows of `job` for `periodKey`, by scope. */
export function jobRunsFor(db: Db, job: string, periodKey: string): Map<string, JobRunRow> {
  const rows = db.$client
    .prepare(
      `SELECT job, scope, period_key AS periodKey, status, late, scheduled_for AS scheduledFor,
         started_at AS startedAt, finished_at AS finishedAt, detail
       FROM job_runs WHERE job = ? AND period_key = ?`,
    )
    .all(job, periodKey) as (Omit<JobRunRow, "late"> & { late: number })[];
  return new Map(rows.map((r) => [r.scope, { ...r, late: r.late === 1 }]));
}

/** Outbox rows whose key starts with `prefix` (taken literally), oldest first. */
export function outboxByKeyPrefix(db: Db, prefix: string): OutboxSummary[] {
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db.$client
    .prepare(
      `SELECT idempotency_key AS key, platform, channel_id AS channelId, kind, status, attempts,
         last_error AS lastError, created_at AS createdAt, sent_at AS sentAt
       FROM outbox WHERE idempotency_key LIKE ? ESCAPE '\\' ORDER BY id`,
    )
    .all(`${escaped}%`) as OutboxSummary[];
}
