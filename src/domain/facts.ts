/**
 * The facts pack a trend report is written from: every figure our code computed for one mission
 * (or the whole network) and period, each under a stable id (`followers`,
 * `followers_change_pct`, `region_median_engagement`, `top_post_1_interactions`), with its value
 * and the way we write it. An LLM may only state numbers that equal a fact it cites
 * (`grounding.ts`); the automatic summary is built from the same facts (`auto-summary.ts`).
 *
 * Pure: the figures come in already computed per METRICS.md (`src/trends/load-facts.ts` reads
 * them). Unavailable values stay null and read "n/a".
 */
import { createHash } from "node:crypto";
import { formatCount, formatDecimal, formatPct, formatSigned } from "./format.ts";
import type { MissionTotals } from "./metrics.ts";
import type { Period } from "./period.ts";
import { handleName, platformName } from "./platform-names.ts";
import { rankDescending } from "./ranks.ts";

/** Bump when the facts or their meaning change: cached reports of older facts are not reused. */
export const FACTS_VERSION = 1;

/** How many top (and bottom) posts a pack lists. */
export const POSTS_LISTED = 3;

/** How many alerts a pack lists one by one (all are counted). */
export const ALERTS_LISTED = 5;

/** Longest caption excerpt kept, in characters. */
export const CAPTION_MAX = 240;

/** Peers have between this fraction and {@link PEER_HIGH} times the mission's followers. */
export const PEER_LOW = 0.5;
/** See {@link PEER_LOW}. */
export const PEER_HIGH = 2;

/**
 * How a fact's value is written: a count ("12.3K", "1,234"), a signed count ("+1,234"), a
 * percentage ("4.5%"), a signed percentage ("+0.9%"), percentage points ("+0.3"), a decimal
 * ("12.3"), a rank ("3", 1 = best), a date (`YYYY-MM-DD`) or text.
 */
export type FactFormat =
  | "count"
  | "signed_count"
  | "pct"
  | "signed_pct"
  | "points"
  | "decimal"
  | "rank"
  | "date"
  | "text";

/** One fact. */
export interface Fact {
  id: string;
  /** What it is, in English, for the model and for `--json`. */
  label: string;
  /** Null when unavailable (shown "n/a", never 0). */
  value: number | string | null;
  format: FactFormat;
  /** The value as our replies write it. */
  display: string;
  /** Position in a list (2 for `top_post_2_interactions`), so "2nd" may be said of it. */
  position?: number;
}

/** A post listed in a pack. Its caption is untrusted text written by others. */
export interface FactsPost {
  /** The facts' id prefix: `top_post_1`, `bottom_post_2`. */
  ref: string;
  platform: string;
  handle: string;
  date: string;
  interactions: number;
  /** Trimmed excerpt; null when the post has none. */
  caption: string | null;
  mission?: string;
}

/** A period as a pack states it. */
export interface PackPeriod extends Period {
  /** The cache and schedule key: `2026-10`, `2026-W47`, `30d`. */
  key: string;
  /** In words: "October 2026". */
  words: string;
}

/** Who a pack is about. */
export type PackSubject =
  | { kind: "mission"; code: string; name: string; region: string; language: string | null }
  | { kind: "network"; code: "network"; name: string; region: null; language: string | null };

/** Everything a report may say, and nothing else. */
export interface FactsPack {
  version: number;
  subject: PackSubject;
  period: PackPeriod;
  previous: PackPeriod;
  facts: Fact[];
  posts: FactsPost[];
}

/** One post as the builders take it. */
export interface PostInput {
  platform: string;
  handle: string;
  date: string;
  interactions: number;
  caption: string | null;
  /** The mission's name, for network packs. */
  mission?: string;
}

/** One alert raised in the period. */
export interface AlertInput {
  kind: string;
  severity: string;
  /** The day it is about (`YYYY-MM-DD`). */
  date: string;
  platform: string | null;
  handle: string | null;
  details: Record<string, unknown>;
  mission?: string;
}

/** Content adoption over the period: items sent, and those seen shared. */
export interface AdoptionInput {
  targeted: number;
  verified: number;
}

/** A mission abroad with its totals over the period, for ranks, region medians and peers. */
export interface FleetEntry {
  code: string;
  region: string;
  totals: MissionTotals;
}

