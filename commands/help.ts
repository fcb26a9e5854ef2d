import { z } from "zod";
import { type Command, defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { type ReplyElement, reply } from "../src/core/reply.ts";
import { hasRole } from "../src/core/roles.ts";
import { helpText, usageLine } from "../src/core/usage.ts";

/**
 * `/help [command]`. Built from the command list it describes, so it can never drift from what
 * the bot really accepts.
 */
export function createHelpCommand(listCommands: () => Command[]) {
  return defineCommand({
    name: "help",
    summary: "What the bot can do, or how to use one command.",
    examples: ["help", "help mission-stats", "help handle add"],
    args: z.object({
      command: z.string().optional().describe("A command name, e.g. mission-stats"),
    }),
    positional: ["command"],
    restIsText: true,
    minRole: "viewer",
    execute(args, ctx) {
      const commands = listCommands();
      if (args.command) {
        const wanted = args.command.replace(/^\//, "").trim().toLowerCase().replace(/\s+/g, " ");
        const command = commands.find((c) => c.name === wanted || c.aliases?.includes(wanted));
        if (!command) {
          throw new UserError(
            "unknown_command",
            `There is no command /${wanted.slice(0, 40)}. Type /help to see them all.`,
          );
        }
        return {
          reply: reply([
            { type: "header", text: `/${command.name}` },
            { type: "text", text: helpText(command).join("\n") },
          ]),
          data: { command: command.name, usage: usageLine(command) },
        };
      }
      const available = commands.filter((c) => hasRole(ctx.member.role, c.minRole));
      const elements: ReplyElement[] = [
        { type: "header", text: "Digital Media Dashboard" },
        {
          type: "table",
          columns: ["Command", "What it does"],
          rows: available.map((c) => [usageLine(c), c.summary]),
        },
        {
          type: "context",
          text: "Type /help <command> for details and examples. Periods: 7d, 30d, 90d, 365d, 2026-W47, 2026-10-01..2026-10-31.",
        },
      ];
      return {
        reply: reply(elements, { fallback: "Digital Media Dashboard commands" }),
        data: { commands: available.map((c) => c.name) },
      };
    },
  });
}
