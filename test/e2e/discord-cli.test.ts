import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runDiscordRegister } from "../../src/cli/discord-register.ts";
import { openDb } from "../../src/db/client.ts";
import { type FakeDiscord, startFakeDiscord } from "../fakes/fake-discord.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";

const BIN = resolve(import.meta.dirname, "../../bin/dmd.js");
let dir: string;
let fake: FakeDiscord;
let child: ChildProcess | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "dmd-discord-"));
  fake = await startFakeDiscord();
});

afterEach(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  child = undefined;
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK|DISCORD)_/.test(k)));
  return {
    ...clean,
    LOG_LEVEL: "silent",
    DMD_TIMEZONE: "Europe/Athens",
    DISCORD_TOKEN: fake.options.token,
    DISCORD_APPLICATION_ID: fake.options.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    ...extra,
  };
}

/** Runs `dmd` without blocking this process (the fake Discord lives here). */
function dmd(
  args: string[],
  environment: NodeJS.ProcessEnv,
): { proc: ChildProcess; done: Promise<number | null>; output: () => string } {
  const proc = spawn(process.execPath, [BIN, "--db", join(dir, "dmd.sqlite"), ...args], { env: environment });
  let output = "";
  proc.stdout?.on("data", (d) => {
    output += String(d);
  });
  proc.stderr?.on("data", (d) => {
    output += String(d);
  });
  const done = new Promise<number | null>((resolveExit) => proc.on("exit", (code) => resolveExit(code)));
  return { proc, done, output: () => output };
}

describe("dmd discord register", () => {
  it("registers the commands in a server, and globally with --global", async () => {
    const lines: string[] = [];
    const code = await runDiscordRegister({
      guild: fake.options.guildId,
      env: env(),
      out: (l) => lines.push(l),
    });
    expect(code).toBe(0);
    const names = (fake.commands.guild.get(fake.options.guildId) ?? []).map((c: { name: string }) => c.name);
    expect(names).toContain("mission-stats");
    expect(names).toContain("handle");
    expect(lines[0]).toMatch(
      /^Registered \d+ Discord commands in server 800000000000000001 \(available now\)/,
    );
    expect(
      await runDiscordRegister({
        global: true,
        env: env({ DISCORD_GUILD_ID: fake.options.guildId }),
        out: () => {},
      }),
    ).toBe(0);
    expect(fake.commands.global.map((c: { name: string }) => c.name)).toEqual(names);
  });

  it("says what to set when the token is missing, and what went wrong when Discord refuses", async () => {
    const errors: string[] = [];
    expect(await runDiscordRegister({ env: env({ DISCORD_TOKEN: "" }), err: (l) => errors.push(l) })).toBe(1);
    expect(errors[0]).toContain("Set DISCORD_TOKEN");
    expect(
      await runDiscordRegister({ env: env({ DISCORD_TOKEN: "wrong" }), err: (l) => errors.push(l) }),
    ).toBe(1);
    expect(errors[1]).toContain("Discord refused DISCORD_TOKEN");
    expect(await runDiscordRegister({ guild: "general", env: env(), err: (l) => errors.push(l) })).toBe(1);
    expect(errors[2]).toContain("is not a Discord server id");
  });

  it("runs as a command and exits", async () => {
    const run = dmd(["discord", "register", "--guild", fake.options.guildId], env());
    child = run.proc;
    expect(await run.done, run.output()).toBe(0);
    expect(run.output()).toContain("Registered");
  }, 60_000);
});

describe("dmd start with DISCORD_TOKEN", () => {
  it("runs the bot in Discord alone, answers a slash command, and stops cleanly on SIGTERM", async () => {
    const db = openDb(join(dir, "dmd.sqlite"));
    seedFixtureNetwork(db);
    db.$client.close();
    const run = dmd(["start"], env({ DISCORD_GUILD_ID: fake.options.guildId }));
    child = run.proc;
    await fake
      .waitFor(() => run.output().includes("running in Discord"), 20_000)
      .catch((e) => {
        throw new Error(`${e}\n${run.output()}`);
      });
    expect(fake.identifies).toHaveLength(1);
    expect(fake.commands.guild.get(fake.options.guildId)?.length).toBeGreaterThan(5);
    const i = await fake.slash({ name: "whoami", userId: "100000000000000042" });
    const answer = await fake.waitFor(() => (i.original && !(i.original.flags & 128) ? i.original : null));
    expect(JSON.stringify(answer.embeds)).toContain("viewer");
    // Signals are listened for once everything has started.
    await fake.waitFor(() => run.output().includes("Ctrl-C stops it"), 30_000);
    run.proc.kill("SIGTERM");
    expect(await run.done).toBe(0);
  }, 60_000);
});
