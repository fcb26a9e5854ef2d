/**
 * The facts pack of the SCD's weekly brief: the whole network's figures against the period
 * before, the missions moving most (follower growth, engagement rate), region medians, the best
 * posts, alerts and content adoption. Pure; see `facts.ts` for what a fact is.
 */
import {
  type AdoptionInput,
  type AlertInput,
  adoptionFacts,
  alertFacts,
  FACTS_VERSION,
  type Fact,
  type FactsPack,
  fact,
  medianOf,
  type PackPeriod,
  type PostInput,
  postFacts,
  totalsFacts,
} from "./facts.ts";
import { computeMissionTotals, type HandleMetrics, type MissionTotals } from "./metrics.ts";
import { MOVERS_MIN_FOLLOWERS, MOVERS_MIN_POSTS } from "./rollup.ts";

/** How many missions each movers list names. */
export const MOVERS_LISTED = 3;

/** One mission abroad with its handles' figures for the period and the one before. */
export interface NetworkMissionInput {
  code: string;
  name: string;
  region: string;
  current: MissionTotals;
  before: MissionTotals;
  handles: { current: HandleMetrics; before: HandleMetrics }[];
}

/** What {@link buildNetworkFacts} needs. */
export interface NetworkFactsInput {
  /** The network's name, e.g. "All missions". */
  name: string;
  language: string | null;
  period: PackPeriod;
  previous: PackPeriod;
  /** The missions abroad (HQ excluded). */
  missions: NetworkMissionInput[];
  /** The network's best posts, best first, each with its mission's name. */
  topPosts: PostInput[];
  alerts: AlertInput[];
  adoption: AdoptionInput | null;
}

function moverFacts(
  prefix: string,
  rows: { name: string; value: number; extra: number | null }[],
  what: string,
  valueFormat: "signed_pct" | "pct",
  valueLabel: string,
  extraFormat: "signed_count" | "points",
  extraLabel: string,
): Fact[] {
  return rows.slice(0, MOVERS_LISTED).flatMap((r, i) => {
    const n = i + 1;
    const ref = `${prefix}_${n}`;
    return [
      fact(`${ref}_mission`, `${what} #${n}: mission`, r.name, "text", n),
      fact(
        `${ref}_${valueFormat === "pct" ? "rate" : "pct"}`,
        `${what} #${n}: ${valueLabel}`,
        r.value,
        valueFormat,
        n,
      ),
      fact(
        `${ref}_${extraFormat === "points" ? "change_pts" : "change"}`,
        `${what} #${n}: ${extraLabel}`,
        r.extra,
        extraFormat,
        n,
      ),
    ];
  });
}

function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

