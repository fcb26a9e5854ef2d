import type { DemoDay } from "./calendar.ts";
import { demoCaption } from "./captions.ts";
import { postIdentity } from "./ids.ts";
import type { HandlePlan, MissionPlan } from "./plan.ts";
import { PLATFORM_MODELS } from "./platform-models.ts";
import { createRandom, type Random } from "./random.ts";

/** The `source` of every generated row. */
export const DEMO_SOURCE = "demo";

/**
 * A `daily_metrics` row, in column order: handle_id, date, followers, followers_gained,
 * followers_lost, impressions, views, posts_published, likes, comments, shares, source, collected_at.
 */
export type DailyRow = [
  number,
  string,
  number,
  number,
  number,
  number | null,
  number | null,
  number,
  number,
  number,
  number,
  string,
  string,
];

/**
 * A `posts` row, in column order: handle_id, external_id, published_at, local_date, url, type,
 * caption, likes, comments, shares, saves, views, impressions, counts_as_of, source, collected_at.
 */
export type PostRow = [
  number,
  string,
  string,
  string,
  string,
  string,
  string,
  number,
  number,
  number,
  number | null,
  number | null,
  number | null,
  string,
  string,
  string,
];

/** Where generated rows go (prepared statements in {@link seedDemoNetwork}, arrays in tests). */
export interface SeriesSink {
  daily(row: DailyRow): void;
  post(row: PostRow): void;
}

/** The calendar one mission's series are built on. */
export interface MissionCalendar {
  /** The window's days, oldest first, then today (collection day of the last figures). */
  days: readonly DemoDay[];
  /** The zone's UTC offset in minutes at local noon of each day in `days`. */
  offsets: readonly number[];
  /** `collectedAt[i]`: when day `i`'s figures were collected (06:15 local the next day), ISO. */
  collectedAt: readonly string[];
}

/** What one handle's series ended with, for its collection status. */
export interface SeriesResult {
  dailyRows: number;
  posts: number;
  /** Index in the window of the last day with figures; -1 when none. */
  lastIndex: number;
}

/** Minutes after local midnight when figures are collected, the next morning. */
const COLLECT_MINUTE = 6 * 60 + 15;
const MAX_POSTS_PER_DAY = 3;
/** Share of a post's interactions that arrive on its day, the next day, and the day after. */
const ACCRUAL = [0.7, 0.2, 0.1] as const;

/** The collection instants of a mission's days: 06:15 local on the following day, in UTC. */
export function collectionTimes(days: readonly DemoDay[], offsets: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < days.length; i++) {
    const next = days[i + 1] as DemoDay;
    const offset = offsets[i + 1] ?? 0;
    out.push(new Date(next.utcMidnight + (COLLECT_MINUTE - offset) * 60_000).toISOString());
  }
  return out;
}

/**
 * Generates one handle's daily figures and posts over the window and hands them to `sink`,
 * oldest first. Followers follow a weekly rhythm with noise and the odd drop; gained minus lost
 * is always the change in followers. Posts fall in local working hours, fewer on the mission's
 * weekend, with heavy-tailed interactions scaled to the audience; the day's account totals
 * add up the interactions the recent posts earned that day.
 */
