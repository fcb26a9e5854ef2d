import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { textReply } from "../src/core/reply.ts";
import { upsertMember } from "../src/db/repos/members-repo.ts";
import { resolveMission } from "../src/db/repos/missions-repo.ts";
import { ROLES } from "../src/db/schema.ts";
import { formatUserRef, parseUserRef } from "./support/user-ref.ts";

/** `/access grant <user> <role> [mission]` (admins). */
export default defineCommand({
  name: "access grant",
  summary: "Give a user a role: admin, scd, mission_officer (of one mission) or viewer.",
  examples: ["access grant @amina mission_officer washington", "access grant slack:U0123ABC scd"],
  args: z.object({
    user: z.string().min(1).describe("The user: a mention, or platform:id such as slack:U0123ABC"),
    role: z.enum(ROLES).describe("The role to give"),
    mission: z.string().optional().describe("For mission_officer: the mission they answer for"),
  }),
  positional: ["user", "role", "mission"],
  minRole: "admin",
  mutates: true,
  execute(args, ctx) {
    const { db } = ctx.deps;
    const user = parseUserRef(args.user, ctx.caller);
    let mission: { id: number; code: string; name: string } | null = null;
    if (args.role === "mission_officer") {
      if (!args.mission) {
        throw new UserError(
          "missing_mission",
          `A mission officer answers for one mission: say which, e.g. /access grant ${args.user} mission_officer washington.`,
        );
      }
      mission = resolveMission(db, args.mission);
    } else if (args.mission) {
      throw new UserError(
        "unexpected_mission",
        `Only the mission_officer role takes a mission; ${args.role} covers every mission.`,
      );
    }
    upsertMember(db, {
      platform: user.platform,
      userId: user.userId,
      role: args.role,
      missionId: mission?.id ?? null,
      grantedBy: `${ctx.caller.platform}:${ctx.caller.userId}`,
    });
    ctx.audit("access.grant", { user: formatUserRef(user), role: args.role, mission: mission?.code ?? null });
    const where = mission ? ` for ${mission.name}` : "";
    return {
      reply: textReply(`${formatUserRef(user)} is now ${args.role}${where}.`),
      data: { user: formatUserRef(user), role: args.role, mission: mission?.code ?? null },
    };
  },
});
