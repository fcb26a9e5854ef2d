/** Platform names as people write them, for every reply, digest, alert and facts pack. */

const NAMES: Record<string, string> = {
  x: "X",
  facebook: "Facebook",
  instagram: "Instagram",
  youtube: "YouTube",
  tiktok: "TikTok",
  linkedin: "LinkedIn",
  threads: "Threads",
  telegram: "Telegram",
};

/** The platform's name as people write it ("YouTube" for `youtube`); an unknown code is returned as is. */
export function platformName(platform: string): string {
  return NAMES[platform] ?? platform;
}

/** A handle as people read it: "X @ArcadiaInUSA". */
export function handleName(platform: string, handle: string): string {
  return `${platformName(platform)} @${handle}`;
}
