import { IANAZone } from "luxon";
import { z } from "zod";
import { MISSION_KINDS, type MissionKind, PLATFORMS, type Platform } from "../db/schema.ts";
import { normalizeWeekend, WEEKEND_EXAMPLES } from "../domain/weekend.ts";
import { quoted } from "./csv-table.ts";

/** The outcome of checking one cell: its clean value, or what is wrong with it. */
type Check<T> = { ok: T } | { error: string };

/** A zod schema for one CSV cell, built from a check that words its own error message. */
function cell<T>(check: (value: string) => Check<T>) {
  return z.string().transform<T>((raw, ctx) => {
    const result = check(raw);
    if ("error" in result) {
      ctx.addIssue(result.error);
      return z.NEVER;
    }
    return result.ok;
  });
}

/** `a, b or c`. */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** Mission codes: a lower-case slug such as `washington` or `new-york`. */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,40}$/;

/** A mission code; upper case is folded (`Washington` is `washington`). */
export const codeCell = cell<string>((raw) => {
  const code = raw.trim().toLowerCase();
  if (code === "") return { error: "is empty: every row needs a mission code, e.g. washington" };
  if (!CODE_PATTERN.test(code)) {
    return {
      error:
        `${quoted(raw)} is not a valid code (use 2 to 41 lower-case letters, digits or hyphens, ` +
        "starting with a letter or digit, e.g. washington or new-york)",
    };
  }
  return { ok: code };
});

/** A cell's text on one line: line breaks, tabs and control characters become single spaces. */
function oneLine(raw: string): string {
  return raw.replace(/[\s\p{Cc}]+/gu, " ").trim();
}

/** A text that must not be empty. */
export function requiredText(what: string) {
  return cell<string>((raw) => {
    const value = oneLine(raw);
    return value === "" ? { error: `is empty: every row needs ${what}` } : { ok: value };
  });
}

/** A text that may be empty (stored as null). */
export const optionalText = cell<string | null>((raw) => {
  const value = oneLine(raw);
  return { ok: value === "" ? null : value };
});

/** A Slack or Discord channel (its ID, or a name without spaces), or empty (null). */
export const channelCell = cell<string | null>((raw) => {
  const value = raw.trim();
  if (value === "") return { ok: null };
  if (/^[^\s\p{Cc}\p{Cf}]{1,80}$/u.test(value)) return { ok: value };
  return {
    error: `${quoted(raw)} is not a channel (use the channel's ID, e.g. C0123ABCD, or leave the cell empty)`,
  };
});

/** A mission kind; `High Commission` and `high-commission` are read as `high_commission`. */
export const kindCell = cell<MissionKind>((raw) => {
  const kind = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  const found = MISSION_KINDS.find((k) => k === kind);
  if (found) return { ok: found };
  if (kind === "") return { error: `is empty: every row needs a kind (${orList(MISSION_KINDS)})` };
  return { error: `${quoted(raw)} is not a mission kind (expected ${orList(MISSION_KINDS)})` };
});

/** An IANA time zone such as `Europe/London`; its usual capitalisation is restored. */
export const timezoneCell = cell<string>((raw) => {
  const zone = raw.trim();
  if (zone === "") return { error: "is empty: every row needs a time zone, e.g. Europe/London" };
  const error = `${quoted(raw)} is not a time zone (use an IANA name such as Europe/London or America/New_York)`;
  // Intl also accepts offsets like "+01:00" in newer Node versions; a mission needs a real zone.
  if (/^[+-]?\d/.test(zone) || !IANAZone.isValidZone(zone)) return { error };
  const resolved = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  return { ok: resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone };
});

/** A weekend such as `sat-sun`, `fri-sat` or `fri`. */
export const weekendCell = cell<string>((raw) => {
  const weekend = normalizeWeekend(raw);
  if (weekend) return { ok: weekend };
  if (raw.trim() === "") return { error: "is empty: every row needs its weekend, e.g. sat-sun" };
  return {
    error:
      `${quoted(raw)} is not a weekend (use one day or two or three consecutive days, ` +
      `e.g. ${orList(WEEKEND_EXAMPLES)})`,
  };
});

/** A platform; `twitter` is read as `x`. */
export const platformCell = cell<Platform>((raw) => {
  const name = raw.trim().toLowerCase();
  const found = PLATFORMS.find((p) => p === (name === "twitter" ? "x" : name));
  if (found) return { ok: found };
  if (name === "") return { error: `is empty: every row needs a platform (${orList(PLATFORMS)})` };
  return { error: `${quoted(raw)} is not a platform (expected ${orList(PLATFORMS)})` };
});

/** What a handle may look like once its leading `@` is gone. */
export const HANDLE_PATTERN = /^[^\s@/\\?#\p{Cc}\p{Cf}]{1,100}$/u;

/** A handle as the platform shows it; one leading `@` is dropped. */
export const handleCell = cell<string>((raw) => {
  const handle = raw.trim().replace(/^@/, "");
  if (handle === "") return { error: "is empty: every row needs the account name, e.g. MOFA_Washington" };
  if (!HANDLE_PATTERN.test(handle)) {
    return {
      error:
        `${quoted(raw)} is not an account name (write it without spaces or slashes, e.g. MOFA_Washington; ` +
        "put a link in the url column)",
    };
  }
  return { ok: handle };
});

/** An http(s) link, or empty (null). */
export const urlCell = cell<string | null>((raw) => {
  const value = raw.trim();
  if (value === "") return { ok: null };
  const error = `${quoted(raw)} is not a web address (it must start with https:// or http://)`;
  try {
    const url = new URL(value);
    if ((url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname) return { error };
    return { ok: value };
  } catch {
    return { error };
  }
});

const TRUE_WORDS = ["true", "yes", "1", "y"];
const FALSE_WORDS = ["false", "no", "0", "n", ""];

/** true/false, yes/no, 1/0; empty means false. */
export const booleanCell = cell<boolean>((raw) => {
  const value = raw.trim().toLowerCase();
  if (TRUE_WORDS.includes(value)) return { ok: true };
  if (FALSE_WORDS.includes(value)) return { ok: false };
  return { error: `${quoted(raw)} is not true or false (use true, false, yes, no, 1, 0, or leave it empty)` };
});
