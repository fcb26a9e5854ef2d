import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { textReply } from "../src/core/reply.ts";
import { removeMember } from "../src/db/repos/members-repo.ts";
import { formatUserRef, parseUserRef } from "./support/user-ref.ts";

/** `/access revoke <user>` (admins): the user goes back to viewer. */
export default defineCommand({
  name: "access revoke",
  summary: "Take a user's role away; they become a viewer.",
  examples: ["access revoke @amina", "access revoke slack:U0123ABC"],
  args: z.object({
    user: z.string().min(1).describe("The user: a mention, or platform:id such as slack:U0123ABC"),
  }),
  positional: ["user"],
  minRole: "admin",
  mutates: true,
  execute(args, ctx) {
    const user = parseUserRef(args.user, ctx.caller);
    if (user.platform === ctx.caller.platform && user.userId === ctx.caller.userId) {
      throw new UserError("self_revoke", "You cannot revoke your own access; ask another admin.");
    }
    const removed = removeMember(ctx.deps.db, user.platform, user.userId);
    if (!removed) {
      throw new UserError(
        "unknown_member",
        `${formatUserRef(user)} has no role to revoke: they are already a viewer.`,
      );
    }
    ctx.audit("access.revoke", { user: formatUserRef(user) });
    return {
      reply: textReply(`${formatUserRef(user)} is now a viewer.`),
      data: { user: formatUserRef(user), role: "viewer" },
    };
  },
});
