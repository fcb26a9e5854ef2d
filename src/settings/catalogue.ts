/**
 * The settings an operator may change with `dmd settings`, stored in the database's settings
 * table (so they apply to a running bot without a restart). Each has a meaning shown to the
 * operator and a check that refuses a value the code reading it would ignore.
 */

import { PLATFORMS } from "../db/schema.ts";
import { DEFAULT_SILENT_DAYS } from "../domain/alerts.ts";

/** One known setting: its key, what it does, its default, and how a value is checked. */
export interface SettingSpec {
  key: string;
  meaning: string;
  /** What applies when the setting is not stored. */
  whenUnset: string;
  /** Null when `value` is acceptable, otherwise what is wrong with it and what is expected. */
  check(value: string): string | null;
}

const wholeNumber =
  (min: number, max: number) =>
  (value: string): string | null =>
    /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max
      ? null
      : `expected a whole number from ${min} to ${max}`;

const share = (value: string): string | null => {
  const n = /^(?:0?\.\d+|1(?:\.0+)?)$/.test(value) ? Number(value) : Number.NaN;
  return n > 0 && n <= 1 ? null : "expected a number above 0 and at most 1, e.g. 0.6";
};

const channel =
  (example: string) =>
  (value: string): string | null =>
    /^#?[^\s\p{Cc}\p{Cf}]{1,80}$/u.test(value)
      ? null
      : `expected a channel id or name without spaces, e.g. ${example}`;

const regex = (value: string): string | null => {
  try {
    new RegExp(value, "i");
    return null;
  } catch (err) {
    return `expected a regular expression: ${(err as Error).message}`;
  }
};

/** Every setting `dmd settings` knows, in the order it lists them. */
export const SETTINGS: readonly SettingSpec[] = [
  {
    key: "scd.slack_channel",
    meaning: "Slack channel of the SCD: the weekly roll-up and brief, serious alerts, content summaries",
    whenUnset: "the Slack channel of the hq mission in the registry",
    check: channel("C0123ABCD or scd-digital"),
  },
  {
    key: "scd.discord_channel",
    meaning: "Discord channel of the SCD, for the same messages",
    whenUnset: "the Discord channel of the hq mission in the registry",
    check: channel("1234567890123456789 or scd-digital"),
  },
  {
    key: "alerts.silent_days",
    meaning: "Days without a post before a handle is reported silent",
    whenUnset: String(DEFAULT_SILENT_DAYS),
    check: wholeNumber(1, 365),
  },
  {
    key: "trends.llm_per_hour",
    meaning: "Trend reports one user may have the LLM write per hour (/trends)",
    whenUnset: "5",
    check: wholeNumber(0, 1000),
  },
  {
    key: "content.hashtag_share",
    meaning: "Share of an SCD item's hashtags a post must carry to count as sharing it",
    whenUnset: "1 (all of them)",
    check: share,
  },
  {
    key: "content.caption_similarity",
    meaning: "How close a post's caption must be to a suggested caption to count as sharing it",
    whenUnset: "0.6",
    check: share,
  },
  ...PLATFORMS.map(
    (platform): SettingSpec => ({
      key: `naming.${platform}`,
      meaning: `Naming standard for ${platform} handles (a regular expression, case-insensitive); DMD_HANDLE_NAMING wins over it`,
      whenUnset: "no naming standard",
      check: regex,
    }),
  ),
];

/** The spec of `key`, or undefined when no such setting exists. */
export function findSetting(key: string): SettingSpec | undefined {
  return SETTINGS.find((s) => s.key === key.trim().toLowerCase());
}
