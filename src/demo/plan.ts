import type { MissionKind } from "../db/schema.ts";
import { parseWeekend } from "./calendar.ts";
import type { CaptionContext } from "./captions.ts";
import { DEMO_CITIES, DEMO_PLATFORMS, type DemoCity, type DemoPlatform, type DemoTier } from "./cities.ts";
import { accountExternalId } from "./ids.ts";
import { demoHandle, handleUrl } from "./naming.ts";
import { PLATFORM_MODELS } from "./platform-models.ts";
import { createRandom, type Random } from "./random.ts";

/** The most missions a demo network can have (the city list, then numbered extra offices). */
export const MAX_DEMO_MISSIONS = 1000;

/** One handle of the demo network, before any figure is generated. */
export interface HandlePlan {
  platform: DemoPlatform;
  handle: string;
  url: string;
  externalId: string;
  verified: boolean;
  /** Followers the handle is headed for at the end of the window. */
  followers: number;
  /** Yearly growth, as a fraction. */
  growth: number;
  /** Share of followers lost per day. */
  churn: number;
  /** Posts per working day. */
  postRate: number;
  /** Collection stopped: the last figures are for `today - staleDays`; null when fresh. */
  staleDays: number | null;
  /** No posts during the last `quietDays` days of the window; null when posting. */
  quietDays: number | null;
  /** Seed of the handle's own random sequence. */
  seed: string;
}

/** One mission of the demo network, with its handles. */
export interface MissionPlan {
  code: string;
  name: string;
  kind: MissionKind;
  country: string;
  city: string;
  region: string;
  timezone: string;
  weekend: string;
  /** ISO weekdays (1 = Monday) of the weekend. */
  weekendDays: ReadonlySet<number>;
  slackChannel: string;
  tier: DemoTier;
  caption: CaptionContext;
  handles: HandlePlan[];
}

/** X audience range at the end of the window, by tier. */
const X_AUDIENCE: Record<DemoTier, readonly [number, number]> = {
  0: [600_000, 1_200_000],
  1: [80_000, 500_000],
  2: [20_000, 120_000],
  3: [4_000, 30_000],
  4: [500, 5_000],
};
/** How busy a mission's handles are (1 = the model's full post rate), by tier. */
const ACTIVITY: Record<DemoTier, readonly [number, number]> = {
  0: [0.9, 1.1],
  1: [0.7, 1],
  2: [0.5, 0.95],
  3: [0.3, 0.8],
  4: [0.15, 0.6],
};
/** Chance a handle is verified, by tier. */
const VERIFIED: Record<DemoTier, number> = { 0: 1, 1: 0.97, 2: 0.92, 3: 0.85, 4: 0.75 };
/** Chance a mission has a handle on the platform, by tier (X is always there). */
const PRESENCE: Record<DemoPlatform, Record<DemoTier, number>> = {
  x: { 0: 1, 1: 1, 2: 1, 3: 1, 4: 1 },
  facebook: { 0: 1, 1: 0.98, 2: 0.95, 3: 0.92, 4: 0.9 },
  instagram: { 0: 1, 1: 0.95, 2: 0.9, 3: 0.8, 4: 0.7 },
  youtube: { 0: 1, 1: 0.8, 2: 0.6, 3: 0.3, 4: 0.1 },
  tiktok: { 0: 1, 1: 0.5, 2: 0.35, 3: 0.2, 4: 0.1 },
  linkedin: { 0: 1, 1: 0.6, 2: 0.45, 3: 0.25, 4: 0.1 },
};
/** Platforms added, in order, when a mission drew fewer than three. */
const FALLBACK: readonly DemoPlatform[] = ["facebook", "instagram", "youtube", "linkedin", "tiktok"];
/** Regions where Facebook audiences outgrow X's. */
const FACEBOOK_HEAVY = new Set(["Africa", "Americas", "Asia-Pacific", "Middle East"]);

/**
 * The missions and handles of a demo network of `count` missions: the first `count` cities,
 * then numbered extra offices in the same cities. Same seed, same plan.
 */
export function planDemoNetwork(count: number, seed: string): MissionPlan[] {
  const cities = pickCities(count);
  const missions = cities.map(({ city, variant }) => planMission(city, variant, seed));
  markHandles(
    missions.filter((m) => m.kind !== "hq").flatMap((m) => m.handles),
    createRandom(`${seed}|network`),
  );
  return missions;
}

