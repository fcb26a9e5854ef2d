import type { DemoPlatform } from "./cities.ts";
import type { Random } from "./random.ts";

const DIGITS = "0123456789";
const URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** X's snowflake epoch (2010-11-04T01:42:54.657Z). */
const X_EPOCH = 1_288_834_974_657;

/** A platform's id for an account, shaped as the platform's own (X user id, Facebook page id, …). */
export function accountExternalId(platform: DemoPlatform, random: Random): string {
  switch (platform) {
    case "x":
      return `${random.int(1, 9)}${random.chars(DIGITS, 9)}`;
    case "facebook":
      return `1000${random.chars(DIGITS, 11)}`;
    case "instagram":
      return `17841${random.chars(DIGITS, 12)}`;
    case "youtube":
      return `UC${random.chars(URL_SAFE, 22)}`;
    case "tiktok":
      return `${random.int(6, 7)}${random.chars(DIGITS, 18)}`;
    case "linkedin":
      return `${random.int(1, 9)}${random.chars(DIGITS, 7)}`;
  }
}

/** A post's platform id and public link. */
export interface PostIdentity {
  externalId: string;
  url: string;
}

/**
 * The id and link of a post published at `publishedMs`, shaped as each platform's: X and
 * LinkedIn ids carry the publish time the way theirs do, Instagram and YouTube use short codes.
 */
export function postIdentity(
  platform: DemoPlatform,
  handle: string,
  accountId: string,
  type: string,
  publishedMs: number,
  random: Random,
): PostIdentity {
  switch (platform) {
    case "x": {
      const id = ((BigInt(publishedMs - X_EPOCH) << 22n) | BigInt(random.int(0, 4_194_303))).toString();
      return { externalId: id, url: `https://x.com/${handle}/status/${id}` };
    }
    case "facebook": {
      const id = `${random.int(1, 9)}${random.chars(DIGITS, 15)}`;
      const path =
        type === "reel"
          ? `reel/${id}`
          : type === "video"
            ? `${handle}/videos/${id}`
            : `${handle}/posts/${id}`;
      return { externalId: `${accountId}_${id}`, url: `https://www.facebook.com/${path}` };
    }
    case "instagram": {
      const code = random.chars(URL_SAFE, 11);
      const path = type === "reel" ? "reel" : "p";
      return {
        externalId: `17${random.chars(DIGITS, 15)}`,
        url: `https://www.instagram.com/${path}/${code}/`,
      };
    }
    case "youtube": {
      const id = random.chars(URL_SAFE, 11);
      const url =
        type === "short" ? `https://www.youtube.com/shorts/${id}` : `https://www.youtube.com/watch?v=${id}`;
      return { externalId: id, url };
    }
    case "tiktok": {
      const seconds = BigInt(Math.floor(publishedMs / 1000));
      const id = ((seconds << 32n) | BigInt(random.int(0, 4_294_967_295))).toString();
      return { externalId: id, url: `https://www.tiktok.com/@${handle}/video/${id}` };
    }
    case "linkedin": {
      const id = ((BigInt(publishedMs) << 22n) | BigInt(random.int(0, 4_194_303))).toString();
      const urn = `urn:li:activity:${id}`;
      return { externalId: urn, url: `https://www.linkedin.com/feed/update/${urn}/` };
    }
  }
}
