import type { Platform } from "../../src/db/schema.ts";

const LABELS: Record<Platform, string> = {
  x: "X",
  facebook: "Facebook",
  instagram: "Instagram",
  youtube: "YouTube",
  tiktok: "TikTok",
  linkedin: "LinkedIn",
  threads: "Threads",
  telegram: "Telegram",
};

/** The platform's name as people write it. */
export function platformLabel(platform: string): string {
  return LABELS[platform as Platform] ?? platform;
}
