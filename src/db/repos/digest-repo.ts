/**
 * Batch reads behind the weekly digests and the roll-up: top posts of many missions at once and
 * weekly follower readings for the 12-week chart, each one query for the whole batch.
 */
import type { Period } from "../../domain/period.ts";
import type { Db } from "../client.ts";
import { preparedPerConnection } from "../prepared.ts";
import { POST_HAS_COUNTS, POST_INTERACTIONS, TOP_POST_COLUMNS } from "./post-sql.ts";
import type { TopPost } from "./stats-repo.ts";

/** A top post with the mission it belongs to. */
export type MissionTopPost = TopPost & { missionId: number };

/**
 * The `limit` posts with the most interactions in `period` per mission, over the handles in
 * `handleIds`, in the order of `topPosts` in the stats repo (interactions, then latest first);
 * posts without any interaction count are left out. Keyed by mission id.
 */
export function topPostsByMission(
  db: Db,
  handleIds: number[],
  period: Period,
  limit: number,
): Map<number, MissionTopPost[]> {
  const out = new Map<number, MissionTopPost[]>();
  if (handleIds.length === 0 || limit <= 0) return out;
  const rows = statements(db).topPosts.all({
    ids: JSON.stringify(handleIds),
    start: period.start,
    end: period.end,
    limit,
  }) as MissionTopPost[];
  for (const row of rows) {
    const list = out.get(row.missionId);
    if (list) list.push(row);
    else out.set(row.missionId, [row]);
  }
  return out;
}

/**
 * For each handle, its latest follower count within each of the 7-day weeks ending on
 * `weekEnds` (null for a week with none). Keyed by handle id; values in the order of `weekEnds`.
 */
export function weeklyFollowers(
  db: Db,
  handleIds: number[],
  weekEnds: string[],
): Map<number, (number | null)[]> {
  const out = new Map<number, (number | null)[]>();
  for (const id of handleIds)
    out.set(
      id,
      weekEnds.map(() => null),
    );
  if (handleIds.length === 0 || weekEnds.length === 0) return out;
  const rows = statements(db).weekly.all({
    ids: JSON.stringify(handleIds),
    ends: JSON.stringify(weekEnds),
  }) as { handleId: number; i: number; followers: number | null }[];
  for (const row of rows) {
    const values = out.get(row.handleId);
    if (values && row.followers !== null) values[row.i] = row.followers;
  }
  return out;
}

const statements = preparedPerConnection((sqlite) => ({
  topPosts: sqlite.prepare(
    `SELECT missionId, handleId, platform, handle, url, publishedAt, localDate, caption, interactions FROM (
       SELECT h.mission_id AS missionId, ${TOP_POST_COLUMNS},
         ROW_NUMBER() OVER (
           PARTITION BY h.mission_id
           ORDER BY ${POST_INTERACTIONS} DESC, p.local_date DESC, p.published_at DESC, p.id
         ) AS n
       FROM handles h JOIN posts p ON p.handle_id = h.id
       WHERE h.id IN (SELECT value FROM json_each(@ids))
         AND p.local_date BETWEEN @start AND @end
         AND ${POST_HAS_COUNTS}
     ) WHERE n <= @limit ORDER BY missionId, n`,
  ),
  // Each cell walks the (handle_id, date) follower index backwards from the week's last day.
  weekly: sqlite.prepare(
    `SELECT h.value AS handleId, w.key AS i,
       (SELECT d.followers FROM daily_metrics d
         WHERE d.handle_id = h.value AND d.date <= w.value AND d.date >= date(w.value, '-6 days')
           AND d.followers IS NOT NULL
         ORDER BY d.date DESC LIMIT 1) AS followers
     FROM json_each(@ids) h, json_each(@ends) w`,
  ),
}));
