import {
  computeHandleMetrics,
  computeMissionTotals,
  type HandleMetrics,
  type MissionTotals,
} from "../../domain/metrics.ts";
import type { Period } from "../../domain/period.ts";
import { rankDescending } from "../../domain/ranks.ts";
import type { Db } from "../client.ts";
import type { handles, missions } from "../schema.ts";
import { listHandles } from "./handles-repo.ts";
import { fleetMetrics, handleAggregates, type TopPost, topPosts } from "./stats-repo.ts";

type MissionRow = typeof missions.$inferSelect;
type HandleRow = typeof handles.$inferSelect;

/** The four metrics a mission's rank is shown on. */
export const MISSION_RANK_METRICS = ["followers", "followerGrowthPct", "engagementRate", "posts"] as const;

/** A mission's rank among all missions on each of {@link MISSION_RANK_METRICS}. */
export type MissionRanks = Record<(typeof MISSION_RANK_METRICS)[number], number | null> & { of: number };

/** Everything `/mission-stats` (and later the digest) shows for one mission and period. */
export interface MissionStats {
  mission: MissionRow;
  period: Period;
  totals: MissionTotals;
  handles: { handle: HandleRow; metrics: HandleMetrics }[];
  rank: MissionRanks;
  topPosts: TopPost[];
}

/**
 * Loads a mission's figures for a period: per active handle, the mission totals, its rank among
 * all missions abroad (HQ is not ranked) over the same dates, and its top posts.
 */
export function loadMissionStats(
  db: Db,
  mission: MissionRow,
  period: Period,
  topPostCount = 3,
): MissionStats {
  const active = listHandles(db, mission.id);
  const aggregates = handleAggregates(
    db,
    active.map((h) => h.id),
    period,
  );
  const perHandle = active.flatMap((handle) => {
    const agg = aggregates.get(handle.id);
    return agg ? [{ handle, metrics: computeHandleMetrics(agg, period) }] : [];
  });
  const totals = computeMissionTotals(
    perHandle.map((h) => h.metrics),
    period,
  );
  return {
    mission,
    period,
    totals,
    handles: perHandle,
    rank: missionRanks(db, mission.id, period),
    topPosts: topPosts(
      db,
      active.map((h) => h.id),
      period,
      topPostCount,
    ),
  };
}

function missionRanks(db: Db, missionId: number, period: Period): MissionRanks {
  const fleet = fleetMetrics(db, period).filter((row) => row.kind !== "hq");
  const ranks = { of: fleet.length } as MissionRanks;
  for (const metric of MISSION_RANK_METRICS) {
    const ranked = rankDescending(fleet.map((row) => ({ key: row.missionId, value: row.totals[metric] })));
    ranks[metric] = ranked.find((r) => r.key === missionId)?.rank ?? null;
  }
  return ranks;
}
