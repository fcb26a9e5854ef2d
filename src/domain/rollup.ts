/**
 * The SCD's weekly roll-up of the whole network: fleet totals against the week before, the
 * biggest movers up and down (follower growth, engagement), the missions whose data is stale or
 * whose handles fell silent, and the top and bottom of the leaderboard. Pure: built from figures
 * computed per METRICS.md.
 */
import { engagementClause } from "./digest.ts";
import { formatCount, formatPct } from "./format.ts";
import { computeMissionTotals, type HandleMetrics, type MissionTotals } from "./metrics.ts";
import type { Period } from "./period.ts";
import { rankDescending } from "./ranks.ts";

/** How many rows each movers and leaderboard list shows by default. */
export const ROLLUP_LIST_SIZE = 5;

/** Missions below this many followers are left out of the growth movers (a few followers swing their percentage). */
export const MOVERS_MIN_FOLLOWERS = 1000;

/** Missions with fewer posts than this in either week are left out of the engagement movers. */
export const MOVERS_MIN_POSTS = 3;

/** A mission in the roll-up. */
export interface RollupMission {
  id: number;
  code: string;
  name: string;
  city: string;
  region: string;
}

/** One active handle with its figures for the week and the week before. */
export interface RollupHandle {
  platform: string;
  handle: string;
  current: HandleMetrics;
  previous: HandleMetrics;
}

/** One mission's figures. */
export interface RollupMissionInput {
  mission: RollupMission;
  handles: RollupHandle[];
  current: MissionTotals;
  previous: MissionTotals;
}

/** Everything a roll-up is built from. */
export interface RollupInput {
  week: Period;
  previousWeek: Period;
  /** The missions abroad (HQ excluded), in a stable order (by code). */
  missions: RollupMissionInput[];
  /** Rows per list; default {@link ROLLUP_LIST_SIZE}. */
  listSize?: number;
  /** A handle without a post for this many days is silent; default 7. */
  silentDays?: number;
  /** How the headline names the week; default "last week". */
  weekWords?: string;
}

/** A mission in a movers list. */
export interface Mover {
  mission: RollupMission;
  /** This week's value: follower growth % or engagement rate. */
  value: number;
  /** The week before's value (engagement movers only). */
  previous: number | null;
  /** Follower growth (growth movers), or the engagement rate's relative change in % (engagement movers). */
  change: number;
}

/** One leaderboard row. */
export interface LeaderboardRow {
  rank: number;
  mission: RollupMission;
  value: number;
}

/** A mission that needs a look: handles with stale data, or silent ones. */
export interface AttentionRow {
  mission: RollupMission;
  /** True when the mission has no active handle at all. */
  noHandles: boolean;
  stale: { platform: string; handle: string; since: string | null }[];
  silent: { platform: string; handle: string; lastPostAt: string | null; days: number | null }[];
}

/** The roll-up. */
export interface Rollup {
  week: Period;
  previousWeek: Period;
  headline: string;
  fleet: {
    missions: number;
    /** Missions with a follower figure or a post in the week. */
    reporting: number;
    current: MissionTotals;
    previous: MissionTotals;
  };
  movers: { growthUp: Mover[]; growthDown: Mover[]; engagementUp: Mover[]; engagementDown: Mover[] };
  attention: AttentionRow[];
  leaderboard: {
    metric: "engagementRate";
    top: LeaderboardRow[];
    bottom: LeaderboardRow[];
    /** Missions without a value, left unranked. */
    unranked: number;
  };
  rules: { listSize: number; silentDays: number; minFollowers: number; minPosts: number };
}

/** Builds the roll-up. */
export function buildRollup(input: RollupInput): Rollup {
  const size = input.listSize ?? ROLLUP_LIST_SIZE;
  const silentDays = input.silentDays ?? 7;
  const all = input.missions.flatMap((m) => m.handles);
  const current = computeMissionTotals(
    all.map((h) => h.current),
    input.week,
  );
  const previous = computeMissionTotals(
    all.map((h) => h.previous),
    input.previousWeek,
  );
  // The fleet as a whole is never "stale" because one handle is: that is listed per mission.
  current.stale = false;
  previous.stale = false;
  const reporting = input.missions.filter((m) =>
    m.handles.some((h) => h.current.posts > 0 || (h.current.followersAsOf ?? "") >= input.week.start),
  ).length;
  return {
    week: input.week,
    previousWeek: input.previousWeek,
    headline: fleetHeadline(input.missions.length, current, previous, input.weekWords ?? "last week"),
    fleet: { missions: input.missions.length, reporting, current, previous },
    movers: movers(input.missions, size),
    attention: attention(input.missions, silentDays),
    leaderboard: leaderboard(input.missions, size),
    rules: { listSize: size, silentDays, minFollowers: MOVERS_MIN_FOLLOWERS, minPosts: MOVERS_MIN_POSTS },
  };
}

