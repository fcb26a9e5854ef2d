import type { DemoCity, DemoPlatform } from "./cities.ts";

/**
 * The ministry's naming standard per platform, as regexes stored in the settings
 * `naming.<platform>`. Most demo handles follow it; the cities' `offStandard` handles do not.
 */
export const DEMO_NAMING_STANDARDS: Readonly<Record<DemoPlatform, string>> = {
  x: "^Arcadia",
  facebook: "^Arcadia",
  instagram: "^arcadia_",
  youtube: "^Arcadia",
  tiktok: "^arcadia_",
  linkedin: "^arcadia-",
};

const TIKTOK_MAX = 24;
const INSTAGRAM_MAX = 30;
const X_MAX = 15;

/**
 * The handle a demo mission uses on `platform`, e.g. X `ArcadiaInUSA`, Instagram
 * `arcadia_in_usa`, Facebook `ArcadiaEmbassyUSA`. `variant` (2, 3, …) numbers the extra
 * offices made up for large benchmark networks.
 */
export function demoHandle(city: DemoCity, platform: DemoPlatform, variant?: number): string {
  const off = variant === undefined ? city.offStandard?.[platform] : undefined;
  if (off) return off;
  const n = variant === undefined ? "" : String(variant);
  const words = city.tag.split(/\s+/).filter((w) => w.length > 0);
  const camelBase = words.map((w) => (w[0] ?? "").toUpperCase() + w.slice(1)).join("");
  const camel = camelBase + n;
  const short = (city.short ?? camelBase) + n;
  const lower = words.map((w) => w.toLowerCase());
  const snake = [...lower, ...(n ? [n] : [])].join("_");
  const kebab = [...lower, ...(n ? [n] : [])].join("-");
  const shortSnake = [(city.short ?? words.join("")).toLowerCase(), ...(n ? [n] : [])].join("_");

  if (city.kind === "hq") {
    const base = { x: "ArcadiaMFA", facebook: "ArcadiaMFA", youtube: "ArcadiaMFA" } as const;
    if (platform === "x" || platform === "facebook" || platform === "youtube") return base[platform] + n;
    if (platform === "linkedin") return `arcadia-mfa${n ? `-${n}` : ""}`;
    return `arcadia_mfa${n ? `_${n}` : ""}`;
  }

  if (city.kind === "permanent_mission") {
    switch (platform) {
      case "x":
        return `Arcadia${short}`;
      case "facebook":
        return `ArcadiaMissionTo${camel}`;
      case "youtube":
        return `ArcadiaAt${camel}`;
      case "linkedin":
        return `arcadia-mission-to-${kebab}`;
      default:
        return fitLength(platform, `arcadia_at_${snake}`, `arcadia_at_${shortSnake}`);
    }
  }

  const office =
    city.kind === "high_commission" ? "HighCommission" : city.kind === "consulate" ? "Consulate" : "Embassy";
  const officeKebab =
    city.kind === "high_commission" ? "high-commission" : city.kind === "consulate" ? "consulate" : "embassy";
  switch (platform) {
    case "x":
      // X allows 15 characters: numbered extra offices drop the "In".
      return `ArcadiaIn${short}`.length <= X_MAX ? `ArcadiaIn${short}` : `Arcadia${short}`;
    case "facebook":
      return `Arcadia${office}${camel}`;
    case "youtube":
      return `ArcadiaIn${camel}`;
    case "linkedin":
      return `arcadia-${officeKebab}-${kebab}`;
    default:
      return fitLength(platform, `arcadia_in_${snake}`, `arcadia_in_${shortSnake}`);
  }
}

/** TikTok handles allow 24 characters, Instagram ones 30: too long a form takes the short host token. */
function fitLength(platform: DemoPlatform, long: string, short: string): string {
  return long.length > (platform === "tiktok" ? TIKTOK_MAX : INSTAGRAM_MAX) ? short : long;
}

/** The public profile address of a handle. */
export function handleUrl(platform: DemoPlatform, handle: string): string {
  switch (platform) {
    case "x":
      return `https://x.com/${handle}`;
    case "facebook":
      return `https://www.facebook.com/${handle}`;
    case "instagram":
      return `https://www.instagram.com/${handle}/`;
    case "youtube":
      return `https://www.youtube.com/@${handle}`;
    case "tiktok":
      return `https://www.tiktok.com/@${handle}`;
    case "linkedin":
      return `https://www.linkedin.com/company/${handle}/`;
  }
}