/** Builds the network's facts pack. */
export function buildNetworkFacts(input: NetworkFactsInput): FactsPack {
  const all = input.missions.flatMap((m) => m.handles);
  const current = computeMissionTotals(
    all.map((h) => h.current),
    input.period,
  );
  const before = computeMissionTotals(
    all.map((h) => h.before),
    input.previous,
  );
  const reporting = input.missions.filter((m) =>
    m.handles.some((h) => h.current.posts > 0 || (h.current.followersAsOf ?? "") >= input.period.start),
  ).length;

  const growth = input.missions
    .filter((m) => m.current.followerGrowthPct !== null && (m.current.followers ?? 0) >= MOVERS_MIN_FOLLOWERS)
    .map((m) => ({ name: m.name, value: m.current.followerGrowthPct ?? 0, extra: m.current.followerGrowth }));
  const engagement = input.missions
    .filter((m) => m.current.engagementRate !== null && m.current.posts >= MOVERS_MIN_POSTS)
    .map((m) => ({
      name: m.name,
      value: m.current.engagementRate ?? 0,
      extra:
        m.before.engagementRate === null || m.before.posts < MOVERS_MIN_POSTS
          ? null
          : (m.current.engagementRate ?? 0) - m.before.engagementRate,
    }));
  const byDesc = <T extends { value: number; name: string }>(a: T, b: T) =>
    b.value - a.value || a.name.localeCompare(b.name);
  const byAsc = <T extends { value: number; name: string }>(a: T, b: T) =>
    a.value - b.value || a.name.localeCompare(b.name);
  const growthUp = [...growth].sort(byDesc);
  const growthDown = [...growth].sort(byAsc).filter((r) => !growthUp.slice(0, MOVERS_LISTED).includes(r));
  const engagementUp = [...engagement].sort(byDesc);
  const engagementDown = [...engagement]
    .sort(byAsc)
    .filter((r) => !engagementUp.slice(0, MOVERS_LISTED).includes(r));

  const regions = [...new Set(input.missions.map((m) => m.region))].sort((a, b) => a.localeCompare(b));
  const regionFacts = regions.flatMap((region) => {
    const inRegion = input.missions.filter((m) => m.region === region);
    const id = `region_${slug(region) || "other"}`;
    return [
      fact(`${id}_missions`, `Missions abroad in ${region}`, inRegion.length, "count"),
      fact(
        `${id}_median_engagement`,
        `Median engagement rate of the missions in ${region}`,
        medianOf(inRegion.map((m) => m.current.engagementRate)),
        "pct",
      ),
      fact(
        `${id}_median_follower_growth_pct`,
        `Median follower growth of the missions in ${region}, in %`,
        medianOf(inRegion.map((m) => m.current.followerGrowthPct)),
        "signed_pct",
      ),
    ];
  });

  const top = postFacts("top_post", input.topPosts, "Network top post");
  const facts: Fact[] = [
    fact("network", "Who the brief is about", input.name, "text"),
    fact("missions", "Missions abroad", input.missions.length, "count"),
    fact("missions_reporting", "Missions with a follower figure or a post in the period", reporting, "count"),
    fact(
      "missions_without_posts",
      "Missions abroad that published no post in the period",
      input.missions.filter((m) => m.current.posts === 0).length,
      "count",
    ),
    fact(
      "stale_missions",
      "Missions with at least one handle without recent follower data",
      input.missions.filter((m) => m.current.stale).length,
      "count",
    ),
    ...totalsFacts(current, before, input.period),
    fact(
      "median_engagement",
      "Median engagement rate of the missions abroad",
      medianOf(input.missions.map((m) => m.current.engagementRate)),
      "pct",
    ),
    fact(
      "median_follower_growth_pct",
      "Median follower growth of the missions abroad, in %",
      medianOf(input.missions.map((m) => m.current.followerGrowthPct)),
      "signed_pct",
    ),
    ...moverFacts(
      "growth_top",
      growthUp,
      `Fastest-growing mission (${MOVERS_MIN_FOLLOWERS}+ followers)`,
      "signed_pct",
      "follower growth in %",
      "signed_count",
      "followers gained",
    ),
    ...moverFacts(
      "growth_bottom",
      growthDown,
      `Slowest-growing mission (${MOVERS_MIN_FOLLOWERS}+ followers)`,
      "signed_pct",
      "follower growth in %",
      "signed_count",
      "followers gained (negative: lost)",
    ),
    ...moverFacts(
      "engagement_top",
      engagementUp,
      `Highest engagement rate (${MOVERS_MIN_POSTS}+ posts)`,
      "pct",
      "engagement rate",
      "points",
      "change against the previous period, in percentage points",
    ),
    ...moverFacts(
      "engagement_bottom",
      engagementDown,
      `Lowest engagement rate (${MOVERS_MIN_POSTS}+ posts)`,
      "pct",
      "engagement rate",
      "points",
      "change against the previous period, in percentage points",
    ),
    ...regionFacts,
    ...top.facts,
    ...alertFacts(input.alerts),
    fact(
      "alert_missions",
      "Missions with at least one alert in the period",
      new Set(input.alerts.map((a) => a.mission ?? "")).size,
      "count",
    ),
    ...adoptionFacts(input.adoption),
  ];
  return {
    version: FACTS_VERSION,
    subject: { kind: "network", code: "network", name: input.name, region: null, language: input.language },
    period: input.period,
    previous: input.previous,
    facts,
    posts: top.posts,
  };
}
