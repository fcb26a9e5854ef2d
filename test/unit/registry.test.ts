import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Command } from "../../src/core/command.ts";
import { createRegistry } from "../../src/core/registry.ts";
import { textReply } from "../../src/core/reply.ts";

function command(name: string, extra: Partial<Command> = {}): Command {
  return {
    name,
    summary: `The ${name} command.`,
    examples: [name],
    args: z.object({}),
    minRole: "viewer",
    execute: () => ({ reply: textReply(name) }),
    ...extra,
  };
}

const commands = [
  command("mission-stats", { aliases: ["stats"] }),
  command("leaderboard", { aliases: ["top"] }),
  command("handle add"),
  command("handle remove"),
  command("handles"),
  command("help"),
];

describe("createRegistry", () => {
  it("refuses a duplicate name", () => {
    expect(() => createRegistry([command("help"), command("help")])).toThrow(
      'Command name or alias "help" is used twice: by /help and by /help.',
    );
  });

  it("refuses names that differ only in case or spacing", () => {
    expect(() => createRegistry([command("handle add"), command("Handle  Add")])).toThrow(
      /"handle add" is used twice/,
    );
  });

  it("refuses an alias that is another command's name or alias", () => {
    expect(() =>
      createRegistry([command("mission-stats"), command("stats", { aliases: ["mission-stats"] })]),
    ).toThrow('Command name or alias "mission-stats" is used twice: by /mission-stats and by /stats.');
    expect(() =>
      createRegistry([command("a", { aliases: ["x"] }), command("b", { aliases: ["X"] })]),
    ).toThrow(/"x" is used twice: by \/a and by \/b/);
  });

  it("refuses a name chat platforms would reject", () => {
    expect(() => createRegistry([command("mission stats now")])).toThrow(/not a valid name/);
    expect(() => createRegistry([command("stats!")])).toThrow(/not a valid name/);
    expect(() => createRegistry([command("")])).toThrow(/not a valid name/);
  });

  it("refuses a positional key the schema does not have", () => {
    const bad = command("x", { args: z.object({ a: z.string() }), positional: ["b" as never] });
    expect(() => createRegistry([bad])).toThrow('Command /x: positional "b" is not one of its args.');
    const noRest = command("y", { restIsText: true });
    expect(() => createRegistry([noRest])).toThrow(/restIsText needs at least one positional/);
  });

  it("lists the commands in the order given", () => {
    expect(
      createRegistry(commands)
        .list()
        .map((c) => c.name),
    ).toEqual(["mission-stats", "leaderboard", "handle add", "handle remove", "handles", "help"]);
  });
});

describe("Registry", () => {
  const registry = createRegistry(commands);

  it("gets a command by name or alias, in any case", () => {
    expect(registry.get("mission-stats")?.name).toBe("mission-stats");
    expect(registry.get("STATS")?.name).toBe("mission-stats");
    expect(registry.get("/top")?.name).toBe("leaderboard");
    expect(registry.get("Handle Add")?.name).toBe("handle add");
    expect(registry.get("nothing")).toBeUndefined();
  });

  it("resolves the longest match of the first two words", () => {
    expect(registry.resolve(["handle", "add", "washington"])).toEqual({
      command: registry.get("handle add"),
      consumed: 2,
    });
    expect(registry.resolve(["HANDLE", "Remove"])).toEqual({
      command: registry.get("handle remove"),
      consumed: 2,
    });
    expect(registry.resolve(["/mission-stats", "washington"])).toEqual({
      command: registry.get("mission-stats"),
      consumed: 1,
    });
    expect(registry.resolve(["stats"])).toEqual({ command: registry.get("mission-stats"), consumed: 1 });
    expect(registry.resolve(["handle", "edit"])).toBeUndefined();
    expect(registry.resolve(["handle"])).toBeUndefined();
    expect(registry.resolve([])).toBeUndefined();
  });

  it("suggests close names, best first", () => {
    expect(registry.suggest("mision-stats")).toEqual(["mission-stats"]);
    expect(registry.suggest("stat")).toEqual(["mission-stats"]);
    expect(registry.suggest("leaderbord")).toEqual(["leaderboard"]);
    expect(registry.suggest("tops")).toEqual(["leaderboard"]);
    expect(registry.suggest("handle ad")).toEqual(["handle add"]);
    expect(registry.suggest("hlep")).toEqual(["help"]);
    expect(registry.suggest("zzzzzzzz")).toEqual([]);
    expect(registry.suggest("")).toEqual([]);
  });

  it("suggests every subcommand for the first word of a two-word name", () => {
    expect(registry.suggest("handle")).toEqual(["handle add", "handle remove", "handles"]);
  });
});
