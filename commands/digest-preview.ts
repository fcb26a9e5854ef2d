import { z } from "zod";
import type { Context } from "../src/core/command.ts";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import type { ReplyElement } from "../src/core/reply.ts";
import type { Db } from "../src/db/client.ts";
import {
  countMissions,
  getMissionById,
  type MissionRow,
  resolveMission,
} from "../src/db/repos/missions-repo.ts";
import { isDemoNetwork } from "../src/db/repos/settings-repo.ts";
import { buildDigests } from "../src/digest/build-digests.ts";
import { buildFleetRollup } from "../src/digest/build-rollup.ts";
import { digestReply } from "../src/digest/reply.ts";
import { rollupReply } from "../src/digest/rollup-reply.ts";
import { addDays } from "../src/domain/dates.ts";
import { digestWeek, latestDigestWeek } from "../src/domain/digest-week.ts";
import { firstWorkingDay } from "../src/domain/working-week.ts";
import { asOfIn, fleetAsOf } from "./support/as-of.ts";
import { isWeekText, parseWeekArg } from "./support/digest-week-arg.ts";
import { noMissionsReply } from "./support/no-missions.ts";

/** Words that ask for the SCD roll-up instead of a mission's digest. */
const ROLLUP_WORDS = new Set(["scd", "rollup", "roll-up", "network", "fleet"]);

/** `/digest preview [mission] [week]`: any mission's weekly digest (or the SCD roll-up) on demand. */
export default defineCommand({
  name: "digest preview",
  summary: "Show a mission's weekly digest (or the SCD roll-up) for any week, as the channel receives it.",
  examples: ["digest preview washington", "digest preview washington 2026-W47", "digest preview scd"],
  args: z.object({
    mission: z
      .string()
      .optional()
      .describe(
        "Mission code, city, country or name; scd for the network roll-up; your own mission when left out",
      ),
    week: z.string().optional().describe("An ISO week such as 2026-W47; the week just ended when left out"),
  }),
  positional: ["mission", "week"],
  minRole: "viewer",
  async execute(args, ctx) {
    const { db } = ctx.deps;
    if (countMissions(db) === 0) return noMissionsReply();
    let missionText = args.mission?.trim() || undefined;
    let weekText = args.week?.trim() || undefined;
    if (missionText && weekText === undefined && isWeekText(missionText)) {
      weekText = missionText;
      missionText = undefined;
    }
    if (missionText && ROLLUP_WORDS.has(missionText.toLowerCase())) return rollupPreview(ctx, weekText);
    const mission = missionText ? resolveMission(db, missionText, "/digest preview") : ownMission(ctx);
    if (mission.kind === "hq") {
      throw new UserError(
        "no_digest",
        `${mission.name} is headquarters: it gets the network roll-up, not a mission digest. Type /digest preview scd.`,
      );
    }
    const workweek = firstWorkingDay(mission.weekend);
    const asOf = asOfIn(ctx, mission.timezone);
    const latest = latestDigestWeek(asOf, workweek);
    const label = weekText ? parseWeekArg(weekText) : latest.label;
    const period = digestWeek(label, workweek);
    if (period.start > asOf) {
      throw new UserError(
        "future_week",
        `Week ${label} has not begun yet for ${mission.name} (figures run to ${asOf}). The latest complete week is ${latest.label}.`,
      );
    }
    const [digest] = buildDigests(db, [mission], label, {
      weekWords: label === latest.label ? "last week" : `in week ${label}`,
    });
    if (!digest) throw new Error(`No digest built for ${mission.code}`);
    const reply = await digestReply(digest, { demo: isDemoNetwork(db), ephemeral: true });
    reply.elements.splice(1, 0, { type: "context", text: previewNote(mission, period.end, asOf) });
    return { reply, data: digest };
  },
});

function ownMission(ctx: Context): MissionRow {
  const { member } = ctx;
  if (member.role === "mission_officer" && member.missionId !== null) {
    const own = getMissionById(ctx.deps.db, member.missionId);
    if (own) return own;
  }
  throw new UserError(
    "which_mission",
    "Which mission's digest? Name it, e.g. /digest preview washington, or /digest preview scd for the network roll-up.",
  );
}

function previewNote(mission: MissionRow, weekEnd: string, asOf: string): string {
  const channel = mission.slackChannel || mission.discordChannel;
  const sent = channel
    ? `Preview of the digest ${mission.name}'s channel receives on ${addDays(weekEnd, 1)} at 09:00 local time.`
    : `Preview only: ${mission.name} has no Slack or Discord channel in the registry, so no digest is sent. Add slack_channel or discord_channel to its row in the missions file.`;
  const partial = weekEnd > asOf ? ` This week is not over yet: figures up to ${asOf}.` : "";
  return sent + partial;
}

async function rollupPreview(ctx: Context, weekText: string | undefined) {
  const db: Db = ctx.deps.db;
  const asOf = fleetAsOf(ctx);
  const latest = latestDigestWeek(asOf, 1);
  const label = weekText ? parseWeekArg(weekText) : latest.label;
  const period = digestWeek(label, 1);
  if (period.start > asOf) {
    throw new UserError(
      "future_week",
      `Week ${label} has not begun yet (figures run to ${asOf}). The latest complete week is ${latest.label}.`,
    );
  }
  const rollup = buildFleetRollup(db, label, {
    weekWords: label === latest.label ? "last week" : `in week ${label}`,
  });
  const reply = rollupReply(rollup, { demo: isDemoNetwork(db), ephemeral: true });
  const note: ReplyElement = {
    type: "context",
    text: `Preview of the roll-up the SCD channel receives on Monday ${addDays(period.end, 1)} at 09:00 HQ time.${period.end > asOf ? ` This week is not over yet: figures up to ${asOf}.` : ""}`,
  };
  reply.elements.splice(1, 0, note);
  return { reply, data: rollup };
}
