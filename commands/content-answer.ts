import { DateTime } from "luxon";
import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { reply } from "../src/core/reply.ts";
import { verifyShares } from "../src/db/repos/content-ledger-repo.ts";
import { getContentItem, getDelivery, recordAnswer } from "../src/db/repos/content-repo.ts";
import { resolveMission } from "../src/db/repos/missions-repo.ts";
import { answerRefusal, describeTargets, parseAnswer } from "../src/domain/content.ts";
import { answerLine, contentPingReply } from "../src/domain/content-messages.ts";

/**
 * `/content answer <id> <mission> shared <links…>` | `will <YYYY-MM-DD>` | `na <reason> [why]`:
 * a mission's answer to an item. The ping's buttons run this too. Only the mission's officers
 * (and admins) may answer for it; every answer is audited. `data.ping` is the ping
 * as it should now read, for adapters that update the message in place.
 */
export default defineCommand({
  name: "content answer",
  summary:
    "Answer for your mission about SCD content: shared (with the post links), will share on a day, or not applicable.",
  examples: [
    "content answer 12 washington shared https://x.com/ArcadiaInUSA/status/1860000000000000000",
    "content answer 12 washington will 2026-12-03",
    "content answer 12 riyadh na host-country The theme is sensitive here this month",
  ],
  args: z.object({
    id: z.coerce.number().int().min(1).max(1_000_000_000).describe("The content item's number"),
    mission: z.string().min(1).describe("Your mission's code"),
    answer: z.enum(["shared", "will", "na"]).describe("shared, will (share on a day) or na (not applicable)"),
    details: z
      .string()
      .max(3000)
      .optional()
      .describe(
        "shared: the post links; will: the day (YYYY-MM-DD); na: host-country, language, already-covered or other, then why",
      ),
  }),
  positional: ["id", "mission", "answer", "details"],
  restIsText: true,
  minRole: "mission_officer",
  mutates: true,
  execute(args, ctx) {
    const { db, clock } = ctx.deps;
    const item = getContentItem(db, args.id);
    if (!item) {
      throw new UserError(
        "unknown_content",
        `There is no content item #${args.id}. Type /content list to see them.`,
      );
    }
    const mission = resolveMission(db, args.mission, `/content answer ${item.id}`);
    const refusal = answerRefusal(ctx.member, mission);
    if (refusal) throw new UserError("forbidden", refusal);
    const delivery = getDelivery(db, item.id, mission.id);
    if (!delivery) {
      throw new UserError(
        "not_targeted",
        `Content #${item.id} “${item.title}” was not sent to ${mission.code}: it is for ${describeTargets(item.targets)}.`,
      );
    }
    const now = clock.now();
    const today = DateTime.fromJSDate(now).setZone(mission.timezone).toISODate() ?? "";
    const answer = parseAnswer(
      args.answer,
      args.details,
      today,
      `/content answer ${item.id} ${mission.code}`,
    );
    if (delivery.state === "verified" && answer.kind !== "shared") {
      throw new UserError(
        "already_verified",
        `${mission.code} already shared “${item.title}”: ${answerLine(delivery) ?? "verified"} Nothing changed.`,
      );
    }
    recordAnswer(db, {
      contentId: item.id,
      missionId: mission.id,
      answer,
      by: `${ctx.caller.platform}:${ctx.caller.userId}`,
      at: now.toISOString(),
    });
    const verified =
      answer.kind === "shared" ? verifyShares(db, { contentId: item.id, missionId: mission.id }, now) : [];
    const updated = getDelivery(db, item.id, mission.id) ?? delivery;
    ctx.audit("content.answer", {
      contentId: item.id,
      mission: mission.code,
      answer: answer.kind,
      ...(answer.kind === "shared" ? { links: answer.links } : {}),
      ...(answer.kind === "will" ? { date: answer.date } : {}),
      ...(answer.kind === "na" ? { reason: answer.reason, text: answer.text } : {}),
      state: updated.state,
      previousState: delivery.state,
    });
    const line = answerLine(updated) ?? "";
    const text =
      verified.length > 0
        ? `Thank you: ${mission.name} shared “${item.title}”, and the post is already in the figures. ${line}`
        : `Thank you: recorded for ${mission.name}, “${item.title}”. ${line}`;
    return {
      reply: reply([{ type: "text", text }], { fallback: text }),
      data: {
        contentId: item.id,
        mission: mission.code,
        answer,
        state: updated.state,
        verified: verified.length > 0,
        ping: contentPingReply(
          item,
          { code: mission.code, name: mission.name, language: mission.language },
          updated,
        ),
      },
    };
  },
});