function pickCities(count: number): { city: DemoCity; variant?: number }[] {
  const picked: { city: DemoCity; variant?: number }[] = DEMO_CITIES.slice(0, count).map((city) => ({
    city,
  }));
  const bases = DEMO_CITIES.filter((c) => c.kind !== "hq" && c.kind !== "permanent_mission");
  for (let j = 0; picked.length < count; j++) {
    const base = bases[j % bases.length];
    if (!base) break;
    picked.push({ city: base, variant: 2 + Math.floor(j / bases.length) });
  }
  return picked;
}

function planMission(base: DemoCity, variant: number | undefined, seed: string): MissionPlan {
  const city: DemoCity =
    variant === undefined ? base : { ...base, kind: "consulate", tier: base.tier === 4 ? 4 : 3 };
  const code = variant === undefined ? city.code : `${city.code}-${variant}`;
  const random = createRandom(`${seed}|mission|${code}`);
  const weekendDays = parseWeekend(city.weekend);
  if (!weekendDays) throw new Error(`bad weekend for ${code}: ${city.weekend}`);
  const host =
    city.kind === "permanent_mission"
      ? (city.org ?? city.tag)
      : city.kind === "consulate"
        ? city.city
        : city.country;
  const activity = random.uniform(...ACTIVITY[city.tier]);
  const xAudience = random.logUniform(...X_AUDIENCE[city.tier]);

  const platforms = DEMO_PLATFORMS.filter(
    (p) =>
      random.chance(PRESENCE[p][city.tier]) || (variant === undefined && city.offStandard?.[p] !== undefined),
  );
  for (const p of FALLBACK) if (platforms.length < 3 && !platforms.includes(p)) platforms.push(p);
  platforms.sort((a, b) => DEMO_PLATFORMS.indexOf(a) - DEMO_PLATFORMS.indexOf(b));

  const handles = platforms.map((platform): HandlePlan => {
    const model = PLATFORM_MODELS[platform];
    const handle = demoHandle(city, platform, variant);
    const share =
      platform === "facebook" && FACEBOOK_HEAVY.has(city.region)
        ? model.audienceShare * 1.6
        : model.audienceShare;
    return {
      platform,
      handle,
      url: handleUrl(platform, handle),
      externalId: accountExternalId(platform, random),
      verified: random.chance(VERIFIED[city.tier]),
      followers: Math.max(50, Math.round(xAudience * random.logNormal(share, 0.35))),
      growth: random.uniform(...model.growth),
      churn: random.uniform(...model.churn),
      postRate: model.postRate * activity * random.logNormal(1, 0.2),
      staleDays: null,
      quietDays: null,
      seed: `${seed}|handle|${code}|${platform}`,
    };
  });

  return {
    code,
    name: missionName(city, variant),
    kind: city.kind,
    country: city.country,
    city: city.city,
    region: city.region,
    timezone: city.timezone,
    weekend: city.weekend,
    weekendDays,
    slackChannel: `dmd-${code}`,
    tier: city.tier,
    caption: {
      kind: city.kind,
      host,
      city: city.city,
      hashtag: `#Arcadia${city.kind === "hq" ? "Diplomacy" : city.tag.replace(/\s+/g, "")}`,
    },
    handles,
  };
}

function missionName(city: DemoCity, variant: number | undefined): string {
  if (variant !== undefined) return `Consulate of Arcadia in ${city.city} (office ${variant})`;
  switch (city.kind) {
    case "hq":
      return "Ministry of Foreign Affairs of Arcadia";
    case "embassy":
      return `Embassy of Arcadia in ${city.city}`;
    case "high_commission":
      return `High Commission of Arcadia in ${city.city}`;
    case "consulate":
      return `Consulate General of Arcadia in ${city.city}`;
    case "permanent_mission":
      return `Permanent Mission of Arcadia to ${city.org ?? city.tag}`;
  }
}

/**
 * Makes a few handles stale (collection stopped 4–20 days ago), a few quiet (no posts for
 * 14–40 days) and at least one unverified, so that every network shows these cases.
 */
function markHandles(handles: HandlePlan[], random: Random): void {
  if (handles.length === 0) return;
  const order = random.shuffle(handles);
  const staleCount = Math.max(1, Math.round(handles.length * 0.05));
  const quietCount = Math.max(1, Math.round(handles.length * 0.06));
  order.slice(0, staleCount).forEach((h) => {
    h.staleDays = random.int(4, 20);
  });
  order.slice(staleCount, staleCount + quietCount).forEach((h) => {
    h.quietDays = random.int(14, 40);
  });
  if (handles.every((h) => h.verified)) {
    const last = order[order.length - 1];
    if (last) last.verified = false;
  }
}
