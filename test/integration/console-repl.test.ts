import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ConsoleDispatch, runConsole } from "../../src/adapters/console/repl.ts";
import { UserError } from "../../src/core/errors.ts";
import { type Reply, reply, textReply } from "../../src/core/reply.ts";

const BANNER = ["Digital Media Dashboard — console", "Type help for the commands, exit to leave."];
const NOW = () => new Date("2026-11-27T09:30:05Z");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "dmd-console-repl-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a console session on the given input (all of it, then end of input); returns what it printed. */
async function session(input: string, dispatch: ConsoleDispatch, color = false): Promise<string> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const printed: string[] = [];
  stdout.on("data", (chunk: Buffer) => printed.push(chunk.toString("utf8")));
  const done = runConsole({
    input: stdin,
    output: stdout,
    dispatch,
    chartDir: dir,
    color,
    banner: BANNER,
    now: NOW,
  });
  stdin.end(input);
  await done;
  return printed.join("");
}

function statsReply(mission: string): Reply {
  return reply([
    { type: "header", text: `Stats for ${mission}` },
    { type: "fields", fields: [{ label: "Followers", value: "12.3K" }] },
    {
      type: "chart",
      png: new Uint8Array([0x89, 0x50]),
      altText: "Followers: X 12.3K",
      title: "Followers",
      sparkline: "▁▅█",
    },
  ]);
}

describe("runConsole", () => {
  it("prints the banner, runs each line as typed, renders replies, and ends at exit", async () => {
    const seen: string[] = [];
    const dispatch: ConsoleDispatch = async (text) => {
      seen.push(text);
      if (text.includes("washington")) return statsReply("washington");
      return textReply(`ran: ${text}`);
    };
    const out = await session("mission-stats washington\n\n   \n/help  \nexit\n/never-run\n", dispatch);
    const chart = join(dir, "followers-20261127-093005.png");
    expect(out).toBe(
      [
        "Digital Media Dashboard — console",
        "Type help for the commands, exit to leave.",
        "dmd> Stats for washington",
        "────────────────────",
        "",
        "Followers: 12.3K",
        "",
        "Followers  ▁▅█",
        "Followers: X 12.3K",
        `Chart saved: ${chart}`,
        "dmd> dmd> dmd> ran: /help",
        "dmd> ",
      ].join("\n"),
    );
    // The leading slash is optional and passed through as typed; only surrounding spaces go.
    expect(seen).toEqual(["mission-stats washington", "/help"]);
    expect(existsSync(chart)).toBe(true);
  });

  it("keeps going after a failing command, with a short message and no stack trace", async () => {
    const dispatch: ConsoleDispatch = async (text) => {
      if (text === "boom") throw new Error("database is locked\n    at Statement.run (db.ts:1:1)");
      if (text === "wrong") {
        throw new UserError("unknown_mission", 'No mission "washingtn".', ['Did you mean "washington"?']);
      }
      return textReply("ok");
    };
    const out = await session("boom\nwrong\nstill here\n", dispatch);
    expect(out).toBe(
      [
        ...BANNER,
        "dmd> Something went wrong: database is locked",
        'dmd> No mission "washingtn".',
        '  Did you mean "washington"?',
        "dmd> ok",
        "dmd> ",
        "",
      ].join("\n"),
    );
    expect(out).not.toContain("Statement.run");
  });

  it("ends at end of input (Ctrl-D), at quit, and lists this session's commands", async () => {
    const echo: ConsoleDispatch = async (text) => textReply(text);
    expect(await session("", echo)).toBe(`${BANNER.join("\n")}\ndmd> \n`);
    expect(await session("QUIT\nhello\n", echo)).toBe(`${BANNER.join("\n")}\ndmd> `);
    const out = await session("history\nmission-stats rome\n/leaderboard followers\nhistory\n", echo);
    expect(out).toBe(
      [
        ...BANNER,
        "dmd> No commands yet.",
        "dmd> mission-stats rome",
        "dmd> /leaderboard followers",
        "dmd>   1  mission-stats rome",
        "  2  /leaderboard followers",
        "dmd> ",
        "",
      ].join("\n"),
    );
  });

  it("runs lines one at a time, in order, even when they arrive faster than replies", async () => {
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const slow: ConsoleDispatch = async (text) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(text);
      running--;
      return textReply(`done ${text}`);
    };
    const out = await session("one\ntwo\nthree\n", slow);
    expect(order).toEqual(["one", "two", "three"]);
    expect(most).toBe(1);
    expect(out).toBe(
      [...BANNER, "dmd> done one", "dmd> done two", "dmd> done three", "dmd> ", ""].join("\n"),
    );
  });

  it("never lets reply text drive the terminal", async () => {
    const hostile: ConsoleDispatch = async () => textReply("\u001b]0;owned\u0007\u001b[2JHello\u001b[31m!");
    const out = await session("x\n", hostile, true);
    expect(out).toBe([...BANNER, "dmd> Hello!", "dmd> ", ""].join("\n"));
  });
});
