/**
 * The weekly digest of one mission, built from figures already computed (METRICS.md): the week
 * just ended against the week before, per handle and in total, the top posts, the mission's rank
 * and how it moved, and what needs someone's attention (silent handles, stale data and how to fix
 * it, lost verification badges). A mission from which nothing arrived gets a short "no data
 * received" digest that says how to fix that instead of a page of "n/a".
 */
import { addDays, diffDays } from "./dates.ts";
import { formatCount, formatPct } from "./format.ts";
import type { HandleMetrics, MissionTotals } from "./metrics.ts";
import type { Period } from "./period.ts";
import { handleName } from "./platform-names.ts";

/** A handle silent for this many days or more is listed as inactive. */
export const INACTIVE_AFTER_DAYS = 7;

/** How many top posts a digest shows. */
export const DIGEST_TOP_POSTS = 3;

/** Collection states a person has to act on, with what they mean in a sentence. */
const COLLECTION_PROBLEMS: Record<string, string> = {
  token_expired: "its API token has expired",
  permission: "the platform refuses the API access to its statistics",
  not_found: "the platform cannot find the account the API was pointed at",
  quota: "the platform's API quota is used up",
  error: "API collection fails",
};

/** The mission a digest is for. */
export interface DigestMission {
  id: number;
  code: string;
  name: string;
  /** Used in the headline ("Washington gained …"). */
  city: string;
  timezone: string;
}

/** One active handle, as the digest needs it. */
export interface DigestHandle {
  id: number;
  platform: string;
  handle: string;
  url: string | null;
  verified: boolean;
  /** API collection state (`ok`, `token_expired`, …); null when never collected through an API. */
  collectionStatus: string | null;
  /** The last collection problem in words a person can act on (problem, since when, remedy). */
  collectionError: string | null;
  collectionErrorSince: string | null;
}

/** A handle with its figures for the week and the week before. */
export interface DigestHandleFigures {
  handle: DigestHandle;
  current: HandleMetrics;
  previous: HandleMetrics;
}

/** The metrics a mission's rank is shown on. */
export type DigestRankMetric = "followers" | "followerGrowthPct" | "engagementRate" | "posts";

/** A mission's ranks among the missions abroad; null where its value is unknown. */
export type DigestRanks = Record<DigestRankMetric, number | null> & { of: number };

/** One post of a top-posts list. */
export interface DigestPost {
  handleId: number;
  platform: string;
  handle: string;
  url: string | null;
  localDate: string;
  publishedAt: string | null;
  /** likes + comments + shares (METRICS.md mapping). */
  interactions: number;
}

/** A handle recorded as having lost its verification badge on a local `date`. */
export interface VerificationLoss {
  handleId: number;
  date: string;
}

/** A handle's follower count at the end of each of the last weeks (null when nothing was measured that week). */
export interface WeeklyFollowers {
  handleId: number;
  /** One value per entry of {@link DigestInput.historyWeekEnds}, in the same order. */
  values: (number | null)[];
}

/** Everything a digest is built from. */
export interface DigestInput {
  mission: DigestMission;
  week: Period;
  previousWeek: Period;
  /** The mission's active handles, in the order they are listed. */
  handles: DigestHandleFigures[];
  totals: { current: MissionTotals; previous: MissionTotals };
  rank: { current: DigestRanks; previous: DigestRanks };
  /** The week's posts with the most interactions, best first (at most {@link DIGEST_TOP_POSTS} are kept). */
  topPosts: DigestPost[];
  /** Lost badges recorded during the week (from the audit log or alerts); duplicates allowed. */
  verificationLost: VerificationLoss[];
  /** Last days of the weeks the follower chart covers, oldest first (the digest week last). */
  historyWeekEnds: string[];
  /** Follower counts at each of those week ends, per handle. */
  history: WeeklyFollowers[];
  /** How the headline names the week; default "last week". */
  weekWords?: string;
  /** The SCD content lines: items shared in the week and items still waiting (may be empty). */
  content?: string[];
}

/** One rank and how it moved since the week before. */
export interface RankChange {
  metric: DigestRankMetric;
  current: number | null;
  previous: number | null;
  /** Places gained (positive) or lost (negative); null unless both ranks are known. */
  change: number | null;
}

