import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { type ReplyElement, reply } from "../src/core/reply.ts";
import { adoptionByMission } from "../src/db/repos/content-ledger-repo.ts";
import { countMissions, listRegions } from "../src/db/repos/missions-repo.ts";
import { fleetMetrics } from "../src/db/repos/stats-repo.ts";
import { MISSION_KINDS } from "../src/db/schema.ts";
import { formatCount, formatPct } from "../src/domain/format.ts";
import { normalizeName } from "../src/domain/mission-lookup.ts";
import { parsePeriod } from "../src/domain/period.ts";
import { rankDescending } from "../src/domain/ranks.ts";
import { fleetAsOf } from "./support/as-of.ts";
import { demoLabel } from "./support/demo-label.ts";
import { noMissionsReply } from "./support/no-missions.ts";

/** Metric names people type, and the METRICS.md field each ranks on. */
const METRICS = {
  followers: { field: "followers", label: "Followers", format: formatCount },
  growth: {
    field: "followerGrowthPct",
    label: "Follower growth",
    format: (v: number | null) => formatPct(v, true),
  },
  engagement: { field: "engagementRate", label: "Engagement rate", format: formatPct },
  posts: { field: "posts", label: "Posts", format: formatCount },
  interactions: { field: "interactions", label: "Interactions", format: formatCount },
  adoption: { field: "adoption", label: "Content adoption", format: formatPct },
} as const;

/** What `adoption` measures, shown under its leaderboard. */
const ADOPTION_NOTE =
  "Content adoption: of the SCD content items sent to the mission during the period, the share it published (verified in its posts) by the period's end; n/a when it was sent none.";

const PAGE_SIZE = 25;

/** `/leaderboard [metric] [period] [region=…] [kind=…] [page=N]`: every mission ranked. */
export default defineCommand({
  name: "leaderboard",
  aliases: ["rank"],
  summary: "All missions ranked on one metric, optionally within a region or kind.",
  examples: [
    "leaderboard",
    "leaderboard engagement 7d",
    'leaderboard growth 90d region="Middle East"',
    "leaderboard posts kind=consulate",
  ],
  args: z.object({
    metric: z
      .enum(Object.keys(METRICS) as [keyof typeof METRICS, ...(keyof typeof METRICS)[]])
      .default("followers")
      .describe("What to rank by"),
    period: z.string().optional().describe("7d, 30d, 90d, 365d, an ISO week like 2026-W47, or a date range"),
    region: z.string().optional().describe("Only missions in this region"),
    kind: z.enum(MISSION_KINDS).optional().describe("Only missions of this kind"),
    page: z.coerce.number().int().min(1).max(1000).default(1).describe("Page of 25 rows"),
  }),
  positional: ["metric", "period"],
  minRole: "viewer",
  execute(args, ctx) {
    const { db } = ctx.deps;
    if (countMissions(db) === 0) return noMissionsReply();
    const period = parsePeriod(args.period, fleetAsOf(ctx));
    const region = args.region ? matchRegion(listRegions(db), args.region) : undefined;
    const metric = METRICS[args.metric];
    const fleet = fleetMetrics(db, period, { region, kind: args.kind }).filter(
      (row) => row.kind !== "hq" || args.kind === "hq",
    );
    const adoption = metric.field === "adoption" ? adoptionByMission(db, period) : null;
    const ranked = rankDescending(
      fleet.map((row) => ({
        key: row,
        value:
          metric.field === "adoption"
            ? (adoption?.get(row.missionId)?.adoption ?? null)
            : row.totals[metric.field],
      })),
    );
    const scope = [region, args.kind?.replace("_", " ")].filter(Boolean).join(", ");
    const title = `${metric.label} leaderboard — ${period.label}${scope ? ` — ${scope}` : ""}`;
    const pages = Math.max(1, Math.ceil(ranked.length / PAGE_SIZE));
    const page = Math.min(args.page, pages);
    const shown = ranked.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const elements: ReplyElement[] = [
      { type: "header", text: title },
      {
        type: "context",
        text: `${period.start} to ${period.end} · ${ranked.length} missions · page ${page} of ${pages}${ranked.some((r) => r.rank === null) ? " · missions without data are listed last, unranked" : ""}`,
      },
      ...demoLabel(db),
      ...(metric.field === "adoption" ? [{ type: "context" as const, text: ADOPTION_NOTE }] : []),
    ];
    if (ranked.length === 0) {
      elements.push({ type: "text", text: "No missions match these filters.", tone: "warning" });
    } else {
      elements.push({
        type: "table",
        columns: ["Rank", "Mission", "Region", metric.label],
        align: ["right", "left", "left", "right"],
        rows: shown.map((r) => [
          r.rank === null ? "–" : String(r.rank),
          r.key.name,
          r.key.region,
          metric.format(r.value),
        ]),
        more: ranked.length - (page - 1) * PAGE_SIZE - shown.length,
      });
      if (page < pages) {
        const rest = [
          args.metric,
          args.period,
          region ? `region="${region}"` : "",
          args.kind ? `kind=${args.kind}` : "",
        ];
        elements.push({
          type: "buttons",
          buttons: [
            {
              id: "leaderboard:next",
              label: `Next ${PAGE_SIZE}`,
              command: `/leaderboard ${rest.filter(Boolean).join(" ")} page=${page + 1}`,
            },
          ],
        });
      }
    }
    return {
      reply: reply(elements, { fallback: title }),
      data: {
        metric: metric.field,
        period: { start: period.start, end: period.end, days: period.days },
        filter: { region: region ?? null, kind: args.kind ?? null },
        rows: ranked.map((r) => ({ rank: r.rank, mission: r.key.code, value: r.value })),
      },
    };
  },
});

function matchRegion(regions: string[], wanted: string): string {
  const found = regions.find((r) => normalizeName(r) === normalizeName(wanted));
  if (found) return found;
  throw new UserError(
    "unknown_region",
    `There is no region called "${wanted.slice(0, 40)}". Regions: ${regions.join(", ")}.`,
  );
}
