/**
 * Read queries behind every figure: per-handle aggregates over a period, the whole fleet's
 * mission totals, follower series for charts and top posts. Raw SQL through cached prepared
 * statements, shaped to walk the indexes that exist: daily_metrics (handle_id, date) and
 * posts (handle_id, local_date).
 */
import {
  computeHandleMetrics,
  computeMissionTotals,
  type DatedValue,
  type HandleAggregate,
  type HandleMetrics,
  type MissionTotals,
} from "../../domain/metrics.ts";
import type { Period } from "../../domain/period.ts";
import type { Db } from "../client.ts";
import { preparedPerConnection } from "../prepared.ts";
import { POST_HAS_COUNTS, POST_INTERACTIONS, TOP_POST_COLUMNS } from "./post-sql.ts";

/** One mission's totals over a period, with what a leaderboard needs to show and filter it. */
export interface FleetRow {
  missionId: number;
  code: string;
  name: string;
  region: string;
  kind: string;
  /** Active handles counted in `totals`. */
  handleCount: number;
  totals: MissionTotals;
}

/** One post in a "top posts" list. */
export interface TopPost {
  handleId: number;
  platform: string;
  handle: string;
  url: string | null;
  publishedAt: string | null;
  localDate: string;
  caption: string | null;
  /** likes + comments + shares, missing counts taken as 0. */
  interactions: number;
}

/** One day's follower count of one handle. */
export interface FollowerPoint {
  handleId: number;
  date: string;
  followers: number;
}

/** Region and kind filters for the fleet; matched without regard to letter case. */
export interface FleetFilter {
  region?: string;
  kind?: string;
}

/**
 * Per-handle aggregates over `period` for each id in `handleIds` (every id gets an entry; a
 * handle with no data has null followers and 0 posts).
 */
export function handleAggregates(db: Db, handleIds: number[], period: Period): Map<number, HandleAggregate> {
  const { oneHandle } = statements(db);
  const out = new Map<number, HandleAggregate>();
  for (const id of handleIds) {
    if (out.has(id)) continue;
    const row = oneHandle.get({ id, start: period.start, end: period.end }) as AggregateRow;
    out.set(id, toAggregate(row));
  }
  return out;
}

/**
 * Every mission (those without handles too) with its totals over `period`, counting active
 * handles only, ordered by mission code. `filter` keeps one region and/or one kind.
 */
export function fleetMetrics(db: Db, period: Period, filter: FleetFilter = {}): FleetRow[] {
  const { missions, fleetHandles } = statements(db);
  const params = {
    start: period.start,
    end: period.end,
    region: filter.region ?? null,
    kind: filter.kind ?? null,
  };

  const byMission = new Map<number, HandleMetrics[]>();
  for (const row of fleetHandles.all(params) as (AggregateRow & { missionId: number })[]) {
    const metrics = computeHandleMetrics(toAggregate(row), period);
    const list = byMission.get(row.missionId);
    if (list) list.push(metrics);
    else byMission.set(row.missionId, [metrics]);
  }

  return (missions.all({ region: params.region, kind: params.kind }) as MissionRow[]).map((m) => {
    const handles = byMission.get(m.missionId) ?? [];
    return { ...m, handleCount: handles.length, totals: computeMissionTotals(handles, period) };
  });
}

/** One active handle's aggregate over a period, with its mission. */
export interface FleetHandleAggregate {
  missionId: number;
  handleId: number;
  aggregate: HandleAggregate;
}

/**
 * Every active handle's aggregate over `period` in one pass (the per-handle rows behind
 * {@link fleetMetrics}), for builders that need handle-level figures for many missions at once.
 */
export function fleetHandleAggregates(
  db: Db,
  period: Period,
  filter: FleetFilter = {},
): FleetHandleAggregate[] {
  const rows = statements(db).fleetHandles.all({
    start: period.start,
    end: period.end,
    region: filter.region ?? null,
    kind: filter.kind ?? null,
  }) as (AggregateRow & { missionId: number })[];
  return rows.map((row) => ({
    missionId: row.missionId,
    handleId: row.handleId,
    aggregate: toAggregate(row),
  }));
}

/**
 * Non-null follower counts of `handleIds` for each day in `[start, end]`, ordered by handle id
 * then date.
 */
export function followerSeries(db: Db, handleIds: number[], start: string, end: string): FollowerPoint[] {
  if (handleIds.length === 0) return [];
  return statements(db).followerSeries.all({ ids: JSON.stringify(handleIds), start, end }) as FollowerPoint[];
}

