/**
 * The reads behind a trend report's facts beyond the stats repo: a mission's weakest posts, the
 * network's best posts with their missions, and the alerts of a period with their handles.
 */
import type { Period } from "../../domain/period.ts";
import type { Db } from "../client.ts";
import { preparedPerConnection } from "../prepared.ts";
import { POST_HAS_COUNTS, TOP_POST_COLUMNS } from "./post-sql.ts";
import type { TopPost } from "./stats-repo.ts";

/** A post with its mission, for the network's lists. */
export interface NetworkPost extends TopPost {
  missionCode: string;
  missionName: string;
}

/** An alert of a period, with its mission and handle. */
export interface PeriodAlert {
  id: number;
  missionId: number;
  missionCode: string;
  missionName: string;
  kind: string;
  severity: string;
  periodKey: string;
  createdAt: string;
  platform: string | null;
  handle: string | null;
  details: Record<string, unknown>;
}

/**
 * The `limit` posts of `handleIds` in `period` with the fewest interactions (ties: earliest
 * first). Posts without any interaction count are left out: theirs are unknown, not 0.
 */
export function bottomPosts(db: Db, handleIds: number[], period: Period, limit: number): TopPost[] {
  if (handleIds.length === 0 || limit <= 0) return [];
  return statements(db).bottomPosts.all({
    ids: JSON.stringify(handleIds),
    start: period.start,
    end: period.end,
    limit,
  }) as TopPost[];
}

/** The `limit` posts of active handles of missions abroad in `period` with the most interactions. */
export function networkTopPosts(db: Db, period: Period, limit: number): NetworkPost[] {
  if (limit <= 0) return [];
  return statements(db).networkTop.all({ start: period.start, end: period.end, limit }) as NetworkPost[];
}

/**
 * The alerts about `period` (of one mission, or all): those whose day (their period key, when
 * it is a date) falls in it, and those raised between `fromIso` and `toIso` (the period's local
 * days as instants). Serious ones first, then by day.
 */
export function periodAlerts(
  db: Db,
  options: { missionId?: number; period: Period; fromIso: string; toIso: string },
): PeriodAlert[] {
  const rows = statements(db).alerts.all({
    missionId: options.missionId ?? null,
    start: options.period.start,
    end: options.period.end,
    from: options.fromIso,
    to: options.toIso,
  }) as (Omit<PeriodAlert, "details"> & { details: string })[];
  return rows.map((row) => ({ ...row, details: parseDetails(row.details) }));
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const statements = preparedPerConnection((sqlite) => ({
  bottomPosts: sqlite.prepare(
    `SELECT ${TOP_POST_COLUMNS}
     FROM posts p JOIN handles h ON h.id = p.handle_id
     WHERE p.handle_id IN (SELECT value FROM json_each(@ids))
       AND p.local_date BETWEEN @start AND @end AND ${POST_HAS_COUNTS}
     ORDER BY interactions ASC, p.local_date ASC, p.published_at ASC, p.id
     LIMIT @limit`,
  ),
  networkTop: sqlite.prepare(
    `SELECT ${TOP_POST_COLUMNS}, m.code AS missionCode, m.name AS missionName
     FROM posts p JOIN handles h ON h.id = p.handle_id JOIN missions m ON m.id = h.mission_id
     WHERE h.active = 1 AND m.kind <> 'hq'
       AND p.local_date BETWEEN @start AND @end AND ${POST_HAS_COUNTS}
     ORDER BY interactions DESC, p.local_date DESC, p.published_at DESC, p.id
     LIMIT @limit`,
  ),
  alerts: sqlite.prepare(
    `SELECT a.id, a.mission_id AS missionId, m.code AS missionCode, m.name AS missionName, a.kind,
       a.severity, a.period_key AS periodKey, a.created_at AS createdAt, h.platform, h.handle, a.details
     FROM alerts a JOIN missions m ON m.id = a.mission_id LEFT JOIN handles h ON h.id = a.handle_id
     WHERE (@missionId IS NULL OR a.mission_id = @missionId)
       AND ((length(a.period_key) = 10 AND a.period_key BETWEEN @start AND @end)
         OR (a.created_at >= @from AND a.created_at < @to))
     ORDER BY CASE a.severity WHEN 'serious' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, a.period_key, a.id`,
  ),
}));
