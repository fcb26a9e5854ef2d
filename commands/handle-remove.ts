import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { textReply } from "../src/core/reply.ts";
import { requireMissionAccess } from "../src/core/roles.ts";
import { deactivateHandle, findHandle } from "../src/db/repos/handles-repo.ts";
import { resolveMission } from "../src/db/repos/missions-repo.ts";
import { handleTarget } from "./support/handle-args.ts";
import { platformLabel } from "./support/platforms.ts";

/** `/handle remove <mission> <platform> <handle>`: stops counting a handle, keeping its history. */
export default defineCommand({
  name: "handle remove",
  summary: "Stop tracking a handle; its history is kept (admins, or the mission's own officers).",
  examples: ["handle remove washington tiktok ArcadiaInUSA"],
  args: z.object(handleTarget),
  positional: ["mission", "platform", "handle"],
  minRole: "mission_officer",
  mutates: true,
  execute(args, ctx) {
    const { db } = ctx.deps;
    const mission = resolveMission(db, args.mission);
    requireMissionAccess(ctx.member, mission);
    const what = `${platformLabel(args.platform)} @${args.handle}`;
    const handle = findHandle(db, args.platform, args.handle);
    if (!handle || handle.missionId !== mission.id || !handle.active) {
      throw new UserError(
        "unknown_handle",
        `${mission.name} has no active ${what}. See its handles with /handles ${mission.code}.`,
      );
    }
    deactivateHandle(db, handle.id);
    ctx.audit("handle.remove", { mission: mission.code, platform: args.platform, handle: handle.handle });
    return {
      reply: textReply(
        `${what} is no longer tracked for ${mission.name}. Its history is kept; /handle add brings it back.`,
      ),
      data: { mission: mission.code, platform: args.platform, handle: handle.handle, status: "removed" },
    };
  },
});