/**
 * The `limit` posts of `handleIds` in `period` with the most interactions (ties: latest first).
 * Posts with none of likes, comments or shares are left out: their interactions are unknown.
 */
export function topPosts(db: Db, handleIds: number[], period: Period, limit: number): TopPost[] {
  if (handleIds.length === 0 || limit <= 0) return [];
  return statements(db).topPosts.all({
    ids: JSON.stringify(handleIds),
    start: period.start,
    end: period.end,
    limit,
  }) as TopPost[];
}

interface AggregateRow {
  handleId: number;
  /** `YYYY-MM-DD` immediately followed by the count, e.g. `2026-11-251200`. */
  followers: string | null;
  base: string | null;
  posts: number;
  interactions: number | null;
  lastPostAt: string | null;
}

interface MissionRow {
  missionId: number;
  code: string;
  name: string;
  region: string;
  kind: string;
}

function toAggregate(row: AggregateRow): HandleAggregate {
  return {
    followers: parseReading(row.followers),
    base: parseReading(row.base),
    posts: row.posts,
    interactions: row.interactions,
    lastPostAt: row.lastPostAt,
  };
}

/** Splits a `date || followers` reading (dates are always 10 characters). */
function parseReading(reading: string | null): DatedValue | null {
  if (reading === null) return null;
  return { date: reading.slice(0, 10), value: Number(reading.slice(10)) };
}

// One handle's aggregate, correlated on `h.id`. Each follower lookup walks the primary key
// backwards from its bound and stops at the first day with a count; it returns that day and
// count as one string (`date || followers`, split by `parseReading`) so a single walk gives
// both. Post counts and the last post read only the (handle_id, local_date) index;
// interactions visit just the period's posts.
const AGGREGATE_COLUMNS = `
  h.id AS handleId,
  (SELECT d.date || d.followers FROM daily_metrics d
    WHERE d.handle_id = h.id AND d.date <= @end AND d.followers IS NOT NULL
    ORDER BY d.date DESC LIMIT 1) AS followers,
  (SELECT d.date || d.followers FROM daily_metrics d
    WHERE d.handle_id = h.id AND d.date < @start AND d.followers IS NOT NULL
    ORDER BY d.date DESC LIMIT 1) AS base,
  (SELECT COUNT(*) FROM posts p
    WHERE p.handle_id = h.id AND p.local_date BETWEEN @start AND @end) AS posts,
  (SELECT CASE WHEN COUNT(p.likes) + COUNT(p.comments) + COUNT(p.shares) > 0
      THEN SUM(${POST_INTERACTIONS}) END
    FROM posts p WHERE p.handle_id = h.id AND p.local_date BETWEEN @start AND @end) AS interactions,
  (SELECT p.local_date FROM posts p
    WHERE p.handle_id = h.id AND p.local_date <= @end ORDER BY p.local_date DESC LIMIT 1) AS lastPostAt`;

const MISSION_FILTER = `
  (@region IS NULL OR m.region = @region COLLATE NOCASE) AND (@kind IS NULL OR m.kind = @kind COLLATE NOCASE)`;

const statements = preparedPerConnection((sqlite) => ({
  oneHandle: sqlite.prepare(`SELECT ${AGGREGATE_COLUMNS} FROM (SELECT @id AS id) h`),
  fleetHandles: sqlite.prepare(
    `SELECT h.mission_id AS missionId, ${AGGREGATE_COLUMNS}
     FROM handles h JOIN missions m ON m.id = h.mission_id
     WHERE h.active = 1 AND ${MISSION_FILTER}`,
  ),
  missions: sqlite.prepare(
    `SELECT m.id AS missionId, m.code, m.name, m.region, m.kind FROM missions m
     WHERE ${MISSION_FILTER} ORDER BY m.code`,
  ),
  followerSeries: sqlite.prepare(
    `SELECT d.handle_id AS handleId, d.date, d.followers FROM daily_metrics d
     WHERE d.handle_id IN (SELECT value FROM json_each(@ids))
       AND d.date BETWEEN @start AND @end AND d.followers IS NOT NULL
     ORDER BY d.handle_id, d.date`,
  ),
  topPosts: sqlite.prepare(
    `SELECT ${TOP_POST_COLUMNS}
     FROM posts p JOIN handles h ON h.id = p.handle_id
     WHERE p.handle_id IN (SELECT value FROM json_each(@ids))
       AND p.local_date BETWEEN @start AND @end AND ${POST_HAS_COUNTS}
     ORDER BY interactions DESC, p.local_date DESC, p.published_at DESC, p.id
     LIMIT @limit`,
  ),
}));
