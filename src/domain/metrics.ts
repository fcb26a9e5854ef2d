/**
 * The figures of METRICS.md, computed from per-handle aggregates. Every field follows the
 * definitions there; a value nobody measured is null, never 0.
 */
import { addDays, diffDays } from "./dates.ts";
import type { Period } from "./period.ts";

/** A follower count and the local date it was measured. */
export interface DatedValue {
  value: number;
  date: string;
}

/** What the database knows about one handle over a period `[start, end]`. */
export interface HandleAggregate {
  /** The latest DailyMetric with non-null followers and `date <= end`. */
  followers: DatedValue | null;
  /** The latest DailyMetric with non-null followers and `date < start`. */
  base: DatedValue | null;
  /** Posts whose local date is in `[start, end]`. */
  posts: number;
  /** Sum of likes + comments + shares over those posts; null if no post has any of the three. */
  interactions: number | null;
  /** Local date of the latest post with local date `<= end`. */
  lastPostAt: string | null;
}

/** One handle's figures over a period (METRICS.md, "For one handle"). */
export interface HandleMetrics {
  followers: number | null;
  followersAsOf: string | null;
  followerGrowth: number | null;
  followerGrowthPct: number | null;
  posts: number;
  interactions: number | null;
  interactionsPerPost: number | null;
  engagementRate: number | null;
  postsPerWeek: number;
  lastPostAt: string | null;
  daysSinceLastPost: number | null;
  stale: boolean;
}

/** One mission's figures over a period, summed over its active handles (METRICS.md, "For one mission"). */
export interface MissionTotals {
  followers: number | null;
  followerGrowth: number | null;
  followerGrowthPct: number | null;
  posts: number;
  interactions: number | null;
  interactionsPerPost: number | null;
  engagementRate: number | null;
  postsPerWeek: number;
  stale: boolean;
}

/** Followers measured more than this many days before the period's end make a handle stale. */
export const STALE_AFTER_DAYS = 2;

/** Computes one handle's figures over `period` from its aggregate. */
export function computeHandleMetrics(agg: HandleAggregate, period: Period): HandleMetrics {
  const followers = agg.followers?.value ?? null;
  const followersAsOf = agg.followers?.date ?? null;
  // A reading from before the period is both "followers" and "base": that is no measured growth,
  // so growth stays unavailable rather than a misleading 0.
  const measuredInPeriod = followersAsOf !== null && followersAsOf >= period.start;
  const base = measuredInPeriod ? (agg.base?.value ?? null) : null;
  const followerGrowth = followers !== null && base !== null ? followers - base : null;
  const posts = agg.posts;
  const interactions = posts > 0 ? agg.interactions : null;
  const interactionsPerPost = ratio(interactions, posts);
  const lastPostAt = agg.lastPostAt;
  return {
    followers,
    followersAsOf,
    followerGrowth,
    followerGrowthPct: percent(followerGrowth, base),
    posts,
    interactions,
    interactionsPerPost,
    engagementRate: percent(interactionsPerPost, followers),
    postsPerWeek: (posts / period.days) * 7,
    lastPostAt,
    daysSinceLastPost: lastPostAt === null ? null : diffDays(period.end, lastPostAt),
    stale: followersAsOf === null || followersAsOf < addDays(period.end, -STALE_AFTER_DAYS),
  };
}

/**
 * Sums a mission's active handles' figures. Pass only active handles. Growth percentage is
 * over the bases of the handles whose growth is known; engagement rate only over the handles
 * whose followers are known. A mission with no handles has nothing known and is stale.
 */
export function computeMissionTotals(handles: HandleMetrics[], period: Period): MissionTotals {
  let followers: number | null = null;
  let growth: number | null = null;
  let growthBase = 0;
  let posts = 0;
  let interactions: number | null = null;
  let audiencePosts = 0;
  let audienceInteractions: number | null = null;
  let audienceFollowers = 0;
  let stale = handles.length === 0;

  for (const h of handles) {
    posts += h.posts;
    if (h.interactions !== null) interactions = (interactions ?? 0) + h.interactions;
    if (h.stale) stale = true;
    if (h.followers === null) continue;
    followers = (followers ?? 0) + h.followers;
    if (h.followerGrowth !== null) {
      growth = (growth ?? 0) + h.followerGrowth;
      growthBase += h.followers - h.followerGrowth;
    }
    audienceFollowers += h.followers;
    audiencePosts += h.posts;
    if (h.interactions !== null) audienceInteractions = (audienceInteractions ?? 0) + h.interactions;
  }

  return {
    followers,
    followerGrowth: growth,
    followerGrowthPct: percent(growth, growthBase),
    posts,
    interactions,
    interactionsPerPost: ratio(interactions, posts),
    engagementRate: percent(ratio(audienceInteractions, audiencePosts), audienceFollowers),
    postsPerWeek: (posts / period.days) * 7,
    stale,
  };
}

/** `part / whole * 100`, or null when either is unknown or `whole` is 0. */
function percent(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return (part / whole) * 100;
}

/** `total / count`, or null when `total` is unknown or `count` is 0. */
function ratio(total: number | null, count: number): number | null {
  if (total === null || count === 0) return null;
  return total / count;
}
