import { DateTime } from "luxon";
import { type Reply, type ReplyElement, reply } from "../core/reply.ts";
import type { AlertKind, AlertSeverity } from "../domain/alerts.ts";
import { DEMO_NOTICE_SHORT } from "../domain/demo-notice.ts";
import { formatCount, formatPct, formatSigned } from "../domain/format.ts";
import { handleName } from "../domain/platform-names.ts";

/** An alert with the handle and mission it is about, ready to be worded. */
export interface AlertToSend {
  kind: AlertKind;
  severity: AlertSeverity;
  details: Record<string, unknown>;
  handle: { platform: string; handle: string };
  mission: { code: string; name: string };
}

/**
 * One message for a mission's new alerts: each in a sentence or two saying what happened, how
 * unusual it is, and what to do. `forScd` words the header for the SCD channel.
 */
export function alertsReply(
  alerts: AlertToSend[],
  options: { forScd?: boolean; demo?: boolean } = {},
): Reply {
  const mission = alerts[0]?.mission ?? { code: "", name: "" };
  const serious = alerts.some((a) => a.severity === "serious");
  const noun = alerts.length === 1 ? "alert" : "alerts";
  const header = options.forScd
    ? `Serious ${noun} — ${mission.name}`
    : `${alerts.length === 1 ? "Alert" : `${alerts.length} alerts`} — ${mission.name}`;
  const elements: ReplyElement[] = [{ type: "header", text: header }];
  if (options.demo)
    elements.push({
      type: "context",
      text: DEMO_NOTICE_SHORT,
    });
  for (const alert of alerts) {
    elements.push({
      type: "text",
      text: alertSentence(alert),
      tone: alert.severity === "info" ? "normal" : "warning",
    });
  }
  elements.push({
    type: "buttons",
    buttons: [{ id: "alert:stats", label: "Mission figures", command: `/mission-stats ${mission.code} 30d` }],
  });
  const first = alerts[0] ? alertSentence(alerts[0]) : "";
  return reply(elements, {
    ephemeral: false,
    fallback:
      `${serious ? "Serious: " : ""}${mission.name}: ${first}${alerts.length > 1 ? ` (and ${alerts.length - 1} more)` : ""}`.slice(
        0,
        300,
      ),
  });
}

/** One alert in words. */
export function alertSentence(a: AlertToSend): string {
  const who = handleName(a.handle.platform, a.handle.handle);
  const d = a.details;
  switch (a.kind) {
    case "follower_drop":
    case "follower_spike": {
      const change = num(d.change);
      const rounded = (v: number | null) => (v === null ? null : Math.round(v));
      const usual = `usually ${formatSigned(rounded(num(d.usualMean)))} ± ${formatCount(rounded(num(d.usualSd)))} a day over the previous ${num(d.baselineChanges) ?? "n/a"} days`;
      const pct = formatPct(num(d.changePct), true);
      return a.kind === "follower_drop"
        ? `${who} lost ${formatCount(change === null ? null : -change)} followers on ${day(str(d.date))} (${pct}), far outside its usual change (${usual}). Check whether the account was restricted or hacked, or whether the platform removed fake followers.`
        : `${who} gained ${formatCount(change)} followers on ${day(str(d.date))} (${pct}), far above its usual change (${usual}). If no campaign or news explains it, check for bought or automated followers.`;
    }
    case "viral_post": {
      const url = str(d.url);
      return `A post by ${who} on ${day(str(d.date))} has ${formatCount(num(d.interactions))} interactions, far above its usual (median ${formatCount(num(d.usualMedian))} over its previous ${num(d.baselinePosts) ?? "n/a"} posts)${url ? `: ${url}` : ""}. Worth building on, and telling the SCD.`;
    }
    case "verification_lost":
      return `${who} lost its verification badge (${day(str(d.date))}). Ask the platform to restore it; once it is back, record it with /handle verify ${a.mission.code} ${a.handle.platform} ${a.handle.handle} yes.`;
    case "silent":
      return `${who} has not posted for ${num(d.days) ?? "n/a"} days (last post ${day(str(d.lastPostAt))}). Post again, or tell the SCD if the account is paused on purpose.`;
    case "token_expired": {
      const since = str(d.since);
      const error = str(d.error);
      return `${who}: its API token has expired${since ? ` (since ${day(since)})` : ""}, so its figures no longer arrive. ${error || "An admin of the account must create a new access token and store it with dmd credentials set."}`;
    }
  }
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** "Tue 24 Nov" for a date, the text itself for anything else. */
function day(date: string): string {
  const d = DateTime.fromISO(date, { zone: "utc" });
  return d.isValid && /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? d.setLocale("en-GB").toFormat("ccc d LLL")
    : date || "n/a";
}