/** A handle that has not posted for {@link INACTIVE_AFTER_DAYS} days or more. */
export interface InactiveHandle {
  handleId: number;
  platform: string;
  handle: string;
  /** Null when no post of the handle is on record. */
  lastPostAt: string | null;
  daysSinceLastPost: number | null;
}

/** A handle whose follower data stopped arriving, and how to get it flowing again. */
export interface StaleHandle {
  handleId: number;
  platform: string;
  handle: string;
  /** The date of the latest follower figure; null when none ever arrived. */
  since: string | null;
  /** The API collection problem, when one explains it (e.g. `token_expired`). */
  collectionStatus: string | null;
  /** What to do, in a sentence or two. */
  fix: string;
}

/** A handle that lost its verification badge during the week. */
export interface LostBadge {
  handleId: number;
  platform: string;
  handle: string;
  date: string;
}

/** One line of the follower chart: a platform's followers at each week end. */
export interface DigestChartSeries {
  platform: string;
  points: { date: string; value: number | null }[];
}

/** A digest with figures. */
export interface FullDigest {
  kind: "full";
  mission: DigestMission;
  week: Period;
  previousWeek: Period;
  /** One sentence: followers and growth, engagement against the week before. */
  headline: string;
  totals: { current: MissionTotals; previous: MissionTotals };
  handles: DigestHandleFigures[];
  topPosts: DigestPost[];
  ranks: RankChange[];
  /** How many missions are ranked against each other. */
  rankOf: number;
  inactive: InactiveHandle[];
  stale: StaleHandle[];
  verificationLost: LostBadge[];
  /** Followers by platform over the last weeks; empty when nothing was measured. */
  chart: DigestChartSeries[];
  /** SCD content shared in the week and content still waiting for the mission. */
  content: string[];
}

/** The short digest of a mission from which no figures arrived for the week. */
export interface NoDataDigest {
  kind: "no_data";
  mission: DigestMission;
  week: Period;
  previousWeek: Period;
  headline: string;
  /** Per handle, what is missing and why (when known). */
  problems: string[];
  /** What to do, most useful first. */
  fixes: string[];
  /** SCD content still waiting for the mission. */
  content: string[];
}

/** One mission's weekly digest. */
export type Digest = FullDigest | NoDataDigest;

/** Builds a mission's digest from its figures. */
export function buildDigest(input: DigestInput): Digest {
  if (!hasWeekData(input)) return noDataDigest(input);
  const { mission, week, handles, totals } = input;
  const byId = new Map(handles.map((h) => [h.handle.id, h.handle]));
  return {
    kind: "full",
    mission,
    week,
    previousWeek: input.previousWeek,
    headline: headline(mission.city, totals.current, totals.previous, input.weekWords ?? "last week"),
    totals,
    handles,
    topPosts: input.topPosts.slice(0, DIGEST_TOP_POSTS),
    ranks: rankChanges(input.rank.current, input.rank.previous),
    rankOf: input.rank.current.of,
    inactive: inactiveHandles(handles),
    stale: handles.filter((h) => h.current.stale).map((h) => staleHandle(h.handle, h.current)),
    verificationLost: lostBadges(input.verificationLost, byId),
    chart: chartSeries(handles, input.historyWeekEnds, input.history),
    content: input.content ?? [],
  };
}

/**
 * True when anything arrived for the week: a follower figure dated within it, or a post
 * published in it, on any active handle.
 */
export function hasWeekData(input: Pick<DigestInput, "handles" | "week">): boolean {
  return input.handles.some(
    ({ current }) =>
      current.posts > 0 || (current.followersAsOf !== null && current.followersAsOf >= input.week.start),
  );
}

/**
 * The headline: "Washington gained 1,204 followers (+0.9%) last week; engagement 0.8%, up from
 * 0.6%." Engagement is compared as people read it, to one decimal.
 */
export function headline(
  city: string,
  current: MissionTotals,
  previous: MissionTotals,
  weekWords = "last week",
): string {
  return `${followerClause(city, current, weekWords)}; ${engagementClause(current.engagementRate, previous.engagementRate)}.`;
}

