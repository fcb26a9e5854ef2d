import pino from "pino";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadConfig } from "../../src/config.ts";
import { fixedClock } from "../../src/core/clock.ts";
import { type Caller, type Command, defineCommand } from "../../src/core/command.ts";
import { createDispatcher, type DispatchOutcome } from "../../src/core/dispatch.ts";
import { UserError } from "../../src/core/errors.ts";
import { createRegistry } from "../../src/core/registry.ts";
import { textReply } from "../../src/core/reply.ts";
import { listAudit } from "../../src/db/repos/audit-repo.ts";
import { upsertMember } from "../../src/db/repos/members-repo.ts";
import { missions } from "../../src/db/schema.ts";
import { tempDb } from "../helpers/db.ts";

/*
 * Thousands of random and hostile command lines through the real dispatcher and a real
 * database: every one must end as "ok" or "user_error", never as an internal error or a throw.
 * The generator is seeded, so a failure names an input that reproduces it.
 */

const RUNS = 5000;
const SEED = "dmd-dispatch-fuzz-1";

const stats = defineCommand({
  name: "stats",
  aliases: ["st"],
  summary: "Figures.",
  examples: ["stats washington 7d"],
  args: z.object({
    mission: z.string().min(1).max(100).describe("Mission"),
    period: z.enum(["7d", "30d", "90d"]).default("7d").describe("Period"),
    region: z.string().optional().describe("Region"),
    page: z.coerce.number().int().min(1).max(1000).default(1).describe("Page"),
  }),
  positional: ["mission", "period"],
  minRole: "viewer",
  execute: (args) => ({ reply: textReply(`${args.mission} ${args.period}`), data: args }),
});

const noteAdd = defineCommand({
  name: "note add",
  summary: "Adds a note.",
  examples: ["note add washington Great turnout"],
  args: z.object({
    mission: z.string().min(1).describe("Mission"),
    text: z.string().min(1).max(2000).describe("The note"),
  }),
  positional: ["mission", "text"],
  restIsText: true,
  minRole: "mission_officer",
  mutates: true,
  execute(args, ctx) {
    if (args.mission.toLowerCase() === "bad")
      throw new UserError("unknown_mission", "There is no mission bad.");
    ctx.audit("note.added", { mission: args.mission, length: args.text.length });
    return { reply: textReply("Noted."), data: args };
  },
});

const flagSet = defineCommand({
  name: "flag set",
  summary: "Sets a flag.",
  examples: ["flag set a on"],
  args: z.object({
    name: z.union([z.literal("a"), z.literal("b")]).describe("Flag"),
    value: z.enum(["on", "off"]).describe("State"),
    reason: z.string().max(200).optional().describe("Why"),
  }),
  positional: ["name", "value"],
  minRole: "admin",
  mutates: true,
  execute: (args) => ({ reply: textReply(`${args.name} is ${args.value}`), data: args }),
});

const help = defineCommand({
  name: "help",
  summary: "Help.",
  examples: ["help stats"],
  args: z.object({ command: z.string().optional().describe("A command") }),
  positional: ["command"],
  restIsText: true,
  minRole: "viewer",
  execute: (args) => ({ reply: textReply("help"), data: args }),
});

const ping = defineCommand({
  name: "ping",
  aliases: ["p"],
  summary: "Pong.",
  examples: ["ping"],
  args: z.object({}),
  minRole: "viewer",
  execute: () => ({ reply: textReply("pong"), data: {} }),
});

const commands = [stats, noteAdd, flagSet, help, ping] as Command[];
const NAMES = ["stats", "st", "note add", "flag set", "help", "ping", "p", "note", "flag"];