/** What {@link buildMissionFacts} needs. */
export interface MissionFactsInput {
  mission: { code: string; name: string; region: string; language: string | null };
  period: PackPeriod;
  previous: PackPeriod;
  current: MissionTotals;
  before: MissionTotals;
  /** Active handles: how many, and which have stale follower data. */
  handles: { platform: string; handle: string; stale: boolean }[];
  /** Every mission abroad (HQ excluded) over the same period, this one included. */
  fleet: FleetEntry[];
  /** Best posts first. */
  topPosts: PostInput[];
  /** Weakest posts first (those with interaction counts). */
  bottomPosts: PostInput[];
  alerts: AlertInput[];
  /** Null when no content was sent to the mission in the period. */
  adoption: AdoptionInput | null;
}

/** Writes a value the way {@link Fact.display} does. */
export function formatFactValue(value: number | string | null, format: FactFormat): string {
  if (value === null) return "n/a";
  if (typeof value === "string") return value;
  switch (format) {
    case "count":
      return formatCount(value);
    case "signed_count":
      return formatSigned(value);
    case "pct":
      return formatPct(value);
    case "signed_pct":
      return formatPct(value, true);
    case "points":
      return withPlus(value, formatDecimal(value));
    case "decimal":
      return formatDecimal(value);
    case "rank":
      return String(value);
    default:
      return String(value);
  }
}

function withPlus(value: number, text: string): string {
  return value > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}

/** Makes a fact, its display derived from the value. */
export function fact(
  id: string,
  label: string,
  value: number | string | null,
  format: FactFormat,
  position?: number,
): Fact {
  const clean = typeof value === "number" && !Number.isFinite(value) ? null : value;
  return {
    id,
    label,
    value: clean,
    format,
    display: formatFactValue(clean, format),
    ...(position !== undefined ? { position } : {}),
  };
}

/** `current - previous`, or null when either is unknown. */
export function change(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : current - previous;
}

/** The change in percent of `previous`, or null when unknown or `previous` is 0. */
export function changePct(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return ((current - previous) / previous) * 100;
}

/** The median of the known values, or null when there are none. */
export function medianOf(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const mid = Math.floor(known.length / 2);
  if (known.length % 2 === 1) return known[mid] ?? null;
  return ((known[mid - 1] ?? 0) + (known[mid] ?? 0)) / 2;
}

/**
 * A caption as a pack keeps it: whitespace collapsed, cut to {@link CAPTION_MAX} characters at a
 * word boundary with "…". Null or blank gives null.
 */
export function trimCaption(caption: string | null, max = CAPTION_MAX): string | null {
  if (caption === null) return null;
  const flat = caption.replace(/\s+/gu, " ").trim();
  if (flat === "") return null;
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  if (flat[max - 1] === " ") return `${cut.trimEnd()}…`;
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The facts every pack has on a mission's (or the network's) figures and their change against
 * the previous period.
 */
