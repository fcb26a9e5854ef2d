import type { Db } from "../db/client.ts";
import { listMissions } from "../db/repos/missions-repo.ts";
import { getSetting } from "../db/repos/settings-repo.ts";

/** Where the SCD receives the roll-up and serious alerts, per platform. */
export interface ScdChannels {
  slack: string | null;
  discord: string | null;
}

/**
 * The SCD's channels: settings `scd.slack_channel` and `scd.discord_channel`, or else the
 * channels of the HQ mission (kind `hq`) in the registry. A platform with neither is null.
 */
export function scdChannels(db: Db): ScdChannels {
  const hq = listMissions(db, { kind: "hq" })[0];
  const pick = (setting: string, fallback: string | null | undefined) => {
    const value = getSetting(db, setting)?.trim();
    if (value) return value;
    return fallback?.trim() ? fallback.trim() : null;
  };
  return {
    slack: pick("scd.slack_channel", hq?.slackChannel),
    discord: pick("scd.discord_channel", hq?.discordChannel),
  };
}

/** The (platform, channel) pairs of a set of channels that are set. */
export function channelTargets(channels: {
  slack: string | null;
  discord: string | null;
}): { platform: "slack" | "discord"; channelId: string }[] {
  const out: { platform: "slack" | "discord"; channelId: string }[] = [];
  if (channels.slack) out.push({ platform: "slack", channelId: channels.slack });
  if (channels.discord) out.push({ platform: "discord", channelId: channels.discord });
  return out;
}