const FRAGMENTS = [
  '"',
  "'",
  "\u201C",
  "\u201D",
  "\u2018",
  "\u2019",
  "\u201E",
  "\\",
  '\\"',
  "\\\\",
  '""',
  "''",
  "=",
  "==",
  "===",
  "=x",
  "key=",
  "region=",
  "period=",
  "page=",
  "mission=",
  "text=",
  'REGION="Middle East"',
  "region='Middle East'",
  "Region=\u201CMiddle East\u201D",
  "page=0",
  "page=-1",
  "page=1e9",
  "page=NaN",
  "page=0x10",
  "page=1.5",
  "period=8d",
  "period=7d",
  "name=a",
  "value=on",
  "reason=",
  "washington",
  "bad",
  "a",
  "b",
  "on",
  "off",
  "7d",
  "30d",
  "São Paulo",
  '"São Paulo"',
  "Côte d'Ivoire",
  "don\u2019t",
  "\u0648\u0627\u0634\u0646\u0637\u0646",
  "\u05E9\u05DC\u05D5\u05DD",
  "\u202Eevil\u202C",
  "\u200F\u200E",
  "\u2066x\u2069",
  "\uD83C\uDDFA\uD83C\uDDF8",
  "\uD83D\uDC69\uD83C\uDFFD\u200D\uD83D\uDCBB",
  "e\u0301\u0301\u0301\u0301",
  "Z\u0337\u0322\u031Ba\u0335l\u0336g\u0338o\u0334",
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\r\n",
  "\r",
  "\t",
  "\u000B",
  "\u00A0",
  "\u200B",
  "\uFEFF",
  "\u2028",
  "\uD800",
  "\uDFFF",
  "\u0085",
  "%s%n",
  "$\u007Bprocess.exit()}",
  "<@U123|bob>",
  "<!channel>",
  "@everyone",
  "`code`",
  "*bold*",
  "DROP TABLE members;--",
  "'; DELETE FROM audit_entries; --",
  "../../etc/passwd",
  "__proto__",
  "__proto__=x",
  "constructor=1",
  "toString=x",
  "hasOwnProperty=1",
  "--region=x",
  "--",
  "-",
  "/",
  "//",
  "/help",
];

const SEPARATORS = [" ", " ", " ", "  ", "\t", "\n", "", "\u3000"];

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function randomCodePoint(rng: () => number): string {
  const ranges: [number, number][] = [
    [0x20, 0x7e],
    [0x00, 0x1f],
    [0x7f, 0x9f],
    [0xa0, 0x24f],
    [0x300, 0x36f],
    [0x590, 0x6ff],
    [0x2000, 0x206f],
    [0x4e00, 0x4fff],
    [0xd800, 0xdfff],
    [0xfe00, 0xffff],
    [0x1f300, 0x1faff],
    [0xe0000, 0xe007f],
  ];
  const [lo, hi] = pick(rng, ranges);
  const cp = lo + Math.floor(rng() * (hi - lo + 1));
  return cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
}

function randomWord(rng: () => number, max: number): string {
  let out = "";
  const length = 1 + Math.floor(rng() * max);
  for (let i = 0; i < length; i++) out += randomCodePoint(rng);
  return out;
}

function commandWord(rng: () => number): string {
  const roll = rng();
  const name = pick(rng, NAMES);
  if (roll < 0.55) return rng() < 0.5 ? `/${name}` : name;
  if (roll < 0.65) return `/${name.toUpperCase()}`;
  if (roll < 0.8) {
    const i = Math.floor(rng() * name.length);
    return `/${name.slice(0, i)}${randomCodePoint(rng)}${name.slice(i + 1)}`;
  }
  if (roll < 0.9) return pick(rng, FRAGMENTS);
  return randomWord(rng, 8);
}

function commandLine(rng: () => number): string {
  const roll = rng();
  if (roll < 0.01) return `/stats ${"x".repeat(10_000)}`;
  if (roll < 0.02) return `/note add washington ${randomWord(rng, 3990)}`.slice(0, 4000);
  if (roll < 0.03) return `/${pick(rng, NAMES)} ${pick(rng, FRAGMENTS).repeat(1 + Math.floor(rng() * 3000))}`;
  if (roll < 0.06) return randomWord(rng, 60);
  let line = commandWord(rng);
  const parts = Math.floor(rng() * 9);
  for (let i = 0; i < parts; i++) {
    line += pick(rng, SEPARATORS);
    line += rng() < 0.75 ? pick(rng, FRAGMENTS) : randomWord(rng, 12);
  }
  return line;
}

