import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { textReply } from "../src/core/reply.ts";
import { setVerified } from "../src/db/repos/handles-repo.ts";
import { handleTarget, resolveOwnHandle } from "./support/handle-args.ts";

/** `/handle verify <mission> <platform> <handle> [yes|no]`: records the blue tick state. */
export default defineCommand({
  name: "handle verify",
  summary: "Record that a handle has (or has lost) its verification badge.",
  examples: ["handle verify washington x ArcadiaInUSA", "handle verify washington x ArcadiaInUSA no"],
  args: z.object({
    ...handleTarget,
    verified: z
      .enum(["yes", "no"])
      .default("yes")
      .describe("yes when the badge is there, no when it was lost"),
  }),
  positional: ["mission", "platform", "handle", "verified"],
  minRole: "mission_officer",
  mutates: true,
  execute(args, ctx) {
    const { db } = ctx.deps;
    const { mission, handle, what } = resolveOwnHandle(ctx, args);
    const verified = args.verified === "yes";
    setVerified(db, handle.id, verified);
    ctx.audit("handle.verify", {
      mission: mission.code,
      platform: args.platform,
      handle: handle.handle,
      from: handle.verified,
      to: verified,
    });
    return {
      reply: textReply(verified ? `${what} is marked as verified.` : `${what} is marked as not verified.`),
      data: { mission: mission.code, platform: args.platform, handle: handle.handle, verified },
    };
  },
});
