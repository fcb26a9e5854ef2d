import pino from "pino";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadConfig } from "../../src/config.ts";
import { fixedClock } from "../../src/core/clock.ts";
import { type Caller, type Command, type Deps, defineCommand } from "../../src/core/command.ts";
import { createDispatcher, type DispatchOutcome } from "../../src/core/dispatch.ts";
import { UserError } from "../../src/core/errors.ts";
import { createRegistry } from "../../src/core/registry.ts";
import { textReply } from "../../src/core/reply.ts";
import type { Db } from "../../src/db/client.ts";
import { listAudit, writeAudit } from "../../src/db/repos/audit-repo.ts";
import { getMembership, listMembers, removeMember, upsertMember } from "../../src/db/repos/members-repo.ts";
import { missions } from "../../src/db/schema.ts";
import { tempDb } from "../helpers/db.ts";

const NOW = "2026-03-02T09:30:00.000Z";

const echo = defineCommand({
  name: "echo",
  aliases: ["say"],
  summary: "Repeats the text.",
  examples: ["echo hello"],
  args: z.object({ text: z.string().min(1).describe("What to repeat") }),
  positional: ["text"],
  restIsText: true,
  minRole: "viewer",
  execute: (args, ctx) => ({
    reply: textReply(args.text),
    data: { text: args.text, asOf: ctx.asOf ?? null, member: ctx.member, channel: ctx.channel ?? null },
  }),
});

const missionStats = defineCommand({
  name: "mission-stats",
  summary: "A mission's figures.",
  examples: ["mission-stats washington 7d"],
  args: z.object({
    mission: z.string().min(1).describe("Mission code"),
    period: z.enum(["7d", "30d"]).default("7d").describe("How far back"),
  }),
  positional: ["mission", "period"],
  minRole: "viewer",
  execute: (args) => ({ reply: textReply(`${args.mission} ${args.period}`), data: args }),
});

const handleAdd = defineCommand({
  name: "handle add",
  summary: "Registers a handle.",
  examples: ["handle add washington x mofa"],
  args: z.object({
    mission: z.string().min(1).describe("Mission code"),
    platform: z.enum(["x", "facebook"]).describe("The platform"),
    handle: z.string().min(1).describe("The handle"),
    apiToken: z.string().optional().describe("A page token"),
  }),
  positional: ["mission", "platform", "handle"],
  minRole: "mission_officer",
  mutates: true,
  execute(args, ctx) {
    if (args.handle === "taken")
      throw new UserError("handle_taken", "@taken already belongs to another mission.");
    if (args.handle === "crash") throw new Error("database on fire at /srv/dmd/secret.ts:42");
    if (args.mission !== "washington" && ctx.member.role === "mission_officer") {
      throw new UserError("forbidden", "You can only change handles of your own mission.");
    }
    ctx.audit("handle.added", { handle: args.handle });
    return { reply: textReply(`Added @${args.handle}.`) };
  },
});

const adminOnly = defineCommand({
  name: "access grant",
  summary: "Grants a role.",
  examples: ["access grant slack:U1 scd"],
  args: z.object({ user: z.string().describe("The user") }),
  positional: ["user"],
  minRole: "admin",
  mutates: true,
  execute: () => ({ reply: textReply("granted") }),
});

const boom = defineCommand({
  name: "boom",
  summary: "Always fails.",
  examples: ["boom"],
  args: z.object({}),
  minRole: "viewer",
  execute() {
    throw new TypeError("Cannot read properties of undefined (reading 'followers')");
  },
});

const noReply = defineCommand({
  name: "broken",
  summary: "Returns nothing.",
  examples: ["broken"],
  args: z.object({}),
  minRole: "viewer",
  execute: () => undefined as never,
});

const commands = [echo, missionStats, handleAdd, adminOnly, boom, noReply] as Command[];

const console_: Caller = { platform: "console", userId: "operator" };
const stranger: Caller = { platform: "slack", userId: "U0STRANGER" };
const officer: Caller = { platform: "slack", userId: "U0OFFICER", displayName: "Amina" };