function fleetHeadline(count: number, t: MissionTotals, before: MissionTotals, weekWords: string): string {
  const who = `The ${formatCount(count)} ${count === 1 ? "mission" : "missions"}`;
  let followers: string;
  if (t.followerGrowth === null) followers = `${who} have ${formatCount(t.followers)} followers (growth n/a)`;
  else {
    const pct = t.followerGrowthPct === null ? "" : ` (${formatPct(t.followerGrowthPct, true)})`;
    const verb = t.followerGrowth >= 0 ? "gained" : "lost";
    followers = `${who} ${verb} ${formatCount(Math.abs(t.followerGrowth))} followers${pct} ${weekWords}`;
  }
  return `${followers}; ${engagementClause(t.engagementRate, before.engagementRate)}; ${formatCount(t.posts)} posts (${formatCount(before.posts)} the week before).`;
}

function byValue(a: Mover, b: Mover): number {
  return b.value - a.value || a.mission.code.localeCompare(b.mission.code);
}

function byChange(a: Mover, b: Mover): number {
  return b.change - a.change || a.mission.code.localeCompare(b.mission.code);
}

function movers(missions: RollupMissionInput[], size: number): Rollup["movers"] {
  const growth: Mover[] = [];
  const engagement: Mover[] = [];
  for (const m of missions) {
    const { current: c, previous: p } = m;
    if (
      c.followerGrowthPct !== null &&
      c.followerGrowth !== null &&
      (c.followers ?? 0) >= MOVERS_MIN_FOLLOWERS
    ) {
      growth.push({
        mission: m.mission,
        value: c.followerGrowthPct,
        previous: null,
        change: c.followerGrowth,
      });
    }
    if (
      c.engagementRate !== null &&
      p.engagementRate !== null &&
      c.posts >= MOVERS_MIN_POSTS &&
      p.posts >= MOVERS_MIN_POSTS
    ) {
      if (p.engagementRate > 0) {
        engagement.push({
          mission: m.mission,
          value: c.engagementRate,
          previous: p.engagementRate,
          change: (c.engagementRate / p.engagementRate - 1) * 100,
        });
      }
    }
  }
  return {
    growthUp: growth
      .filter((g) => g.value > 0)
      .sort(byValue)
      .slice(0, size),
    growthDown: growth
      .filter((g) => g.value < 0)
      .sort((a, b) => byValue(b, a))
      .slice(0, size),
    engagementUp: engagement
      .filter((e) => e.change > 0)
      .sort(byChange)
      .slice(0, size),
    engagementDown: engagement
      .filter((e) => e.change < 0)
      .sort((a, b) => byChange(b, a))
      .slice(0, size),
  };
}

function attention(missions: RollupMissionInput[], silentDays: number): AttentionRow[] {
  const rows: AttentionRow[] = [];
  for (const m of missions) {
    const stale = m.handles
      .filter((h) => h.current.stale)
      .map((h) => ({ platform: h.platform, handle: h.handle, since: h.current.followersAsOf }));
    // A handle whose data stopped is listed as stale: whether it still posts is unknown.
    const silent = m.handles
      .filter((h) =>
        h.current.stale
          ? false
          : h.current.lastPostAt === null || (h.current.daysSinceLastPost ?? 0) >= silentDays,
      )
      .map((h) => ({
        platform: h.platform,
        handle: h.handle,
        lastPostAt: h.current.lastPostAt,
        days: h.current.daysSinceLastPost,
      }));
    const noHandles = m.handles.length === 0;
    if (noHandles || stale.length > 0 || silent.length > 0)
      rows.push({ mission: m.mission, noHandles, stale, silent });
  }
  const weight = (r: AttentionRow) => (r.noHandles ? 1000 : r.stale.length + r.silent.length);
  return rows.sort((a, b) => weight(b) - weight(a) || a.mission.code.localeCompare(b.mission.code));
}

function leaderboard(missions: RollupMissionInput[], size: number): Rollup["leaderboard"] {
  const ranked = rankDescending(missions.map((m) => ({ key: m.mission, value: m.current.engagementRate })));
  const known = ranked.flatMap((r) =>
    r.rank === null || r.value === null ? [] : [{ rank: r.rank, mission: r.key, value: r.value }],
  );
  const top = known.slice(0, size);
  const bottom = known.slice(Math.max(top.length, known.length - size));
  return { metric: "engagementRate", top, bottom, unranked: ranked.length - known.length };
}
