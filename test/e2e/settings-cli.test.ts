import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../src/db/client.ts";
import { getSetting } from "../../src/db/repos/settings-repo.ts";
import { silentDaysSetting } from "../../src/digest/check-alerts.ts";
import { scdChannels } from "../../src/digest/scd-channels.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";
import { spawnDmd } from "../helpers/spawn-dmd.ts";

let dir: string;
let dbPath: string;

function dmd(...args: string[]) {
  return spawnDmd(dbPath, args);
}

function read<T>(fn: (db: ReturnType<typeof openDb>) => T): T {
  const db = openDb(dbPath);
  try {
    return fn(db);
  } finally {
    db.$client.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dmd-settings-"));
  dbPath = join(dir, "dmd.sqlite");
  const db = openDb(dbPath);
  seedFixtureNetwork(db);
  db.$client.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("dmd settings (spawned)", () => {
  it("sets the SCD's Slack channel, which the roll-up and serious alerts then use", () => {
    const set = dmd("settings", "set", "scd.slack_channel", "#scd-digital");
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toBe("scd.slack_channel = #scd-digital\n");
    expect(read((db) => scdChannels(db).slack)).toBe("#scd-digital");
    const list = dmd("settings", "list");
    expect(list.stdout).toContain("scd.slack_channel = #scd-digital\n");
    expect(list.stdout).toContain("alerts.silent_days = (not set: 14)\n");
  });

  it("refuses a value the bot would ignore, says what is expected, and changes nothing", () => {
    expect(dmd("settings", "set", "alerts.silent_days", "9").code).toBe(0);
    const bad = dmd("settings", "set", "alerts.silent_days", "two weeks");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'alerts.silent_days: "two weeks" is not accepted: expected a whole number from 1 to 365. Nothing was changed.\n',
    );
    expect(read((db) => silentDaysSetting(db))).toBe(9);
    const badPattern = dmd("settings", "set", "naming.x", "([");
    expect(badPattern.code).toBe(1);
    expect(badPattern.stderr).toContain("expected a regular expression");
    expect(read((db) => getSetting(db, "naming.x"))).toBeNull();
  });

  it("names an unknown setting and points to the list", () => {
    const out = dmd("settings", "set", "scd.channel", "C0123ABCD");
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(
      'There is no setting called "scd.channel". Run dmd settings list to see them all.\n',
    );
    expect(read((db) => getSetting(db, "scd.channel"))).toBeNull();
  });

  it("unset brings the default back", () => {
    expect(dmd("settings", "set", "trends.llm_per_hour", "2").code).toBe(0);
    const out = dmd("settings", "unset", "trends.llm_per_hour");
    expect(out.code).toBe(0);
    expect(out.stdout).toBe("trends.llm_per_hour removed: 5 applies.\n");
    expect(read((db) => getSetting(db, "trends.llm_per_hour"))).toBeNull();
  });
});