function setup() {
  const db = tempDb();
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => logs.push(JSON.parse(line)) });
  const deps: Deps = { db, clock: fixedClock(NOW), logger, config: loadConfig({}) };
  const dispatcher = createDispatcher(createRegistry(commands), deps);
  return { db, logs, dispatcher };
}

function addMission(db: Db, code: string): number {
  const row = db
    .insert(missions)
    .values({
      code,
      name: `Embassy in ${code}`,
      kind: "embassy",
      country: "X",
      city: code,
      region: "Americas",
      timezone: "America/New_York",
      weekend: "sat-sun",
    })
    .returning({ id: missions.id })
    .get();
  return row.id;
}

function userErrorOf(outcome: DispatchOutcome) {
  if (outcome.status !== "user_error")
    throw new Error(`expected a user error, got ${JSON.stringify(outcome)}`);
  return outcome;
}

function replyText(outcome: DispatchOutcome): string {
  if (outcome.status === "ok") throw new Error("no error reply on success");
  return outcome.reply.elements.map((el) => ("text" in el ? el.text : "")).join("\n");
}

describe("dispatch", () => {
  it("runs a command with its parsed arguments", async () => {
    const { dispatcher } = setup();
    const outcome = await dispatcher.run({ text: "/mission-stats washington 30d", caller: console_ });
    expect(outcome).toMatchObject({ status: "ok", command: "mission-stats" });
    if (outcome.status === "ok")
      expect(outcome.result.data).toEqual({ mission: "washington", period: "30d" });
  });

  it("accepts the command without a slash, in any case, and by alias", async () => {
    const { dispatcher } = setup();
    for (const text of ["echo hi", "/ECHO hi", "  /say hi  ", "/ echo hi"]) {
      const outcome = await dispatcher.run({ text, caller: console_ });
      expect(outcome.status === "ok" && outcome.result.data).toMatchObject({ text: "hi" });
    }
  });

  it("resolves a two-word command", async () => {
    const { dispatcher } = setup();
    const outcome = await dispatcher.run({ text: "/Handle Add washington x mofa", caller: console_ });
    expect(outcome).toMatchObject({ status: "ok", command: "handle add" });
  });

  it("points to /help on empty input", async () => {
    const { dispatcher } = setup();
    for (const text of ["", "/", "   ", "\u0000\u0007"]) {
      const outcome = userErrorOf(await dispatcher.run({ text, caller: console_ }));
      expect(outcome.error.code).toBe("empty_command");
      expect(replyText(outcome)).toContain("/help");
    }
  });

  it("suggests close commands for an unknown one", async () => {
    const { dispatcher } = setup();
    const outcome = userErrorOf(await dispatcher.run({ text: "/mision-stats washington", caller: console_ }));
    expect(outcome.command).toBeUndefined();
    expect(outcome.error.code).toBe("unknown_command");
    expect(outcome.error.message).toBe("/mision-stats is not a command.");
    expect(outcome.error.hints).toEqual(["Did you mean /mission-stats?", "Type /help to see every command."]);
    expect(replyText(outcome)).toBe(
      "/mision-stats is not a command.\nDid you mean /mission-stats?\nType /help to see every command.",
    );
  });

  it("asks for the second word of a two-word command", async () => {
    const { dispatcher } = setup();
    const bare = userErrorOf(await dispatcher.run({ text: "/handle", caller: console_ }));
    expect(bare.error.message).toBe("/handle needs one more word: /handle add.");
    const typo = userErrorOf(
      await dispatcher.run({ text: "/handle ad washington x mofa", caller: console_ }),
    );
    expect(typo.error.message).toBe("/handle ad is not a command.");
    expect(typo.error.hints[0]).toBe("Did you mean /handle add?");
    const other = userErrorOf(await dispatcher.run({ text: "/handle purge all", caller: console_ }));
    expect(other.error.message).toBe("/handle purge is not a command.");
    expect(other.error.hints).toEqual(["Did you mean /handle add?", "Type /help to see every command."]);
  });

  it("without a close match, points to /help only", async () => {
    const { dispatcher } = setup();
    const outcome = userErrorOf(await dispatcher.run({ text: "/zzzzzz", caller: console_ }));
    expect(outcome.error.hints).toEqual(["Type /help to see every command."]);
  });

  it("turns a user error into an ephemeral warning: message, then hints", async () => {
    const { dispatcher } = setup();
    const outcome = userErrorOf(
      await dispatcher.run({ text: "/mission-stats washington 8d", caller: console_ }),
    );
    expect(outcome.command).toBe("mission-stats");
    expect(outcome.error.code).toBe("bad_argument");
    expect(outcome.reply).toEqual({
      ephemeral: true,
      fallback:
        "`8d` is not a valid period: expected one of 7d, 30d. Usage: /mission-stats <mission> [period]",
      elements: [
        {
          type: "text",
          tone: "warning",
          text: "`8d` is not a valid period: expected one of 7d, 30d. Usage: /mission-stats <mission> [period]\nExample: /mission-stats washington 7d",
        },
      ],
    });
  });

  it("adds the usage line to a quoting mistake", async () => {
    const { dispatcher } = setup();
    const outcome = userErrorOf(
      await dispatcher.run({ text: '/mission-stats "São Paulo 7d', caller: console_ }),
    );
    expect(outcome.error.code).toBe("bad_quotes");
    expect(outcome.error.hints.at(-1)).toBe("Usage: /mission-stats <mission> [period]");
  });

  it("refuses input over 4,000 characters", async () => {
    const { dispatcher } = setup();
    const outcome = userErrorOf(
      await dispatcher.run({ text: `/echo ${"a".repeat(3995)}`, caller: console_ }),
    );
    expect(outcome.error.code).toBe("too_long");
    expect(outcome.error.message).toContain("4,001 characters");
    const fits = await dispatcher.run({ text: `/echo ${"a".repeat(3994)}`, caller: console_ });
    expect(fits.status).toBe("ok");
  });

  it("passes asOf, channel and caller to the command", async () => {
    const { dispatcher } = setup();
    const outcome = await dispatcher.run({
      text: "/echo hi",
      caller: console_,
      channel: { platform: "console", id: "tty" },
      asOf: "2026-02-28",
    });
    expect(outcome.status === "ok" && outcome.result.data).toEqual({
      text: "hi",
      asOf: "2026-02-28",
      member: { role: "admin", missionId: null, missionCode: null },
      channel: { platform: "console", id: "tty" },
    });
  });

  it("refuses a malformed asOf", async () => {
    const { dispatcher } = setup();
    for (const asOf of ["2026-02-30", "yesterday", "2026-2-1"]) {
      const outcome = userErrorOf(await dispatcher.run({ text: "/echo hi", caller: console_, asOf }));
      expect(outcome.error.code).toBe("bad_as_of");
    }
  });

  it("hides an internal error behind an id, and logs it", async () => {
    const { dispatcher, logs } = setup();
    const outcome = await dispatcher.run({ text: "/boom", caller: console_ });
    if (outcome.status !== "internal_error")
      throw new Error(`expected internal_error, got ${outcome.status}`);
    expect(outcome.command).toBe("boom");
    expect(outcome.errorId).toMatch(/^[0-9a-f]{8}$/);
    const text = replyText(outcome);
    expect(text).toBe(
      `Sorry, something went wrong on our side (error id ${outcome.errorId}). Please try again; if it keeps happening, give this id to your administrator.`,
    );
    expect(outcome.reply.ephemeral).toBe(true);
    expect(JSON.stringify(outcome.reply)).not.toMatch(/followers|TypeError|at .*\.ts/);
    const logged = logs.find((l) => l.errorId === outcome.errorId);
    expect(logged).toMatchObject({ level: 50, command: "boom", msg: "command failed" });
    expect(JSON.stringify(logged)).toContain("reading 'followers'");
  });

  it("gives each internal error its own id", async () => {
    const { dispatcher } = setup();
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const outcome = await dispatcher.run({ text: "/boom", caller: console_ });
      if (outcome.status === "internal_error") ids.add(outcome.errorId);
    }
    expect(ids.size).toBe(5);
  });

  it("treats a command that returns no reply as an internal error", async () => {
    const { dispatcher } = setup();
    expect((await dispatcher.run({ text: "/broken", caller: console_ })).status).toBe("internal_error");
  });
});

