import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { type ReplyElement, reply } from "../src/core/reply.ts";
import { listHandles } from "../src/db/repos/handles-repo.ts";
import { countMissions, resolveMission } from "../src/db/repos/missions-repo.ts";
import { namingRules } from "../src/db/repos/settings-repo.ts";
import { handleAggregates } from "../src/db/repos/stats-repo.ts";
import { formatCount } from "../src/domain/format.ts";
import { computeHandleMetrics } from "../src/domain/metrics.ts";
import { parsePeriod } from "../src/domain/period.ts";
import { platformName } from "../src/domain/platform-names.ts";
import { asOfIn } from "./support/as-of.ts";
import { demoLabel } from "./support/demo-label.ts";
import { noMissionsReply } from "./support/no-missions.ts";

/** Days without a post after which a handle counts as inactive. */
export const INACTIVE_AFTER_DAYS = 14;

/** `/handles <mission>`: the mission's handles, their blue ticks, freshness and warnings. */
export default defineCommand({
  name: "handles",
  summary: "A mission's handles: verification, freshness, and what needs fixing.",
  examples: ["handles washington", "handles riyadh"],
  args: z.object({
    mission: z.string().min(1).describe("Mission code, city, country or name"),
  }),
  positional: ["mission"],
  minRole: "viewer",
  execute(args, ctx) {
    const { db, config } = ctx.deps;
    if (countMissions(db) === 0) return noMissionsReply();
    const mission = resolveMission(db, args.mission);
    const asOf = asOfIn(ctx, mission.timezone);
    // 365 days back is enough to find the last post and the latest follower reading.
    const period = parsePeriod("365d", asOf);
    const handles = listHandles(db, mission.id);
    const aggregates = handleAggregates(
      db,
      handles.map((h) => h.id),
      period,
    );
    const rules = namingRules(db, config.handleNaming);
    const elements: ReplyElement[] = [
      { type: "header", text: `Handles of ${mission.name}` },
      { type: "context", text: `As of ${asOf} (${mission.timezone}) · code ${mission.code}` },
      ...demoLabel(db),
    ];
    if (handles.length === 0) {
      elements.push({
        type: "text",
        text: `No active handles. Add one with /handle add ${mission.code} <platform> <handle> [url].`,
        tone: "warning",
      });
      return { reply: reply(elements), data: { mission: mission.code, handles: [] } };
    }
    const data = handles.map((h) => {
      const agg = aggregates.get(h.id);
      const m = agg ? computeHandleMetrics(agg, period) : null;
      const warnings: string[] = [];
      const rule = rules[h.platform];
      if (rule && !rule.test(h.handle)) warnings.push(`breaks the naming standard (${rule.source})`);
      if (!h.verified) warnings.push("not verified: request the blue tick");
      if (!m?.lastPostAt) warnings.push("no posts in the last year");
      else if ((m.daysSinceLastPost ?? 0) >= INACTIVE_AFTER_DAYS)
        warnings.push(`inactive: no post for ${m.daysSinceLastPost} days`);
      if (m?.stale)
        warnings.push(
          m.followersAsOf ? `stale data: last reading ${m.followersAsOf}` : "no data received yet",
        );
      if (h.collectionStatus && h.collectionStatus !== "ok" && h.collectionError)
        warnings.push(h.collectionError);
      return { handle: h, metrics: m, warnings };
    });
    elements.push({
      type: "table",
      columns: ["Platform", "Handle", "Verified", "Followers", "Data as of", "Last post", "Needs attention"],
      align: ["left", "left", "left", "right", "left", "left", "left"],
      rows: data.map(({ handle, metrics, warnings }) => [
        platformName(handle.platform),
        `@${handle.handle}`,
        handle.verified ? "yes" : "no",
        formatCount(metrics?.followers ?? null),
        metrics?.followersAsOf ?? "no data",
        metrics?.lastPostAt ?? "none",
        warnings.length === 0 ? "—" : warnings.join("; "),
      ]),
    });
    const problems = data.filter((d) => d.warnings.length > 0).length;
    elements.push({
      type: "context",
      text:
        problems === 0
          ? "All handles are verified, active and up to date."
          : `${problems} of ${data.length} handles need attention.`,
    });
    return {
      reply: reply(elements, { fallback: `Handles of ${mission.name}: ${problems} need attention` }),
      data: {
        mission: mission.code,
        asOf,
        handles: data.map(({ handle, metrics, warnings }) => ({
          platform: handle.platform,
          handle: handle.handle,
          url: handle.url,
          verified: handle.verified,
          followers: metrics?.followers ?? null,
          followersAsOf: metrics?.followersAsOf ?? null,
          lastPostAt: metrics?.lastPostAt ?? null,
          daysSinceLastPost: metrics?.daysSinceLastPost ?? null,
          stale: metrics?.stale ?? true,
          collectionStatus: handle.collectionStatus,
          warnings,
        })),
      },
    };
  },
});