export function generateHandleSeries(
  mission: MissionPlan,
  handle: HandlePlan,
  handleId: number,
  calendar: MissionCalendar,
  sink: SeriesSink,
): SeriesResult {
  const random = createRandom(handle.seed);
  const model = PLATFORM_MODELS[handle.platform];
  const { days, offsets, collectedAt } = calendar;
  const windowLength = days.length - 1;
  const lastIndex = windowLength - (handle.staleDays ?? 1);
  const quietFrom = handle.quietDays === null ? windowLength : windowLength - handle.quietDays;
  const countsAsOf = days[Math.max(lastIndex, 0)]?.date ?? "";
  const postsCollectedAt = collectedAt[Math.max(lastIndex, 0)] ?? "";
  const dailyGrowth = Math.log(1 + handle.growth) / 365;

  // Likes, comments, shares, impressions and views still to land on the next days.
  const carry = new Float64Array(5 * (windowLength + ACCRUAL.length));
  const seen = new Set<string>();
  let followers = Math.max(20, Math.round(handle.followers / (1 + handle.growth) ** (windowLength / 365)));
  let dailyRows = 0;
  let posts = 0;

  for (let i = 0; i <= lastIndex; i++) {
    const day = days[i] as DemoDay;
    const weekend = mission.weekendDays.has(day.weekday);
    const offset = offsets[i] ?? 0;
    const postCount =
      i < quietFrom ? Math.min(MAX_POSTS_PER_DAY, random.poisson(handle.postRate * (weekend ? 0.2 : 1))) : 0;

    let dayInteractions = 0;
    const minutes = postMinutes(postCount, weekend, random);
    for (const minute of minutes) {
      const type = random.weighted(model.types);
      const audience = Math.max(followers, 1);
      let interactions =
        audience *
        model.engagement *
        (audience / 20_000) ** -0.2 *
        typeAppeal(type) *
        random.logNormal(1, 0.7) *
        (weekend ? 0.85 : 1);
      if (random.chance(0.015)) interactions *= 1 + 3 * random.pareto(1.3);
      interactions = Math.min(interactions, audience * 0.5 + 50);
      dayInteractions += interactions;

      const final = [
        interactions * model.mix[0] * random.logNormal(1, 0.15),
        interactions * model.mix[1] * random.logNormal(1, 0.3),
        interactions * model.mix[2] * random.logNormal(1, 0.3),
      ] as const;
      const isVideo = model.videoTypes.includes(type);
      const views = isVideo ? interactions * random.uniform(...model.viewsPerInteraction) : null;
      const impressions = model.impressionsPerInteraction
        ? interactions * random.uniform(...model.impressionsPerInteraction) + (views ?? 0)
        : null;
      for (let k = 0; k < ACCRUAL.length; k++) {
        const base = 5 * (i + k);
        const share = ACCRUAL[k] as number;
        carry[base] = (carry[base] ?? 0) + final[0] * share;
        carry[base + 1] = (carry[base + 1] ?? 0) + final[1] * share;
        carry[base + 2] = (carry[base + 2] ?? 0) + final[2] * share;
        carry[base + 3] = (carry[base + 3] ?? 0) + (impressions ?? 0) * share;
        carry[base + 4] = (carry[base + 4] ?? 0) + (views ?? 0) * share;
      }

      // Counts read on `countsAsOf`: a post from that very day has not collected everything yet.
      const maturity = 1 - 0.3 * Math.exp(-(lastIndex - i));
      const publishedMs = day.utcMidnight + (minute - offset) * 60_000 + random.int(0, 59) * 1000;
      let identity = postIdentity(
        handle.platform,
        handle.handle,
        handle.externalId,
        type,
        publishedMs,
        random,
      );
      while (seen.has(identity.externalId)) {
        identity = postIdentity(handle.platform, handle.handle, handle.externalId, type, publishedMs, random);
      }
      seen.add(identity.externalId);
      sink.post([
        handleId,
        identity.externalId,
        new Date(publishedMs).toISOString(),
        day.date,
        identity.url,
        type,
        demoCaption(mission.caption, random),
        Math.round(final[0] * maturity),
        Math.round(final[1] * maturity),
        Math.round(final[2] * maturity),
        model.saves ? Math.round(interactions * 0.04 * random.logNormal(1, 0.3) * maturity) : null,
        views === null ? null : Math.round(views * maturity),
        impressions === null ? null : Math.round(impressions * maturity),
        countsAsOf,
        DEMO_SOURCE,
        postsCollectedAt,
      ]);
      posts++;
    }

    const rhythm = weekend ? 0.75 : 1.1;
    const quiet = i >= quietFrom ? 0.5 : 1;
    const expectedGain =
      followers * (dailyGrowth + handle.churn) * rhythm * quiet * random.logNormal(1, 0.3) +
      dayInteractions * 0.004;
    let expectedLoss = followers * handle.churn * random.logNormal(1, 0.3);
    // Now and then a platform sweeps out fake accounts.
    if (random.chance(0.005)) expectedLoss += followers * random.uniform(0.001, 0.006);
    const gained = random.roundStochastic(expectedGain);
    const lost = Math.min(random.roundStochastic(expectedLoss), followers + gained);
    followers += gained - lost;

    const base = 5 * i;
    const ambient = followers * model.engagement * 0.03 * random.logNormal(1, 0.4);
    sink.daily([
      handleId,
      day.date,
      followers,
      gained,
      lost,
      model.dailyReach === null
        ? null
        : Math.round(
            followers * model.dailyReach * rhythm * random.logNormal(1, 0.25) + (carry[base + 3] ?? 0),
          ),
      model.dailyViews === null
        ? null
        : Math.round(
            followers * model.dailyViews * rhythm * random.logNormal(1, 0.3) + (carry[base + 4] ?? 0),
          ),
      postCount,
      Math.round((carry[base] ?? 0) + ambient * model.mix[0]),
      Math.round((carry[base + 1] ?? 0) + ambient * model.mix[1]),
      Math.round((carry[base + 2] ?? 0) + ambient * model.mix[2]),
      DEMO_SOURCE,
      collectedAt[i] ?? "",
    ]);
    dailyRows++;
  }
  return { dailyRows, posts, lastIndex: lastIndex < 0 ? -1 : lastIndex };
}

/** Local publish minutes (after midnight) of a day's posts, in order: office hours on working days. */
function postMinutes(count: number, weekend: boolean, random: Random): number[] {
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    let minute: number;
    if (weekend) minute = random.uniform(9.5 * 60, 18 * 60);
    else {
      const centre = random.chance(0.65) ? 11 * 60 : 16 * 60;
      minute = Math.min(21 * 60, Math.max(7.5 * 60, centre + random.normal() * 90));
    }
    out.push(Math.floor(minute));
  }
  return out.sort((a, b) => a - b);
}

/** How much more (or less) a post type engages than a photo. */
function typeAppeal(type: string): number {
  switch (type) {
    case "video":
    case "short":
      return 1.3;
    case "reel":
      return 1.6;
    case "carousel":
      return 1.15;
    case "link":
      return 0.6;
    case "text":
      return 0.7;
    default:
      return 1;
  }
}
