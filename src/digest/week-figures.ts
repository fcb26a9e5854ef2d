import type { Db } from "../db/client.ts";
import { fleetHandleAggregates } from "../db/repos/stats-repo.ts";
import type { DigestRankMetric, DigestRanks } from "../domain/digest.ts";
import {
  computeHandleMetrics,
  computeMissionTotals,
  type HandleMetrics,
  type MissionTotals,
} from "../domain/metrics.ts";
import type { Period } from "../domain/period.ts";
import { rankDescending } from "../domain/ranks.ts";

/** The metrics a mission's rank is shown on (as in `/mission-stats`). */
const RANKED: DigestRankMetric[] = ["followers", "followerGrowthPct", "engagementRate", "posts"];

/** One mission's figures over a period. */
export interface MissionWeek {
  totals: MissionTotals;
  /** Its ranks among the missions abroad; null for HQ, which is not ranked. */
  ranks: DigestRanks | null;
}

/** The whole network's figures over one period, computed once and shared by every mission of a run. */
export interface WeekFigures {
  period: Period;
  /** Every active handle's figures, by handle id. */
  handles: Map<number, HandleMetrics>;
  /** Every mission's totals and ranks, by mission id (missions without handles too). */
  missions: Map<number, MissionWeek>;
  /** How many missions are ranked (the missions abroad). */
  rankedCount: number;
}

/** The missions the figures are computed for: id and kind (HQ is not ranked). */
export interface FleetMission {
  id: number;
  kind: string;
}

/**
 * Computes every active handle's figures, every mission's totals, and the ranks among the
 * missions abroad over `period`, from one aggregate query: the same figures `/mission-stats`
 * and `/leaderboard` show for those dates.
 */
export function loadWeekFigures(db: Db, period: Period, fleet: FleetMission[]): WeekFigures {
  const handles = new Map<number, HandleMetrics>();
  const perMission = new Map<number, HandleMetrics[]>();
  for (const row of fleetHandleAggregates(db, period)) {
    const metrics = computeHandleMetrics(row.aggregate, period);
    handles.set(row.handleId, metrics);
    const list = perMission.get(row.missionId);
    if (list) list.push(metrics);
    else perMission.set(row.missionId, [metrics]);
  }
  const missions = new Map<number, MissionWeek>();
  for (const m of fleet) {
    missions.set(m.id, { totals: computeMissionTotals(perMission.get(m.id) ?? [], period), ranks: null });
  }
  const ranked = fleet.filter((m) => m.kind !== "hq");
  for (const m of ranked) {
    const week = missions.get(m.id);
    if (week)
      week.ranks = {
        followers: null,
        followerGrowthPct: null,
        engagementRate: null,
        posts: null,
        of: ranked.length,
      };
  }
  for (const metric of RANKED) {
    const order = rankDescending(
      ranked.map((m) => ({ key: m.id, value: missions.get(m.id)?.totals[metric] ?? null })),
    );
    for (const r of order) {
      const ranks = missions.get(r.key)?.ranks;
      if (ranks) ranks[metric] = r.rank;
    }
  }
  return { period, handles, missions, rankedCount: ranked.length };
}

/** Memoises {@link loadWeekFigures} by period for one run: each week's fleet figures are computed once. */
export function createWeekFiguresCache(db: Db, fleet: FleetMission[]): (period: Period) => WeekFigures {
  const cache = new Map<string, WeekFigures>();
  return (period) => {
    const key = `${period.start}..${period.end}`;
    let figures = cache.get(key);
    if (!figures) {
      figures = loadWeekFigures(db, period, fleet);
      cache.set(key, figures);
    }
    return figures;
  };
}

/** The figures of a handle that has no row (not active during the run): nothing measured. */
const NOTHING: HandleMetrics = {
  followers: null,
  followersAsOf: null,
  followerGrowth: null,
  followerGrowthPct: null,
  posts: 0,
  interactions: null,
  interactionsPerPost: null,
  engagementRate: null,
  postsPerWeek: 0,
  lastPostAt: null,
  daysSinceLastPost: null,
  stale: true,
};

/** A handle's figures; nothing measured (all null, stale) when it has none. */
export function handleMetricsOf(figures: WeekFigures, handleId: number): HandleMetrics {
  return figures.handles.get(handleId) ?? { ...NOTHING };
}

/** A mission's totals; those of a mission without handles when it has none. */
export function totalsOf(figures: WeekFigures, missionId: number): MissionTotals {
  return figures.missions.get(missionId)?.totals ?? computeMissionTotals([], figures.period);
}

/** A mission's ranks; all unranked when it has none (HQ, or a mission added during the run). */
export function ranksOf(figures: WeekFigures, missionId: number): DigestRanks {
  return (
    figures.missions.get(missionId)?.ranks ?? {
      followers: null,
      followerGrowthPct: null,
      engagementRate: null,
      posts: null,
      of: figures.rankedCount,
    }
  );
}