describe("dispatch: roles and audit", () => {
  it("denies a viewer, tells them how to get access, and audits the denial", async () => {
    const { db, dispatcher } = setup();
    const outcome = userErrorOf(
      await dispatcher.run({ text: "/handle add washington x mofa", caller: stranger }),
    );
    expect(outcome.error.code).toBe("forbidden");
    expect(outcome.error.message).toBe(
      "/handle add is for mission officers, SCD staff and admins. You are a viewer. Ask an admin to give you access: /access grant …",
    );
    expect(listAudit(db, { limit: 10 })).toEqual([
      {
        id: 1,
        at: NOW,
        actor: "slack:U0STRANGER",
        command: "handle add",
        outcome: "denied",
        details: { role: "viewer", needs: "mission_officer", input: "washington x mofa" },
      },
    ]);
  });

  it("checks the role before the arguments", async () => {
    const { dispatcher } = setup();
    const outcome = userErrorOf(await dispatcher.run({ text: "/access grant", caller: stranger }));
    expect(outcome.error.code).toBe("forbidden");
    expect(outcome.error.message).toContain("/access grant is for admins.");
  });

  it("resolves a member's role and mission from the members table", async () => {
    const { db, dispatcher } = setup();
    const missionId = addMission(db, "was");
    upsertMember(db, {
      platform: "slack",
      userId: "U0OFFICER",
      role: "mission_officer",
      missionId,
      grantedBy: "console:op",
    });
    const outcome = await dispatcher.run({ text: "/echo hi", caller: officer });
    expect(outcome.status === "ok" && outcome.result.data).toMatchObject({
      member: { role: "mission_officer", missionId, missionCode: "was" },
    });
    const denied = userErrorOf(await dispatcher.run({ text: "/access grant slack:U9", caller: officer }));
    expect(denied.error.message).toContain("You are a mission officer for was.");
  });

  it("treats the console operator as an admin, whatever the members table says", async () => {
    const { db } = setup();
    upsertMember(db, {
      platform: "console",
      userId: "operator",
      role: "viewer",
      missionId: null,
      grantedBy: null,
    });
    expect(getMembership(db, console_)).toEqual({ role: "admin", missionId: null, missionCode: null });
    expect(getMembership(db, { platform: "discord", userId: "123" })).toEqual({
      role: "viewer",
      missionId: null,
      missionCode: null,
    });
  });

  it("audits a changing command: the run with its arguments, and the command's own entries", async () => {
    const { db, dispatcher } = setup();
    const outcome = await dispatcher.run({
      text: "/handle add washington x mofa apiToken=EAAB123",
      caller: console_,
    });
    expect(outcome.status).toBe("ok");
    expect(listAudit(db, { limit: 10 })).toEqual([
      {
        id: 2,
        at: NOW,
        actor: "console:operator",
        command: "handle add",
        outcome: "ok",
        details: { args: { mission: "washington", platform: "x", handle: "mofa", apiToken: "[redacted]" } },
      },
      {
        id: 1,
        at: NOW,
        actor: "console:operator",
        command: "handle.added",
        outcome: "ok",
        details: { handle: "mofa" },
      },
    ]);
  });

  it("audits rejected input to a changing command with the error's code", async () => {
    const { db, dispatcher } = setup();
    await dispatcher.run({ text: "/handle add washington myspace mofa", caller: console_ });
    await dispatcher.run({ text: "/handle add washington x taken", caller: console_ });
    await dispatcher.run({ text: '/handle add "washington', caller: console_ });
    const entries = listAudit(db, { limit: 10 }).reverse();
    expect(entries.map((e) => [e.command, e.outcome, e.details?.code])).toEqual([
      ["handle add", "rejected", "bad_argument"],
      ["handle add", "rejected", "handle_taken"],
      ["handle add", "rejected", "bad_quotes"],
    ]);
    expect(entries[0]?.details?.input).toBe("washington myspace mofa");
  });

  it("audits a command's own access refusal as a denial", async () => {
    const { db, dispatcher } = setup();
    const missionId = addMission(db, "was");
    upsertMember(db, {
      platform: "slack",
      userId: "U0OFFICER",
      role: "mission_officer",
      missionId,
      grantedBy: null,
    });
    const outcome = userErrorOf(await dispatcher.run({ text: "/handle add riyadh x mofa", caller: officer }));
    expect(outcome.error.code).toBe("forbidden");
    expect(listAudit(db, { limit: 10 })).toMatchObject([
      {
        actor: "slack:U0OFFICER",
        command: "handle add",
        outcome: "denied",
        details: { code: "forbidden", input: "riyadh x mofa" },
      },
    ]);
  });

  it("audits an internal error in a changing command with its error id", async () => {
    const { db, dispatcher } = setup();
    const outcome = await dispatcher.run({ text: "/handle add washington x crash", caller: console_ });
    if (outcome.status !== "internal_error") throw new Error("expected internal_error");
    expect(JSON.stringify(outcome.reply)).not.toContain("secret.ts");
    expect(listAudit(db, { limit: 10 })).toMatchObject([
      { command: "handle add", outcome: "error", details: { errorId: outcome.errorId } },
    ]);
  });

  it("does not audit commands that change nothing", async () => {
    const { db, dispatcher } = setup();
    await dispatcher.run({ text: "/echo hi", caller: console_ });
    await dispatcher.run({ text: "/mission-stats x 9d", caller: console_ });
    await dispatcher.run({ text: "/nothing", caller: console_ });
    expect(listAudit(db, { limit: 10 })).toEqual([]);
  });
});

