import { ApplicationCommandOptionType, PermissionFlagsBits } from "discord.js";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { allCommands } from "../../commands/index.ts";
import { buildApplicationCommands, resolveInvocation } from "../../src/adapters/discord/commands.ts";
import { commandLineFromOptions, optionName, quoteValue } from "../../src/adapters/discord/options-text.ts";
import { parseArgs, scanTokens } from "../../src/core/arg-parser.ts";
import { type Command, defineCommand } from "../../src/core/command.ts";
import { createRegistry } from "../../src/core/registry.ts";
import { textReply } from "../../src/core/reply.ts";
import { argumentSpecs } from "../../src/core/usage.ts";
import { commandsProblem } from "../fakes/discord-checks.ts";

// biome-ignore lint/suspicious/noExplicitAny: application commands as JSON
type Json = any;

const registry = createRegistry(allCommands());

function byName(name: string): Json {
  return buildApplicationCommands(registry).find((c) => c.name === name);
}

describe("application commands generated from the registry", () => {
  it("passes Discord's checks and lists every command once, groups as subcommands", () => {
    const commands = buildApplicationCommands(registry);
    expect(commandsProblem(commands)).toBeNull();
    const names = commands.flatMap((c) =>
      (c.options ?? []).some((o) => o.type === ApplicationCommandOptionType.Subcommand)
        ? (c.options ?? []).map((o) => `${c.name} ${o.name}`)
        : [c.name],
    );
    const expected = [...registry.list().map((c) => c.name), "import"];
    expect(names.sort()).toEqual(expected.sort());
  });

  it("makes /handle add a subcommand with typed string options, required first, missions autocompleted", () => {
    const handle = byName("handle");
    const add = handle.options.find((o: Json) => o.name === "add");
    expect(add.type).toBe(ApplicationCommandOptionType.Subcommand);
    expect(add.options.map((o: Json) => [o.name, o.type, o.required])).toEqual([
      ["mission", 3, true],
      ["platform", 3, true],
      ["handle", 3, true],
      ["url", 3, false],
    ]);
    expect(add.options[0].autocomplete).toBe(true);
    expect(add.options[1].choices.map((c: Json) => c.value)).toContain("instagram");
    expect(handle.default_member_permissions).toBeNull();
  });

  it("keeps admin commands for server managers by default", () => {
    expect(byName("access").default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(byName("mission-stats").default_member_permissions).toBeNull();
  });

  it("offers choices for an enum, and autocomplete for content item numbers", () => {
    const leaderboard = byName("leaderboard");
    const metric = leaderboard.options.find((o: Json) => o.name === "metric");
    const spec = argumentSpecs(registry.get("leaderboard") as Command).find((a) => a.name === "metric");
    expect(metric.choices.map((c: Json) => c.value)).toEqual(spec?.choices);
    expect(metric.choices.map((c: Json) => c.value)).toContain("engagement");
    const content = byName("content");
    if (content) {
      const answer = content.options.find((o: Json) => o.name === "answer");
      expect(answer.options.find((o: Json) => o.name === "id").autocomplete).toBe(true);
    }
  });

  it("adds /import with a required file attachment", () => {
    expect(byName("import").options.map((o: Json) => [o.name, o.type, o.required])).toEqual([
      ["file", ApplicationCommandOptionType.Attachment, true],
      ["handle", ApplicationCommandOptionType.String, false],
    ]);
  });

  it("resolves an invocation back to the registry command, never through an alias", () => {
    expect(resolveInvocation(registry, "handle", "add")?.name).toBe("handle add");
    expect(resolveInvocation(registry, "mission-stats", null)?.name).toBe("mission-stats");
    expect(resolveInvocation(registry, "stats", null)).toBeUndefined();
  });

  it("refuses a name used both as a command and as a group", () => {
    const single = defineCommand({
      name: "handle",
      summary: "x",
      examples: [],
      args: z.object({}),
      minRole: "viewer",
      execute: () => ({ reply: textReply("x") }),
    });
    const reg = createRegistry([...allCommands().filter((c) => c.name !== "help"), single]);
    expect(() => buildApplicationCommands(reg)).toThrow(/both a command and the first word/);
  });
});

describe("command lines rebuilt from typed options", () => {
  const command = registry.get("handle add");

  it("reads back exactly the values typed, whatever characters they hold", () => {
    if (!command) throw new Error("no /handle add");
    const values = new Map([
      ["mission", 'Côte d\'Ivoire "main" \\ office'],
      ["platform", "x"],
      ["handle", "a=b “smart” ‘single’"],
      ["url", "https://example.org/a b"],
    ]);
    const line = commandLineFromOptions(command, values);
    const body = line.replace(/^\/handle add/, "");
    expect(parseArgs(command, scanTokens(body))).toEqual(Object.fromEntries(values));
  });

  it("quotes only what needs quotes, and leaves out empty values", () => {
    expect(quoteValue("washington")).toBe("washington");
    expect(quoteValue("São Paulo")).toBe('"São Paulo"');
    expect(quoteValue("'x")).toBe(`"'x"`);
    expect(quoteValue("")).toBe('""');
    const stats = registry.get("mission-stats");
    if (!stats) throw new Error("no /mission-stats");
    expect(
      commandLineFromOptions(
        stats,
        new Map([
          ["mission", "washington"],
          ["period", " "],
        ]),
      ),
    ).toBe("/mission-stats mission=washington");
  });

  it("names options as Discord allows", () => {
    expect(optionName("asOf")).toBe("as_of");
    expect(optionName("mission")).toBe("mission");
  });
});