export function totalsFacts(current: MissionTotals, before: MissionTotals, period: PackPeriod): Fact[] {
  return [
    fact("period_days", "Days in the period", period.days, "count"),
    fact("followers", "Followers at the end of the period, all active handles", current.followers, "count"),
    fact("followers_previous", "Followers at the end of the previous period", before.followers, "count"),
    fact(
      "followers_change",
      "Followers gained (negative: lost) during the period",
      current.followerGrowth,
      "signed_count",
    ),
    fact(
      "followers_change_pct",
      "Follower growth during the period, in % of the followers at its start",
      current.followerGrowthPct,
      "signed_pct",
    ),
    fact(
      "followers_change_previous",
      "Followers gained (negative: lost) during the previous period",
      before.followerGrowth,
      "signed_count",
    ),
    fact(
      "followers_change_pct_previous",
      "Follower growth during the previous period, in %",
      before.followerGrowthPct,
      "signed_pct",
    ),
    fact("posts", "Posts published in the period", current.posts, "count"),
    fact("posts_previous", "Posts published in the previous period", before.posts, "count"),
    ...changeFacts("posts", "posts", current.posts, before.posts),
    fact("posts_per_week", "Posts per week in the period", current.postsPerWeek, "decimal"),
    fact("posts_per_week_previous", "Posts per week in the previous period", before.postsPerWeek, "decimal"),
    fact(
      "interactions",
      "Interactions (likes + comments + shares) on the period's posts",
      current.interactions,
      "count",
    ),
    fact("interactions_previous", "Interactions in the previous period", before.interactions, "count"),
    ...changeFacts("interactions", "interactions", current.interactions, before.interactions),
    fact(
      "interactions_per_post",
      "Interactions per post in the period",
      current.interactionsPerPost,
      "decimal",
    ),
    fact(
      "interactions_per_post_previous",
      "Interactions per post in the previous period",
      before.interactionsPerPost,
      "decimal",
    ),
    changePctFact(
      "interactions_per_post",
      "interactions per post",
      current.interactionsPerPost,
      before.interactionsPerPost,
    ),
    fact(
      "engagement_rate",
      "Engagement rate in the period: interactions per post / followers × 100",
      current.engagementRate,
      "pct",
    ),
    fact("engagement_rate_previous", "Engagement rate in the previous period", before.engagementRate, "pct"),
    fact(
      "engagement_rate_change_pts",
      "Change in engagement rate against the previous period, in percentage points",
      change(current.engagementRate, before.engagementRate),
      "points",
    ),
    fact(
      "engagement_rate_change_pct",
      "Relative change in engagement rate against the previous period, in %",
      changePct(current.engagementRate, before.engagementRate),
      "signed_pct",
    ),
  ];
}

/** `<id>_change` and `<id>_change_pct`: how `what` moved against the previous period. */
function changeFacts(id: string, what: string, current: number | null, before: number | null): Fact[] {
  return [
    fact(
      `${id}_change`,
      `Change in ${what} against the previous period`,
      change(current, before),
      "signed_count",
    ),
    changePctFact(id, what, current, before),
  ];
}

/** `<id>_change_pct`: how `what` moved against the previous period, in %. */
function changePctFact(id: string, what: string, current: number | null, before: number | null): Fact {
  return fact(
    `${id}_change_pct`,
    `Change in ${what} against the previous period, in %`,
    changePct(current, before),
    "signed_pct",
  );
}

/** Facts and listed posts for a list of posts: `<prefix>_<n>_platform`, `_handle`, `_date`, `_interactions`. */
export function postFacts(
  prefix: "top_post" | "bottom_post",
  posts: PostInput[],
  what: string,
): { facts: Fact[]; posts: FactsPost[] } {
  const facts: Fact[] = [];
  const listed: FactsPost[] = [];
  posts.slice(0, POSTS_LISTED).forEach((p, i) => {
    const n = i + 1;
    const ref = `${prefix}_${n}`;
    const ordinal = `${what} #${n}`;
    if (p.mission !== undefined)
      facts.push(fact(`${ref}_mission`, `${ordinal}: mission`, p.mission, "text", n));
    facts.push(
      fact(`${ref}_platform`, `${ordinal}: platform`, platformName(p.platform), "text", n),
      fact(`${ref}_handle`, `${ordinal}: handle`, `@${p.handle}`, "text", n),
      fact(`${ref}_date`, `${ordinal}: day published`, p.date, "date", n),
      fact(`${ref}_interactions`, `${ordinal}: interactions`, p.interactions, "count", n),
    );
    listed.push({
      ref,
      platform: p.platform,
      handle: p.handle,
      date: p.date,
      interactions: p.interactions,
      caption: trimCaption(p.caption),
      ...(p.mission !== undefined ? { mission: p.mission } : {}),
    });
  });
  return { facts, posts: listed };
}

const ALERT_WORDS: Record<string, string> = {
  follower_drop: "follower drop",
  follower_spike: "follower spike",
  viral_post: "post far above usual",
  verification_lost: "verification badge lost",
  silent: "handle silent",
  token_expired: "API access expired",
};

