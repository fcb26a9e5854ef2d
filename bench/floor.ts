import type { Db } from "../src/db/client.ts";
import type { Period } from "../src/domain/period.ts";

const HANDLE_AGGREGATES = `
  SELECT h.id AS handleId, h.mission_id AS missionId,
    (SELECT followers FROM daily_metrics d WHERE d.handle_id = h.id AND d.date <= @end AND d.followers IS NOT NULL ORDER BY d.date DESC LIMIT 1) AS followers,
    (SELECT followers FROM daily_metrics d WHERE d.handle_id = h.id AND d.date < @start AND d.followers IS NOT NULL ORDER BY d.date DESC LIMIT 1) AS base,
    (SELECT count(*) FROM posts p WHERE p.handle_id = h.id AND p.local_date BETWEEN @start AND @end) AS posts,
    (SELECT sum(coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0)) FROM posts p
      WHERE p.handle_id = h.id AND p.local_date BETWEEN @start AND @end) AS interactions
  FROM handles h WHERE h.active = 1`;

/** The floor for the fleet: one plain query for every active handle's aggregates. */
export function rawFleetAggregates(db: Db, period: Period): unknown[] {
  return db.$client.prepare(HANDLE_AGGREGATES).all({ start: period.start, end: period.end });
}

/** The floor for one mission: the same aggregates for its handles only. */
export function rawMissionAggregates(db: Db, code: string, period: Period): unknown[] {
  return db.$client
    .prepare(`${HANDLE_AGGREGATES} AND h.mission_id = (SELECT id FROM missions WHERE code = @code)`)
    .all({ start: period.start, end: period.end, code });
}
