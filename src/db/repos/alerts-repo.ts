/**
 * The alerts table (one alert per condition, mission, subject and period, never repeated) and
 * the few reads alert detection needs beyond the stats repo: recent posts with interaction
 * counts, and lost verification badges recorded in the audit log.
 */
import type { Db } from "../client.ts";
import { preparedPerConnection } from "../prepared.ts";
import { POST_HAS_COUNTS, POST_INTERACTIONS } from "./post-sql.ts";

/** An alert to record. */
export interface AlertInput {
  missionId: number;
  /** Null for a mission-wide alert. */
  handleId: number | null;
  /** `handle:<id>` or `mission`. */
  subject: string;
  kind: string;
  periodKey: string;
  severity: string;
  details: Record<string, unknown>;
  /** ISO instant. */
  createdAt: string;
}

/** A stored alert, details parsed. */
export interface AlertRow extends AlertInput {
  id: number;
}

/** A post with its interactions, for the "far above usual" check. */
export interface RecentPost {
  id: number;
  localDate: string;
  publishedAt: string | null;
  url: string | null;
  interactions: number;
}

/** A badge recorded lost with `/handle verify … no`. */
export interface RecordedLoss {
  /** ISO instant of the audit entry. */
  at: string;
  /** The mission code as written in the entry. */
  mission: string | null;
  platform: string;
  handle: string;
}

/**
 * Records an alert unless the same (kind, mission, subject, period) is already there. Returns
 * the new row, or null when it was a repeat.
 */
export function recordAlert(db: Db, alert: AlertInput): AlertRow | null {
  const row = statements(db).insert.get({
    missionId: alert.missionId,
    handleId: alert.handleId,
    subject: alert.subject,
    kind: alert.kind,
    periodKey: alert.periodKey,
    severity: alert.severity,
    details: JSON.stringify(alert.details),
    createdAt: alert.createdAt,
  }) as StoredAlert | undefined;
  return row ? toAlert(row) : null;
}

/** A mission's alerts created in `[fromIso, toIso)`, oldest first. */
export function listAlerts(db: Db, missionId: number, fromIso: string, toIso: string): AlertRow[] {
  return (statements(db).byMission.all({ missionId, from: fromIso, to: toIso }) as StoredAlert[]).map(
    toAlert,
  );
}

/** Alerts of `kind` on handles, whose period key (a date) lies in `[start, end]`. */
export function alertsInPeriod(db: Db, kind: string, start: string, end: string): AlertRow[] {
  return (statements(db).byKindPeriod.all({ kind, start, end }) as StoredAlert[]).map(toAlert);
}

/**
 * A handle's posts that have interaction counts, oldest first: those published in `[from, to]`
 * and the `before` posts preceding them (the baseline of the earliest one).
 */
export function recentPostsWithCounts(
  db: Db,
  handleId: number,
  from: string,
  to: string,
  before: number,
): RecentPost[] {
  const { postsInRange, postsBefore } = statements(db);
  const earlier = (postsBefore.all({ handleId, from, limit: before }) as RecentPost[]).reverse();
  return earlier.concat(postsInRange.all({ handleId, from, to }) as RecentPost[]);
}

/** Badges recorded lost (`handle.verify` from yes to no) in `[fromIso, toIso)`. */
export function recordedVerificationLosses(db: Db, fromIso: string, toIso: string): RecordedLoss[] {
  return statements(db).losses.all({ from: fromIso, to: toIso }) as RecordedLoss[];
}

/** An alert as read, details still JSON text. */
type StoredAlert = Omit<AlertRow, "details"> & { details: string };

function toAlert(row: StoredAlert): AlertRow {
  let details: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.details);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      details = parsed as Record<string, unknown>;
  } catch {
    details = { text: row.details };
  }
  return { ...row, details };
}

const ALERT_COLUMNS = `id, mission_id AS missionId, handle_id AS handleId, subject, kind, period_key AS periodKey,
  severity, details, created_at AS createdAt`;

const POST_COLUMNS = `p.id, p.local_date AS localDate, p.published_at AS publishedAt, p.url,
  ${POST_INTERACTIONS} AS interactions`;

const statements = preparedPerConnection((sqlite) => ({
  insert: sqlite.prepare(
    `INSERT INTO alerts (mission_id, handle_id, subject, kind, period_key, severity, details, created_at)
     VALUES (@missionId, @handleId, @subject, @kind, @periodKey, @severity, @details, @createdAt)
     ON CONFLICT (kind, mission_id, subject, period_key) DO NOTHING
     RETURNING ${ALERT_COLUMNS}`,
  ),
  byMission: sqlite.prepare(
    `SELECT ${ALERT_COLUMNS} FROM alerts
     WHERE mission_id = @missionId AND created_at >= @from AND created_at < @to ORDER BY created_at, id`,
  ),
  byKindPeriod: sqlite.prepare(
    `SELECT ${ALERT_COLUMNS} FROM alerts
     WHERE kind = @kind AND handle_id IS NOT NULL AND period_key BETWEEN @start AND @end ORDER BY id`,
  ),
  // Same order as the posts' publishing: day, then instant (unknown instants first), then id.
  postsInRange: sqlite.prepare(
    `SELECT ${POST_COLUMNS} FROM posts p
     WHERE p.handle_id = @handleId AND p.local_date BETWEEN @from AND @to AND ${POST_HAS_COUNTS}
     ORDER BY p.local_date, p.published_at, p.id`,
  ),
  postsBefore: sqlite.prepare(
    `SELECT ${POST_COLUMNS} FROM posts p
     WHERE p.handle_id = @handleId AND p.local_date < @from AND ${POST_HAS_COUNTS}
     ORDER BY p.local_date DESC, p.published_at DESC, p.id DESC LIMIT @limit`,
  ),
  losses: sqlite.prepare(
    `WITH entries AS (
       SELECT id, at, CASE WHEN json_valid(details) THEN details END AS d FROM audit_entries
       WHERE command = 'handle.verify' AND outcome = 'ok' AND at >= @from AND at < @to
     )
     SELECT at, json_extract(d, '$.mission') AS mission, json_extract(d, '$.platform') AS platform,
       json_extract(d, '$.handle') AS handle
     FROM entries
     WHERE json_extract(d, '$.to') = 0 AND IFNULL(json_extract(d, '$.from'), 1) = 1
       AND json_extract(d, '$.platform') IS NOT NULL AND json_extract(d, '$.handle') IS NOT NULL
     ORDER BY at, id`,
  ),
}));
