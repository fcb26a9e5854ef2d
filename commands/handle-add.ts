import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { textReply } from "../src/core/reply.ts";
import { requireMissionAccess } from "../src/core/roles.ts";
import { addHandle } from "../src/db/repos/handles-repo.ts";
import { resolveMission } from "../src/db/repos/missions-repo.ts";
import { handleName } from "../src/domain/platform-names.ts";
import { handleTarget } from "./support/handle-args.ts";

/** `/handle add <mission> <platform> <handle> [url]`. */
export default defineCommand({
  name: "handle add",
  summary: "Register a mission's official handle (admins, or the mission's own officers).",
  examples: [
    "handle add washington x ArcadiaInUSA",
    "handle add riyadh instagram arcadia_in_ksa https://instagram.com/arcadia_in_ksa",
  ],
  args: z.object({
    ...handleTarget,
    url: z
      .url({ protocol: /^https?$/, error: "a link must start with https://" })
      .optional()
      .describe("Link to the profile"),
  }),
  positional: ["mission", "platform", "handle", "url"],
  minRole: "mission_officer",
  mutates: true,
  execute(args, ctx) {
    const { db } = ctx.deps;
    const mission = resolveMission(db, args.mission);
    requireMissionAccess(ctx.member, mission);
    const result = addHandle(db, {
      missionId: mission.id,
      platform: args.platform,
      handle: args.handle,
      url: args.url ?? null,
    });
    ctx.audit("handle.add", {
      mission: mission.code,
      platform: args.platform,
      handle: args.handle,
      result: result.status,
    });
    const what = handleName(args.platform, args.handle);
    const text =
      result.status === "created"
        ? `Added ${what} to ${mission.name}. Its figures appear once an export is imported or the API collects it.`
        : result.status === "reactivated"
          ? `${what} is active again for ${mission.name}; its earlier history is kept.`
          : `${what} is already registered for ${mission.name}. Nothing changed.`;
    return {
      reply: textReply(text),
      data: { mission: mission.code, platform: args.platform, handle: args.handle, status: result.status },
    };
  },
});