function followerClause(city: string, t: MissionTotals, weekWords: string): string {
  if (t.followers === null) return `${city} has no follower figures for ${weekWords}`;
  if (t.followerGrowth === null) {
    return `${city} has ${formatCount(t.followers)} followers (growth ${weekWords} n/a: no earlier figure to compare with)`;
  }
  const pct = t.followerGrowthPct === null ? "" : ` (${formatPct(t.followerGrowthPct, true)})`;
  if (t.followerGrowth > 0)
    return `${city} gained ${formatCount(t.followerGrowth)} followers${pct} ${weekWords}`;
  if (t.followerGrowth < 0)
    return `${city} lost ${formatCount(-t.followerGrowth)} followers${pct} ${weekWords}`;
  return `${city} kept its ${formatCount(t.followers)} followers ${weekWords}, no gain or loss`;
}

/** "engagement 0.8%, up from 0.6%", "engagement unchanged at 0.8%", "engagement n/a (no posts with interaction counts)". */
export function engagementClause(current: number | null, previous: number | null): string {
  if (current === null) return "engagement n/a (no posts with interaction counts)";
  const now = formatPct(current);
  if (previous === null) return `engagement ${now} (n/a the week before)`;
  const before = formatPct(previous);
  if (now === before) return `engagement unchanged at ${now}`;
  return current > previous
    ? `engagement ${now}, up from ${before}`
    : `engagement ${now}, down from ${before}`;
}

const RANK_ORDER: DigestRankMetric[] = ["followers", "followerGrowthPct", "engagementRate", "posts"];

function rankChanges(current: DigestRanks, previous: DigestRanks): RankChange[] {
  return RANK_ORDER.map((metric) => {
    const now = current[metric];
    const before = previous[metric];
    return {
      metric,
      current: now,
      previous: before,
      change: now === null || before === null ? null : before - now,
    };
  });
}

/**
 * Handles silent for {@link INACTIVE_AFTER_DAYS}+ days at the week's end. Stale handles are left
 * to the stale list: with their data stopped, whether they still post is unknown.
 */
function inactiveHandles(handles: DigestHandleFigures[]): InactiveHandle[] {
  return handles
    .filter(({ current }) => {
      if (current.stale) return false;
      return current.lastPostAt === null || (current.daysSinceLastPost ?? 0) >= INACTIVE_AFTER_DAYS;
    })
    .map(({ handle, current }) => ({
      handleId: handle.id,
      platform: handle.platform,
      handle: handle.handle,
      lastPostAt: current.lastPostAt,
      daysSinceLastPost: current.daysSinceLastPost,
    }));
}

/** What is stale about one handle, and the fix: the API problem when one is recorded, else an import. */
export function staleHandle(handle: DigestHandle, current: HandleMetrics): StaleHandle {
  const problem = handle.collectionStatus ? COLLECTION_PROBLEMS[handle.collectionStatus] : undefined;
  const importFix = importAdvice(handle);
  const error = handle.collectionError ? sentence(handle.collectionError) : null;
  let fix: string;
  if (handle.collectionStatus === "token_expired") {
    fix = `${error ?? `Its API token has expired: an admin of the account must create a new access token and store it with dmd credentials set ${handle.platform}:${handle.handle}.`} Until then, ${lowerFirst(importFix)}`;
  } else if (problem) {
    fix = `API collection stopped because ${problem}${error ? `: ${error}` : "."} Meanwhile, ${lowerFirst(importFix)}`;
  } else {
    fix = importFix;
  }
  return {
    handleId: handle.id,
    platform: handle.platform,
    handle: handle.handle,
    since: current.followersAsOf,
    collectionStatus: problem ? handle.collectionStatus : null,
    fix,
  };
}

function importAdvice(handle: DigestHandle): string {
  const ref = `${handle.platform}:${handle.handle}`;
  return `Import a fresh export: send the bot this account's latest export file in a direct message, with "${ref}" in the message (or run dmd import <file> --handle ${ref}).`;
}

