import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { textReply } from "../src/core/reply.ts";
import { deactivateHandle } from "../src/db/repos/handles-repo.ts";
import { handleTarget, resolveOwnHandle } from "./support/handle-args.ts";

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
    const { mission, handle, what } = resolveOwnHandle(ctx, args);
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