describe("members repo", () => {
  it("creates, replaces and removes a membership", () => {
    const db = tempDb();
    const missionId = addMission(db, "ryd");
    upsertMember(db, {
      platform: "slack",
      userId: "U1",
      displayName: "Amina",
      role: "scd",
      missionId: null,
      grantedBy: "console:op",
    });
    upsertMember(db, {
      platform: "slack",
      userId: "U1",
      role: "mission_officer",
      missionId,
      grantedBy: "slack:UADMIN",
    });
    upsertMember(db, { platform: "discord", userId: "42", role: "admin", missionId, grantedBy: null });
    expect(listMembers(db).map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest)).toEqual([
      {
        platform: "discord",
        userId: "42",
        displayName: null,
        role: "admin",
        missionId: null,
        missionCode: null,
        grantedBy: null,
      },
      {
        platform: "slack",
        userId: "U1",
        displayName: "Amina",
        role: "mission_officer",
        missionId,
        missionCode: "ryd",
        grantedBy: "slack:UADMIN",
      },
    ]);
    expect(listMembers(db)[1]?.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(removeMember(db, "slack", "U1")).toBe(true);
    expect(removeMember(db, "slack", "U1")).toBe(false);
    expect(getMembership(db, { platform: "slack", userId: "U1" }).role).toBe("viewer");
  });

  it("refuses a mission officer without a mission", () => {
    const db = tempDb();
    expect(() =>
      upsertMember(db, {
        platform: "slack",
        userId: "U1",
        role: "mission_officer",
        missionId: null,
        grantedBy: null,
      }),
    ).toThrow(/needs a missionId/);
  });
});

describe("audit repo", () => {
  it("lists the newest entries first, filtered and limited", () => {
    const db = tempDb();
    writeAudit(db, {
      at: "2026-03-01T10:00:00Z",
      actor: "slack:U1",
      command: "a",
      outcome: "ok",
      details: null,
    });
    writeAudit(db, {
      at: "2026-03-02T10:00:00Z",
      actor: "slack:U2",
      command: "b",
      outcome: "denied",
      details: { n: 1 },
    });
    writeAudit(db, {
      at: "2026-03-03T10:00:00Z",
      actor: "slack:U1",
      command: "c",
      outcome: "rejected",
      details: {},
    });
    expect(listAudit(db, { limit: 2 }).map((e) => e.command)).toEqual(["c", "b"]);
    expect(listAudit(db, { limit: 10, actor: "slack:U1" }).map((e) => e.command)).toEqual(["c", "a"]);
    expect(listAudit(db, { limit: 10, command: "b" })).toEqual([
      {
        id: 2,
        at: "2026-03-02T10:00:00Z",
        actor: "slack:U2",
        command: "b",
        outcome: "denied",
        details: { n: 1 },
      },
    ]);
  });
});
