import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { reply } from "../src/core/reply.ts";

const ROLE_WORDS = {
  admin: "an administrator: you can run every command and grant access",
  scd: "SCD staff: you see every mission and manage content",
  mission_officer: "a mission officer: you can manage your own mission's handles",
  viewer: "a viewer: you can see every mission's figures",
} as const;

/** `/whoami`: who the bot thinks you are and what you may do. */
export default defineCommand({
  name: "whoami",
  summary: "Your user id, role and mission, as the bot sees them.",
  examples: ["whoami"],
  args: z.object({}),
  minRole: "viewer",
  execute(_args, ctx) {
    const { caller, member } = ctx;
    const mission = member.missionCode ? ` for ${member.missionCode}` : "";
    return {
      reply: reply([
        { type: "header", text: "Who you are" },
        {
          type: "fields",
          fields: [
            { label: "User", value: `${caller.platform}:${caller.userId}` },
            { label: "Role", value: `${member.role}${mission}` },
          ],
        },
        { type: "text", text: `You are ${ROLE_WORDS[member.role]}.` },
      ]),
      data: {
        platform: caller.platform,
        userId: caller.userId,
        role: member.role,
        mission: member.missionCode,
      },
    };
  },
});
