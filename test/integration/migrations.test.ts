import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, openDb } from "../../src/db/client.ts";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("migrations", () => {
  it("build every table from an empty database, and re-opening applies nothing twice", () => {
    dir = mkdtempSync(join(tmpdir(), "dmd-mig-"));
    const path = join(dir, "fresh.sqlite");
    const db = openDb(path);
    const tables = (
      db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        "missions",
        "handles",
        "daily_metrics",
        "posts",
        "members",
        "audit_entries",
        "settings",
        "imports",
        "credentials",
      ]),
    );
    const applied = db.$client.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as {
      n: number;
    };
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith(".sql"));
    expect(applied.n).toBe(files.length);
    db.$client.close();
    const again = openDb(path);
    expect(
      (again.$client.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n,
    ).toBe(files.length);
    again.$client.close();
  });

  it("opens with WAL, foreign keys and a busy timeout", () => {
    dir = mkdtempSync(join(tmpdir(), "dmd-mig-"));
    const db = openDb(join(dir, "p.sqlite"));
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(() =>
      db.$client
        .prepare("INSERT INTO handles (mission_id, platform, handle) VALUES (999, 'x', 'nobody')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.$client.close();
  });

  it("keys daily metrics by handle and date, and posts by handle and external id", () => {
    dir = mkdtempSync(join(tmpdir(), "dmd-mig-"));
    const db = openDb(join(dir, "k.sqlite"));
    const sql = db.$client;
    sql
      .prepare(
        "INSERT INTO missions (code, name, kind, country, city, region, timezone, weekend) VALUES ('a','A','embassy','C','C','R','UTC','sat-sun')",
      )
      .run();
    sql.prepare("INSERT INTO handles (mission_id, platform, handle) VALUES (1, 'x', 'h')").run();
    const daily = sql.prepare(
      "INSERT INTO daily_metrics (handle_id, date, followers, source, collected_at) VALUES (1, '2026-11-01', 1, 't', 't')",
    );
    daily.run();
    expect(() => daily.run()).toThrow(/UNIQUE|PRIMARY KEY/);
    const post = sql.prepare(
      "INSERT INTO posts (handle_id, external_id, local_date, source, collected_at) VALUES (1, 'p1', '2026-11-01', 't', 't')",
    );
    post.run();
    expect(() => post.run()).toThrow(/UNIQUE/);
    expect(() =>
      sql.prepare("INSERT INTO handles (mission_id, platform, handle) VALUES (1, 'x', 'H')").run(),
    ).toThrow(/UNIQUE/);
    db.$client.close();
  });
});