/** Ends a message with a full stop, as the lines around it do. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function lostBadges(losses: VerificationLoss[], handles: Map<number, DigestHandle>): LostBadge[] {
  const latest = new Map<number, string>();
  for (const loss of losses) {
    const seen = latest.get(loss.handleId);
    if (handles.has(loss.handleId) && (seen === undefined || loss.date > seen))
      latest.set(loss.handleId, loss.date);
  }
  const out: LostBadge[] = [];
  for (const [handleId, date] of latest) {
    const h = handles.get(handleId);
    // A badge recorded lost and since restored is no longer news.
    if (h && !h.verified) out.push({ handleId, platform: h.platform, handle: h.handle, date });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.handleId - b.handleId);
}

/**
 * Followers per platform at each week end: the sum of the platform's handles, or a gap when one
 * of them has no figure that week (a partial sum would show a fall that did not happen).
 */
export function chartSeries(
  handles: DigestHandleFigures[],
  weekEnds: string[],
  history: WeeklyFollowers[],
): DigestChartSeries[] {
  const byHandle = new Map(history.map((h) => [h.handleId, h.values]));
  const platforms: string[] = [];
  const members = new Map<string, number[]>();
  for (const { handle } of handles) {
    const list = members.get(handle.platform);
    if (list) list.push(handle.id);
    else {
      platforms.push(handle.platform);
      members.set(handle.platform, [handle.id]);
    }
  }
  const series: DigestChartSeries[] = [];
  for (const platform of platforms) {
    const ids = members.get(platform) ?? [];
    const points = weekEnds.map((date, i) => {
      let sum = 0;
      for (const id of ids) {
        const value = byHandle.get(id)?.[i];
        if (value === null || value === undefined) return { date, value: null };
        sum += value;
      }
      return { date, value: sum };
    });
    if (points.some((p) => p.value !== null)) series.push({ platform, points });
  }
  return series;
}

/** The last days of the `count` digest weeks ending with `week`, oldest first. */
export function historyWeekEnds(week: Period, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(week.end, -7 * (count - 1 - i)));
}

function noDataDigest(input: DigestInput): NoDataDigest {
  const { mission, week, handles } = input;
  const base = {
    kind: "no_data" as const,
    mission,
    week: input.week,
    previousWeek: input.previousWeek,
    content: input.content ?? [],
  };
  if (handles.length === 0) {
    return {
      ...base,
      headline: `No data received for ${mission.city} ${input.weekWords ?? "last week"}: the mission has no active handles.`,
      problems: [],
      fixes: [
        `Register the mission's official accounts: /handle add ${mission.code} <platform> <handle> (for example /handle add ${mission.code} x MyEmbassyAccount), or ask an admin to add them to the handles registry.`,
      ],
    };
  }
  const problems = handles.map(({ handle, current }) => {
    const name = handleName(handle.platform, handle.handle);
    const last = current.followersAsOf
      ? `last follower figure ${current.followersAsOf} (${diffDays(week.end, current.followersAsOf)} days before the week ended)`
      : `no follower figures up to ${week.end}`;
    const api = handle.collectionStatus ? COLLECTION_PROBLEMS[handle.collectionStatus] : undefined;
    return `${name}: ${last}${api ? `; ${api}` : ""}.`;
  });
  const fixes: string[] = [];
  for (const { handle, current } of handles) {
    const api = handle.collectionStatus ? COLLECTION_PROBLEMS[handle.collectionStatus] : undefined;
    if (api) fixes.push(`${handleName(handle.platform, handle.handle)}: ${staleHandle(handle, current).fix}`);
  }
  fixes.push(
    "Send the bot each account's latest export file (X, Facebook, Instagram, YouTube, TikTok analytics exports) in a direct message, naming the account in the message, e.g. " +
      `"${handles[0]?.handle.platform}:${handles[0]?.handle.handle}". The figures appear within minutes; /mission-stats ${mission.code} shows them.`,
  );
  return {
    ...base,
    headline: `No data received for ${mission.city} for the week of ${week.start} to ${week.end}: no follower figures and no posts arrived from its ${handles.length === 1 ? "account" : `${handles.length} accounts`}.`,
    problems,
    fixes,
  };
}
