import { z } from "zod";
import { type Context, defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { hasRole } from "../src/core/roles.ts";
import {
  getMissionById,
  listMissions,
  type MissionRow,
  resolveMission,
} from "../src/db/repos/missions-repo.ts";
import { getSetting, isDemoNetwork } from "../src/db/repos/settings-repo.ts";
import {
  countLlmRequests,
  LLM_REQUEST_ACTION,
  oldestLlmRequestSince,
} from "../src/db/repos/trend-reports-repo.ts";
import { latestDigestWeek } from "../src/domain/digest-week.ts";
import type { FactsPack } from "../src/domain/facts.ts";
import { reportLanguages } from "../src/domain/languages.ts";
import { parseTrendPeriod, type TrendPeriod, weekTrendPeriod } from "../src/domain/trend-period.ts";
import { generateReports, wouldAskLlm } from "../src/trends/generate.ts";
import { loadMissionFacts, loadNetworkFacts } from "../src/trends/load-facts.ts";
import { trendData, trendReply } from "../src/trends/reply.ts";
import { asOfIn, fleetAsOf } from "./support/as-of.ts";
import { noMissionsReply } from "./support/no-missions.ts";

/** LLM reports one user may ask for per hour, unless the setting `trends.llm_per_hour` says otherwise. */
export const DEFAULT_LLM_PER_HOUR = 5;

/** The setting that changes {@link DEFAULT_LLM_PER_HOUR}. */
export const LLM_PER_HOUR_SETTING = "trends.llm_per_hour";

const NETWORK_WORDS = new Set(["network", "scd", "all", "fleet"]);
const LOOKS_LIKE_PERIOD = /^(?:\d{4}-\d{2}|\d{4}-w\d{1,2}|\d+d|\S+\.\.\S+)$/i;
const HOUR_MS = 3_600_000;

type Target = { kind: "mission"; mission: MissionRow } | { kind: "network" };

function chooseTarget(ctx: Context, text: string | undefined): Target {
  const { db } = ctx.deps;
  const typed = text?.trim() ?? "";
  if (typed !== "") {
    if (
      NETWORK_WORDS.has(typed.toLowerCase()) &&
      !listMissions(db).some((m) => m.code === typed.toLowerCase())
    ) {
      return { kind: "network" };
    }
    return { kind: "mission", mission: resolveMission(db, typed, "/trends") };
  }
  const own = ctx.member.missionId === null ? null : getMissionById(db, ctx.member.missionId);
  if (own) return { kind: "mission", mission: own };
  if (hasRole(ctx.member.role, "scd")) return { kind: "network" };
  throw new UserError(
    "missing_mission",
    "Say which mission, e.g. /trends washington, or /trends network for the weekly brief on all missions.",
  );
}

function limitPerHour(ctx: Context): number {
  const text = getSetting(ctx.deps.db, LLM_PER_HOUR_SETTING)?.trim() ?? "";
  return /^\d+$/.test(text) ? Number(text) : DEFAULT_LLM_PER_HOUR;
}

/** Whether the caller may have the LLM write now; when not, the line that says so. */
function llmAllowance(
  ctx: Context,
  pack: FactsPack,
  languages: string[],
): { allowed: boolean; note: string | null } {
  if (!wouldAskLlm(ctx.deps, pack, languages)) return { allowed: true, note: null };
  const { db, clock } = ctx.deps;
  const actor = `${ctx.caller.platform}:${ctx.caller.userId}`;
  const now = clock.now();
  const since = new Date(now.getTime() - HOUR_MS).toISOString();
  const limit = limitPerHour(ctx);
  if (countLlmRequests(db, actor, since) < limit) {
    ctx.audit(LLM_REQUEST_ACTION, {
      subject: pack.subject.code,
      period: pack.period.key,
      languages,
    });
    return { allowed: true, note: null };
  }
  const oldest = oldestLlmRequestSince(db, actor, since);
  const again = oldest ? new Date(new Date(oldest).getTime() + HOUR_MS).toISOString().slice(11, 16) : null;
  return {
    allowed: false,
    note: `You have asked for ${limit} LLM reports in the past hour, the most allowed, so this is the automatic summary.${again ? ` The LLM can write for you again after ${again} UTC.` : ""}`,
  };
}

/** `/trends [mission] [period]`: a mission's trend report, or the network's weekly brief. */
export default defineCommand({
  name: "trends",
  aliases: ["trend"],
  summary: "A mission's trend report (or the weekly brief on all missions), written from our figures.",
  examples: ["trends", "trends washington", "trends paris 2026-10", "trends network 2026-W47"],
  args: z.object({
    mission: z
      .string()
      .optional()
      .describe("Mission code, city, country or name (default: your own mission); network for all missions"),
    period: z
      .string()
      .optional()
      .describe(
        "A month like 2026-10 (default: the last full month), an ISO week like 2026-W47, 30d, or a date range",
      ),
  }),
  positional: ["mission", "period"],
  minRole: "viewer",
  async execute(args, ctx) {
    const { db, config } = ctx.deps;
    if (listMissions(db).length === 0) return noMissionsReply();
    let missionText = args.mission;
    let periodText = args.period;
    if (periodText === undefined && missionText !== undefined && LOOKS_LIKE_PERIOD.test(missionText.trim())) {
      periodText = missionText;
      missionText = undefined;
    }
    const target = chooseTarget(ctx, missionText);
    let pack: FactsPack;
    let languages: string[];
    if (target.kind === "mission") {
      const period = parseTrendPeriod(periodText, asOfIn(ctx, target.mission.timezone));
      pack = loadMissionFacts(db, target.mission, period);
      languages = reportLanguages(target.mission.language);
    } else {
      const asOf = fleetAsOf(ctx);
      const period: TrendPeriod =
        periodText === undefined || periodText.trim() === ""
          ? weekTrendPeriod(latestDigestWeek(asOf, 1).label)
          : parseTrendPeriod(periodText, asOf);
      const hq = listMissions(db, { kind: "hq" })[0];
      pack = loadNetworkFacts(db, period, { hqTimezone: config.hqTimezone, language: hq?.language ?? null });
      languages = reportLanguages(hq?.language);
    }
    const allowance = llmAllowance(ctx, pack, languages);
    const outcomes = await generateReports(ctx.deps, pack, languages, {
      allowLlm: allowance.allowed,
      blockedReason: "your LLM reports for this hour are used up",
    });
    return {
      reply: trendReply(pack, outcomes, { demo: isDemoNetwork(db), note: allowance.note }),
      data: trendData(pack, outcomes, {
        llmEnabled: ctx.deps.summarizer !== undefined,
        rateLimited: !allowance.allowed,
      }),
    };
  },
});