const CALLERS: Caller[] = [
  { platform: "console", userId: "operator" },
  { platform: "slack", userId: "U0STRANGER" },
  { platform: "slack", userId: "U0ADMIN" },
  { platform: "discord", userId: "81234567890" },
];

/** True when the text has a control character (other than line break and tab) or a broken surrogate half. */
function unsafe(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0x09 || code === 0x0a) continue;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0xd800 && code <= 0xdfff)) return true;
  }
  return false;
}

/** Bidirectional embeddings, overrides and isolates: echoed back, they could turn our message around. */
const BIDI_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/;

function problem(outcome: DispatchOutcome): string | null {
  if (outcome.status === "internal_error") return "internal_error";
  if (outcome.status === "ok") {
    const data = JSON.stringify(outcome.result.data);
    return unsafe(data) ? `unsafe characters in arguments: ${data.slice(0, 200)}` : null;
  }
  if (outcome.status !== "user_error")
    return `unexpected status ${String((outcome as { status: unknown }).status)}`;
  if (!outcome.reply.ephemeral) return "user error reply is not ephemeral";
  const text = outcome.reply.elements.map((el) => ("text" in el ? el.text : "")).join("\n");
  if (unsafe(text) || BIDI_OVERRIDE.test(text)) {
    return `unsafe characters in the reply: ${JSON.stringify(text.slice(0, 200))}`;
  }
  if (text.length > 1500) return `reply of ${text.length} characters`;
  return null;
}

describe("dispatch fuzz", () => {
  it(`answers ${RUNS} random and hostile command lines with ok or a user error`, async () => {
    const db = tempDb();
    const missionId = db
      .insert(missions)
      .values({
        code: "was",
        name: "Embassy in Washington",
        kind: "embassy",
        country: "United States",
        city: "Washington",
        region: "Americas",
        timezone: "America/New_York",
        weekend: "sat-sun",
      })
      .returning({ id: missions.id })
      .get().id;
    upsertMember(db, {
      platform: "slack",
      userId: "U0ADMIN",
      role: "admin",
      missionId: null,
      grantedBy: null,
    });
    upsertMember(db, {
      platform: "discord",
      userId: "81234567890",
      role: "mission_officer",
      missionId,
      grantedBy: null,
    });
    const errors: unknown[] = [];
    const logger = pino({ level: "error" }, { write: (line: string) => errors.push(JSON.parse(line)) });
    const dispatcher = createDispatcher(createRegistry(commands), {
      db,
      clock: fixedClock("2026-03-02T09:30:00Z"),
      logger,
      config: loadConfig({}),
    });

    const rng = seedrandom(SEED);
    const failures: { input: string; caller: string; problem: string }[] = [];
    const counts: Record<string, number> = { ok: 0, user_error: 0, internal_error: 0 };
    for (let i = 0; i < RUNS; i++) {
      const text = commandLine(rng);
      const caller = pick(rng, CALLERS);
      const asOf = rng() < 0.05 ? pick(rng, ["2026-03-01", "2026-02-30", "", "\u0000"]) : undefined;
      try {
        const outcome = await dispatcher.run({ text, caller, asOf });
        counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
        const found = problem(outcome);
        if (found) failures.push({ input: text.slice(0, 300), caller: caller.userId, problem: found });
      } catch (err) {
        failures.push({ input: text.slice(0, 300), caller: caller.userId, problem: `threw ${String(err)}` });
      }
    }

    expect(failures.slice(0, 5)).toEqual([]);
    expect(errors).toEqual([]);
    expect(counts.internal_error).toBe(0);
    // The generator must reach the commands, not only the error paths.
    expect(counts.ok).toBeGreaterThan(RUNS * 0.05);
    expect(counts.user_error).toBeGreaterThan(RUNS * 0.3);
    expect(listAudit(db, { limit: 1 }).length).toBe(1);
  });
});
