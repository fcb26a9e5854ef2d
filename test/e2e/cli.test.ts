import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../src/db/client.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";
import { spawnDmd } from "../helpers/spawn-dmd.ts";

let dir: string;
let dbPath: string;

function dmd(...args: string[]) {
  return spawnDmd(dbPath, args, { env: { DMD_TIMEZONE: "Europe/Athens" } });
}

function tableDump(path: string): string {
  const db = openDb(path);
  try {
    const tables = ["missions", "handles", "daily_metrics", "posts", "members"];
    return tables
      .map((t) => JSON.stringify(db.$client.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()))
      .join("\n");
  } finally {
    db.$client.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dmd-e2e-"));
  dbPath = join(dir, "dmd.sqlite");
  const db = openDb(dbPath);
  seedFixtureNetwork(db);
  db.$client.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("dmd (spawned)", () => {
  it("prints the METRICS.md JSON contract for /mission-stats", () => {
    const out = dmd("ask", "/mission-stats washington 7d", "--json", "--as-of", "2026-11-26");
    expect(out.code, out.stderr).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json)).toEqual(["reply", "data"]);
    expect(json.data.period).toEqual({ start: "2026-11-20", end: "2026-11-26", days: 7 });
    expect(json.data.totals.followers).toBe(1600);
    expect(json.data.rank).toEqual({
      followers: 2,
      followerGrowthPct: 1,
      engagementRate: 2,
      posts: 1,
      of: 4,
    });
    expect(json.reply.elements[0]).toEqual({
      type: "header",
      text: "Embassy of Arcadia in Washington — last 7 days",
    });
    const chart = json.reply.elements.find((e: { type: string }) => e.type === "chart");
    expect(chart.png).toMatch(/^data:image\/png;base64,/);
  });

  it("prints readable text without --json", () => {
    const out = dmd("ask", "/leaderboard posts 7d", "--as-of", "2026-11-26");
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain("Embassy of Arcadia in Washington");
    expect(out.stdout).toContain("Posts leaderboard");
  });

  it("exits 1 with a clear message for an unknown mission, a bad period or option", () => {
    const unknown = dmd("ask", "/mission-stats atlantis");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/atlantis/i);
    expect(unknown.stdout).toBe("");
    const period = dmd("ask", "/mission-stats washington 45x");
    expect(period.code).toBe(1);
    expect(period.stderr).toMatch(/period/i);
    const option = dmd("ask", "/mission-stats washington colour=blue");
    expect(option.code).toBe(1);
    expect(option.stderr).toMatch(/colour/);
    const badAsOf = dmd("ask", "/missions", "--as-of", "yesterday");
    expect(badAsOf.code).toBe(1);
    expect(badAsOf.stderr).toMatch(/YYYY-MM-DD/);
  });

  it("runs as another user with --as and refuses a viewer's change", () => {
    const before = tableDump(dbPath);
    const out = dmd("ask", "/handle add washington tiktok arcadia_tt", "--as", "slack:U999");
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/admin/i);
    expect(tableDump(dbPath)).toBe(before);
  });

  it("rejects a registry CSV with a bad row, naming the line, and changes nothing", () => {
    const csv = join(dir, "missions.csv");
    writeFileSync(
      csv,
      "code,name,kind,country,city,region,timezone,weekend,slack_channel,discord_channel\n" +
        "paris,Embassy of Arcadia in Paris,embassy,France,Paris,Europe,Europe/Paris,sat-sun,,\n" +
        "rome,Embassy of Arcadia in Rome,embasy,Italy,Rome,Europe,Europe/Rome,sat-sun,,\n",
    );
    const before = tableDump(dbPath);
    const out = dmd("missions", "import", csv);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/line 3/);
    expect(out.stderr).toMatch(/kind/);
    expect(tableDump(dbPath)).toBe(before);
  });

  it("imports a good registry CSV and finds the new mission", () => {
    const csv = join(dir, "missions-good.csv");
    writeFileSync(
      csv,
      "code,name,kind,country,city,region,timezone,weekend,slack_channel,discord_channel\r\n" +
        "paris,Embassy of Arcadia in Paris,embassy,France,Paris,Europe,Europe/Paris,sat-sun,,\r\n",
    );
    const out = dmd("missions", "import", csv);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/1 created/);
    const ask = dmd("ask", "/missions europe", "--json");
    expect(JSON.parse(ask.stdout).data.missions.map((m: { code: string }) => m.code)).toEqual(["paris"]);
  });

  it("backs up the database to a file that opens with the same data", () => {
    const copy = join(dir, "backup.sqlite");
    const out = dmd("backup", copy);
    expect(out.code, out.stderr).toBe(0);
    expect(tableDump(copy)).toBe(tableDump(dbPath));
    expect(dmd("backup", copy).code).toBe(1);
    expect(readFileSync(copy).subarray(0, 15).toString()).toBe("SQLite format 3");
  });

  it("answers helpfully on an empty database", () => {
    const empty = join(dir, "empty.sqlite");
    const result = spawnDmd(empty, ["ask", "/leaderboard"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/no missions yet/i);
    expect(result.stdout).toMatch(/dmd demo/);
  });

  it("starts the console on a new database, seeds the demo network once, and answers commands", () => {
    const fresh = join(dir, "fresh", "dmd.sqlite");
    const run = (input: string) =>
      spawnDmd(fresh, ["start"], {
        input,
        env: { SLACK_BOT_TOKEN: "", DISCORD_TOKEN: "" },
        timeoutMs: 120_000,
      });
    const first = run("/mission-stats washington 7d\nexit\n");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/seeded with the demo network/);
    expect(first.stdout).toMatch(/SLACK_BOT_TOKEN/);
    expect(first.stdout).toContain("Embassy of Arcadia in Washington — last 7 days");
    expect(first.stdout).toMatch(/Demo data/);
    const second = run("/whoami\n");
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).not.toMatch(/seeded with the demo network/);
    expect(second.stdout).toMatch(/admin/);
  });

  it("prints the Slack manifest generated from the commands", () => {
    const out = dmd("slack", "manifest", "--out", "-");
    expect(out.code, out.stderr).toBe(0);
    const manifest = JSON.parse(out.stdout);
    const commands = manifest.features.slash_commands.map((c: { command: string }) => c.command);
    expect(commands).toEqual(
      expect.arrayContaining(["/mission-stats", "/leaderboard", "/handles", "/handle", "/access", "/help"]),
    );
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    // The committed manifest must be what the commands generate today: regenerate it with `dmd slack manifest`.
    const committed = readFileSync(resolve(import.meta.dirname, "../../slack/manifest.json"), "utf8");
    expect(JSON.parse(committed)).toEqual(manifest);
  });
});