function numberDetail(details: Record<string, unknown>, key: string): number | null {
  const v = details[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** Facts on the period's alerts: how many, how many serious, and the first few one by one. */
export function alertFacts(alerts: AlertInput[]): Fact[] {
  const facts: Fact[] = [
    fact("alerts", "Alerts raised in the period", alerts.length, "count"),
    fact(
      "alerts_serious",
      "Serious alerts raised in the period",
      alerts.filter((a) => a.severity === "serious").length,
      "count",
    ),
  ];
  alerts.slice(0, ALERTS_LISTED).forEach((a, i) => {
    const n = i + 1;
    const ref = `alert_${n}`;
    const what = `Alert #${n}`;
    facts.push(
      fact(
        `${ref}_kind`,
        `${what}: what happened`,
        ALERT_WORDS[a.kind] ?? a.kind.replaceAll("_", " "),
        "text",
        n,
      ),
      fact(`${ref}_severity`, `${what}: severity`, a.severity, "text", n),
      fact(`${ref}_date`, `${what}: day`, a.date, "date", n),
    );
    if (a.mission !== undefined) facts.push(fact(`${ref}_mission`, `${what}: mission`, a.mission, "text", n));
    if (a.platform !== null && a.handle !== null) {
      facts.push(fact(`${ref}_handle`, `${what}: handle`, handleName(a.platform, a.handle), "text", n));
    }
    const changeValue = numberDetail(a.details, "change");
    if (changeValue !== null) {
      facts.push(
        fact(`${ref}_change`, `${what}: followers gained or lost that day`, changeValue, "signed_count", n),
      );
      const pct = numberDetail(a.details, "changePct");
      if (pct !== null)
        facts.push(fact(`${ref}_change_pct`, `${what}: that change in %`, pct, "signed_pct", n));
    }
    const interactions = numberDetail(a.details, "interactions");
    if (interactions !== null)
      facts.push(fact(`${ref}_interactions`, `${what}: the post's interactions`, interactions, "count", n));
    const days = numberDetail(a.details, "days");
    if (days !== null) facts.push(fact(`${ref}_days`, `${what}: days without a post`, days, "count", n));
  });
  return facts;
}

/** Facts on content adoption; none when no content was sent. */
export function adoptionFacts(adoption: AdoptionInput | null): Fact[] {
  if (adoption === null || adoption.targeted === 0) return [];
  return [
    fact("content_targeted", "SCD content items sent in the period", adoption.targeted, "count"),
    fact("content_shared", "Of those, items seen shared on the official handles", adoption.verified, "count"),
    fact(
      "content_adoption_pct",
      "Content adoption: items shared / items sent × 100",
      (adoption.verified / adoption.targeted) * 100,
      "pct",
    ),
  ];
}

function medians(prefix: string, entries: FleetEntry[], who: string): Fact[] {
  const t = entries.map((e) => e.totals);
  return [
    fact(
      `${prefix}_median_followers`,
      `Median followers of ${who}`,
      medianOf(t.map((x) => x.followers)),
      "count",
    ),
    fact(
      `${prefix}_median_follower_growth_pct`,
      `Median follower growth of ${who}, in %`,
      medianOf(t.map((x) => x.followerGrowthPct)),
      "signed_pct",
    ),
    fact(`${prefix}_median_posts`, `Median posts of ${who}`, medianOf(t.map((x) => x.posts)), "decimal"),
    fact(
      `${prefix}_median_engagement`,
      `Median engagement rate of ${who}`,
      medianOf(t.map((x) => x.engagementRate)),
      "pct",
    ),
    fact(
      `${prefix}_median_interactions_per_post`,
      `Median interactions per post of ${who}`,
      medianOf(t.map((x) => x.interactionsPerPost)),
      "decimal",
    ),
  ];
}

/**
 * The mission's peers: the other missions abroad whose followers are between
 * {@link PEER_LOW} and {@link PEER_HIGH} times the mission's. None when its followers are unknown.
 */
export function peersOf(code: string, followers: number | null, fleet: FleetEntry[]): FleetEntry[] {
  if (followers === null || followers <= 0) return [];
  return fleet.filter(
    (e) =>
      e.code !== code &&
      e.totals.followers !== null &&
      e.totals.followers >= followers * PEER_LOW &&
      e.totals.followers <= followers * PEER_HIGH,
  );
}

function rankOf(
  code: string,
  fleet: FleetEntry[],
  value: (t: MissionTotals) => number | null,
): number | null {
  return (
    rankDescending(fleet.map((e) => ({ key: e.code, value: value(e.totals) }))).find((r) => r.key === code)
      ?.rank ?? null
  );
}

/** Builds one mission's facts pack. */
export function buildMissionFacts(input: MissionFactsInput): FactsPack {
  const { mission, current } = input;
  const region = input.fleet.filter((e) => e.region.toLowerCase() === mission.region.toLowerCase());
  const peers = peersOf(mission.code, current.followers, input.fleet);
  const top = postFacts("top_post", input.topPosts, "Top post");
  const shownTop = new Set(top.posts.map((p) => `${p.platform}|${p.handle}|${p.date}|${p.interactions}`));
  const bottom = postFacts(
    "bottom_post",
    input.bottomPosts.filter((p) => !shownTop.has(`${p.platform}|${p.handle}|${p.date}|${p.interactions}`)),
    "Weakest post",
  );
  const facts: Fact[] = [
    fact("mission", "The mission", mission.name, "text"),
    fact("region", "The mission's region", mission.region, "text"),
    fact("handles", "Active official handles", input.handles.length, "count"),
    fact(
      "stale_handles",
      "Active handles without recent follower data (stale)",
      input.handles.filter((h) => h.stale).length,
      "count",
    ),
    ...totalsFacts(current, input.before, input.period),
    fact("ranked_missions", "Missions abroad ranked", input.fleet.length, "count"),
    fact(
      "rank_followers",
      "Rank by followers among the missions abroad (1 = most)",
      rankOf(mission.code, input.fleet, (t) => t.followers),
      "rank",
    ),
    fact(
      "rank_follower_growth",
      "Rank by follower growth % among the missions abroad (1 = fastest)",
      rankOf(mission.code, input.fleet, (t) => t.followerGrowthPct),
      "rank",
    ),
    fact(
      "rank_engagement",
      "Rank by engagement rate among the missions abroad (1 = highest)",
      rankOf(mission.code, input.fleet, (t) => t.engagementRate),
      "rank",
    ),
    fact(
      "rank_posts",
      "Rank by posts among the missions abroad (1 = most)",
      rankOf(mission.code, input.fleet, (t) => t.posts),
      "rank",
    ),
    fact(
      "region_missions",
      `Missions abroad in ${mission.region}, this one included`,
      region.length,
      "count",
    ),
    ...medians("region", region, `the missions in ${mission.region} (this one included)`),
    fact(
      "peer_missions",
      `Peer missions: the other missions abroad with ${PEER_LOW}× to ${PEER_HIGH}× this mission's followers`,
      current.followers === null ? null : peers.length,
      "count",
    ),
    fact(
      "peer_followers_low",
      "Fewest followers a peer mission may have",
      current.followers === null ? null : Math.round(current.followers * PEER_LOW),
      "count",
    ),
    fact(
      "peer_followers_high",
      "Most followers a peer mission may have",
      current.followers === null ? null : Math.round(current.followers * PEER_HIGH),
      "count",
    ),
    ...medians("peer", peers, "the peer missions"),
    ...top.facts,
    ...bottom.facts,
    ...alertFacts(input.alerts),
    ...adoptionFacts(input.adoption),
  ];
  return {
    version: FACTS_VERSION,
    subject: { kind: "mission", ...mission },
    period: input.period,
    previous: input.previous,
    facts,
    posts: [...top.posts, ...bottom.posts],
  };
}

/** The fact with this id, or undefined. */
export function findFact(pack: FactsPack, id: string): Fact | undefined {
  return pack.facts.find((f) => f.id === id);
}

/** The fact's numeric value, or null when it is missing, unavailable or not a number. */
export function factNumber(pack: FactsPack, id: string): number | null {
  const v = findFact(pack, id)?.value;
  return typeof v === "number" ? v : null;
}

/**
 * The hash reports are cached under: the same facts (and captions) give the same hash, so a
 * report is written once per facts and language, and any change in the figures makes a new one.
 */
export function factsHash(pack: FactsPack): string {
  const canonical = JSON.stringify({
    v: pack.version,
    subject: [pack.subject.kind, pack.subject.code, pack.subject.name],
    period: [pack.period.start, pack.period.end, pack.period.key],
    previous: [pack.previous.start, pack.previous.end],
    facts: pack.facts.map((f) => [f.id, f.value, f.format]),
    posts: pack.posts.map((p) => [p.ref, p.caption]),
  });
  return createHash("sha256").update(canonical).digest("hex");
}
