import type { ReplyElement } from "../../core/reply.ts";
import type { Db } from "../../db/client.ts";
import { listAllActiveHandles } from "../../db/repos/handles-repo.ts";
import { handleAggregates } from "../../db/repos/stats-repo.ts";
import { yesterdayIn } from "../../domain/dates.ts";
import { computeHandleMetrics } from "../../domain/metrics.ts";
import { lastDays } from "../../domain/period.ts";

/** Days without a post after which a handle counts as inactive. */
const INACTIVE_DAYS = 30;

/**
 * The fleet's handles that need someone's attention, for the SCD's App Home: figures gone stale,
 * no post in {@link INACTIVE_DAYS} days, not verified, or collection failing. Figures follow
 * METRICS.md (`stale`: followers older than two days before the as-of day, yesterday at HQ).
 */
export function handlesNeedingAttention(db: Db, now: Date, hqTimezone: string): ReplyElement[] {
  const period = lastDays(INACTIVE_DAYS, yesterdayIn(hqTimezone, now));
  const handles = listAllActiveHandles(db);
  const aggregates = handleAggregates(
    db,
    handles.map((h) => h.id),
    period,
  );
  const rows: string[][] = [];
  for (const h of handles) {
    const agg = aggregates.get(h.id);
    if (!agg) continue;
    const m = computeHandleMetrics(agg, period);
    const issues: string[] = [];
    if (h.collectionStatus && h.collectionStatus !== "ok")
      issues.push(h.collectionError ?? `collection: ${h.collectionStatus}`);
    if (m.stale)
      issues.push(
        m.followersAsOf ? `no follower figures since ${m.followersAsOf}` : "no follower figures yet",
      );
    if (m.posts === 0) issues.push(m.lastPostAt ? `no post since ${m.lastPostAt}` : "no posts recorded");
    if (!h.verified) issues.push("not verified");
    if (issues.length > 0) rows.push([h.missionCode, h.platform, `@${h.handle}`, issues.join("; ")]);
  }
  rows.sort(
    (a, b) =>
      (a[0] ?? "").localeCompare(b[0] ?? "") ||
      (a[1] ?? "").localeCompare(b[1] ?? "") ||
      (a[2] ?? "").localeCompare(b[2] ?? ""),
  );
  const title: ReplyElement = {
    type: "header",
    text: `Handles needing attention: ${rows.length} of ${handles.length}`,
  };
  if (rows.length === 0) {
    return [title, { type: "text", text: "Every active handle is verified, posting and up to date." }];
  }
  return [
    title,
    {
      type: "context",
      text: `As of ${period.end}. Stale: no follower figures in the last 3 days. Inactive: no post in ${INACTIVE_DAYS} days.`,
    },
    { type: "table", columns: ["Mission", "Platform", "Handle", "Needs attention"], rows },
  ];
}
