import { createHash } from "node:crypto";
import { DateTime, IANAZone } from "luxon";
import { describe, expect, it } from "vitest";
import { isUserError } from "../../src/core/errors.ts";
import type { Db } from "../../src/db/client.ts";
import { parseWeekend } from "../../src/demo/calendar.ts";
import { DEMO_CITIES } from "../../src/demo/cities.ts";
import { DEMO_NAMING_STANDARDS } from "../../src/demo/naming.ts";
import { planDemoNetwork } from "../../src/demo/plan.ts";
import { seedDemoNetwork } from "../../src/demo/seed.ts";
import { tempDb } from "../helpers/db.ts";

// 30 days from 2026-03-02 to 2026-03-31: the US (8 March) and EU (29 March) clock changes fall inside.
const SMALL = { missions: 12, days: 30, seed: 1, today: "2026-04-01" } as const;

function rows<T>(db: Db, sql: string, ...params: unknown[]): T[] {
  return db.$client.prepare(sql).all(...params) as T[];
}

function checksum(db: Db): string {
  const hash = createHash("sha256");
  for (const sql of [
    "SELECT * FROM missions ORDER BY id",
    "SELECT * FROM handles ORDER BY id",
    "SELECT * FROM daily_metrics ORDER BY handle_id, date",
    "SELECT * FROM posts ORDER BY id",
    "SELECT * FROM settings ORDER BY key",
  ]) {
    for (const row of rows(db, sql)) hash.update(JSON.stringify(row));
  }
  return hash.digest("hex");
}

function tableCount(db: Db, table: string): number {
  return (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe("seedDemoNetwork", () => {
  it("gives byte-identical data for the same options, and other data for another seed", () => {
    const a = tempDb();
    const b = tempDb();
    const c = tempDb();
    const summaryA = seedDemoNetwork(a, SMALL);
    const summaryB = seedDemoNetwork(b, SMALL);
    seedDemoNetwork(c, { ...SMALL, seed: "other" });

    expect(summaryA.missions).toBe(12);
    expect(summaryA.handles).toBeGreaterThanOrEqual(12 * 3);
    expect(summaryA.handles).toBeLessThanOrEqual(12 * 6);
    expect(summaryA.posts).toBeGreaterThan(0);
    expect(summaryB).toEqual(summaryA);
    expect(tableCount(a, "missions")).toBe(summaryA.missions);
    expect(tableCount(a, "handles")).toBe(summaryA.handles);
    expect(tableCount(a, "daily_metrics")).toBe(summaryA.dailyMetrics);
    expect(tableCount(a, "posts")).toBe(summaryA.posts);
    expect(checksum(b)).toBe(checksum(a));
    expect(checksum(c)).not.toBe(checksum(a));
    // The seed number and its text are the same seed.
    const d = tempDb();
    seedDemoNetwork(d, { ...SMALL, seed: "1" });
    expect(checksum(d)).toBe(checksum(a));
  });

  it("places missions in their real cities, zones and working weeks", () => {
    const db = tempDb();
    seedDemoNetwork(db, { ...SMALL, missions: 120, days: 1 });
    const byCode = new Map(
      rows<Record<string, string | null>>(db, "SELECT * FROM missions").map((m) => [m.code as string, m]),
    );
    expect(byCode.size).toBe(120);
    expect(byCode.get("riyadh")).toMatchObject({
      kind: "embassy",
      city: "Riyadh",
      country: "Saudi Arabia",
      region: "Middle East",
      timezone: "Asia/Riyadh",
      weekend: "fri-sat",
      name: "Embassy of Arcadia in Riyadh",
      slack_channel: "dmd-riyadh",
      discord_channel: null,
    });
    expect(byCode.get("washington")).toMatchObject({ timezone: "America/New_York", weekend: "sat-sun" });
    expect(byCode.get("tehran")).toMatchObject({ timezone: "Asia/Tehran", weekend: "fri" });
    expect(byCode.get("london")).toMatchObject({ kind: "high_commission", timezone: "Europe/London" });
    expect(byCode.get("new-york")).toMatchObject({ kind: "consulate", timezone: "America/New_York" });
    expect(byCode.get("new-york-un")).toMatchObject({ kind: "permanent_mission", city: "New York" });
    expect(byCode.get("geneva-un")).toMatchObject({ kind: "permanent_mission", timezone: "Europe/Zurich" });
    expect(byCode.get("tokyo")).toMatchObject({ timezone: "Asia/Tokyo", region: "Asia-Pacific" });
    expect(byCode.get("kathmandu")).toMatchObject({ timezone: "Asia/Kathmandu", weekend: "sat" });
    expect(byCode.get("hq")).toMatchObject({ kind: "hq", region: "HQ", country: "Arcadia" });
    const regions = new Set([...byCode.values()].map((m) => m.region));
    expect([...regions].sort()).toEqual([
      "Africa",
      "Americas",
      "Asia-Pacific",
      "Europe",
      "HQ",
      "Middle East",
    ]);
    expect([...byCode.values()].filter((m) => m.kind === "hq")).toHaveLength(1);
  });

  it("dates every post in its mission's zone, in local office hours, fewer on the weekend", () => {
    const db = tempDb();
    seedDemoNetwork(db, SMALL);
    const posts = rows<{ published_at: string; local_date: string; timezone: string; weekend: string }>(
      db,
      `SELECT p.published_at, p.local_date, m.timezone, m.weekend FROM posts p
       JOIN handles h ON h.id = p.handle_id JOIN missions m ON m.id = h.mission_id`,
    );
    expect(posts.length).toBeGreaterThan(100);
    let weekendPosts = 0;
    for (const post of posts) {
      expect(post.published_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
      const local = DateTime.fromISO(post.published_at, { zone: "utc" }).setZone(post.timezone);
      expect(local.toISODate()).toBe(post.local_date);
      expect(local.hour).toBeGreaterThanOrEqual(7);
      expect(local.hour).toBeLessThanOrEqual(21);
      if (parseWeekend(post.weekend)?.has(local.weekday)) weekendPosts++;
    }
    // About 2 days in 7 are weekend days; posting there is much rarer than on working days.
    expect(weekendPosts / posts.length).toBeLessThan(0.15);
    expect(weekendPosts).toBeGreaterThan(0);

    const dates = rows<{ first: string; last: string }>(
      db,
      "SELECT min(date) AS first, max(date) AS last FROM daily_metrics",
    )[0];
    expect(dates).toEqual({ first: "2026-03-02", last: "2026-03-31" });
    const outside = rows(
      db,
      "SELECT 1 FROM posts WHERE local_date < '2026-03-02' OR local_date > '2026-03-31'",
    );
    expect(outside).toHaveLength(0);
  });

  it("keeps followers non-negative, and gained minus lost equal to each day's change", () => {
    const db = tempDb();
    seedDemoNetwork(db, SMALL);
    const days = rows<{
      handle_id: number;
      date: string;
      followers: number;
      followers_gained: number;
      followers_lost: number;
    }>(
      db,
      "SELECT handle_id, date, followers, followers_gained, followers_lost FROM daily_metrics ORDER BY handle_id, date",
    );
    let checked = 0;
    for (let i = 0; i < days.length; i++) {
      const day = days[i];
      if (!day) continue;
      expect(day.followers).toBeGreaterThanOrEqual(0);
      expect(day.followers_gained).toBeGreaterThanOrEqual(0);
      expect(day.followers_lost).toBeGreaterThanOrEqual(0);
      const previous = days[i - 1];
      if (previous && previous.handle_id === day.handle_id) {
        expect(day.followers - previous.followers).toBe(day.followers_gained - day.followers_lost);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("counts each day's posts in posts_published, and reads post counts as of the last collection", () => {
    const db = tempDb();
    seedDemoNetwork(db, SMALL);
    const mismatches = rows(
      db,
      `SELECT d.handle_id, d.date FROM daily_metrics d
       WHERE d.posts_published != (SELECT count(*) FROM posts p WHERE p.handle_id = d.handle_id AND p.local_date = d.date)`,
    );
    expect(mismatches).toHaveLength(0);
    const orphans = rows(
      db,
      `SELECT 1 FROM posts p WHERE NOT EXISTS
         (SELECT 1 FROM daily_metrics d WHERE d.handle_id = p.handle_id AND d.date = p.local_date)`,
    );
    expect(orphans).toHaveLength(0);
    const asOf = rows<{ handle_id: number; counts_as_of: string; last: string }>(
      db,
      `SELECT p.handle_id, p.counts_as_of, (SELECT max(date) FROM daily_metrics d WHERE d.handle_id = p.handle_id) AS last
       FROM posts p GROUP BY p.handle_id, p.counts_as_of`,
    );
    for (const row of asOf) expect(row.counts_as_of).toBe(row.last);
    const sources = rows<{ source: string }>(
      db,
      "SELECT DISTINCT source FROM daily_metrics UNION SELECT DISTINCT source FROM posts",
    );
    expect(sources).toEqual([{ source: "demo" }]);
  });

  it("has stale, quiet and unverified handles", () => {
    const db = tempDb();
    seedDemoNetwork(db, SMALL);
    const handles = rows<{
      id: number;
      verified: number;
      collection_status: string;
      collection_error: string | null;
      last_date: string | null;
      last_post: string | null;
    }>(
      db,
      `SELECT h.id, h.verified, h.collection_status, h.collection_error,
         (SELECT max(date) FROM daily_metrics d WHERE d.handle_id = h.id) AS last_date,
         (SELECT max(local_date) FROM posts p WHERE p.handle_id = h.id) AS last_post
       FROM handles h`,
    );
    // Stale: figures stop 4–20 days before today (2026-04-01), and the handle says why.
    const stale = handles.filter((h) => h.last_date !== "2026-03-31");
    expect(stale.length).toBeGreaterThanOrEqual(1);
    for (const h of stale) {
      expect(h.last_date === null || (h.last_date >= "2026-03-12" && h.last_date <= "2026-03-28")).toBe(true);
      expect(h.collection_status).not.toBe("ok");
      expect(h.collection_error).toBeTruthy();
    }
    for (const h of handles.filter((x) => x.last_date === "2026-03-31"))
      expect(h.collection_status).toBe("ok");
    // Quiet: still collected, but nothing posted in the last 14 days.
    const quiet = handles.filter((h) => h.last_date === "2026-03-31" && (h.last_post ?? "") < "2026-03-18");
    expect(quiet.length).toBeGreaterThanOrEqual(1);
    const unverified = handles.filter((h) => h.verified === 0);
    expect(unverified.length).toBeGreaterThanOrEqual(1);
    expect(unverified.length).toBeLessThan(handles.length / 2);
  });

  it("names handles after the naming standard, with a few deliberate exceptions", () => {
    const db = tempDb();
    seedDemoNetwork(db, SMALL);
    const settings = Object.fromEntries(
      rows<{ key: string; value: string }>(db, "SELECT key, value FROM settings").map((s) => [
        s.key,
        s.value,
      ]),
    );
    expect(settings.network).toBe("demo");
    expect(settings["naming.x"]).toBe("^Arcadia");
    expect(settings["naming.instagram"]).toBe("^arcadia_");
    const handles = rows<{
      code: string;
      platform: string;
      handle: string;
      url: string;
      external_id: string;
    }>(
      db,
      "SELECT m.code, h.platform, h.handle, h.url, h.external_id FROM handles h JOIN missions m ON m.id = h.mission_id",
    );
    const find = (code: string, platform: string) =>
      handles.find((h) => h.code === code && h.platform === platform);
    expect(find("washington", "x")).toMatchObject({
      handle: "ArcadiaInUSA",
      url: "https://x.com/ArcadiaInUSA",
    });
    expect(find("washington", "facebook")?.handle).toBe("ArcadiaEmbassyUSA");
    expect(find("london", "x")?.handle).toBe("ArcadiaInUK");
    expect(find("tokyo", "instagram")?.handle).toBe("arcadiaembassyjp");
    const breaking = handles.filter(
      (h) => !new RegExp(settings[`naming.${h.platform}`] ?? "").test(h.handle),
    );
    expect(breaking.map((h) => `${h.code}:${h.platform}`)).toEqual(["tokyo:instagram"]);
    for (const h of handles) {
      expect(h.external_id).toBeTruthy();
      expect(h.url.startsWith("https://")).toBe(true);
    }
  });

  it("gives posts platform-shaped links, ids unique per handle, and no zero for what a platform does not report", () => {
    const db = tempDb();
    seedDemoNetwork(db, SMALL);
    const posts = rows<{
      platform: string;
      handle: string;
      url: string;
      external_id: string;
      type: string;
      caption: string;
      saves: number | null;
      views: number | null;
      likes: number;
    }>(
      db,
      `SELECT h.platform, h.handle, p.url, p.external_id, p.type, p.caption, p.saves, p.views, p.likes
       FROM posts p JOIN handles h ON h.id = p.handle_id`,
    );
    const patterns: Record<string, RegExp> = {
      x: /^https:\/\/x\.com\/[A-Za-z0-9_]+\/status\/\d+$/,
      facebook: /^https:\/\/www\.facebook\.com\/.+\/\d+$/,
      instagram: /^https:\/\/www\.instagram\.com\/(p|reel)\/[A-Za-z0-9_-]{11}\/$/,
      youtube: /^https:\/\/www\.youtube\.com\/(watch\?v=|shorts\/)[A-Za-z0-9_-]{11}$/,
      tiktok: /^https:\/\/www\.tiktok\.com\/@[a-z0-9_.]+\/video\/\d+$/,
      linkedin: /^https:\/\/www\.linkedin\.com\/feed\/update\/urn:li:activity:\d+\/$/,
    };
    for (const post of posts) {
      expect(post.url).toMatch(patterns[post.platform] ?? /^$/);
      expect(post.caption.length).toBeGreaterThan(10);
      expect(post.likes).toBeGreaterThanOrEqual(0);
      if (post.platform !== "instagram") expect(post.saves).toBeNull();
      if (post.type === "photo" || post.type === "text" || post.type === "link")
        expect(post.views).toBeNull();
    }
    const xViews = rows<{ views: number | null }>(
      db,
      "SELECT DISTINCT d.views FROM daily_metrics d JOIN handles h ON h.id = d.handle_id WHERE h.platform = 'x'",
    );
    expect(xViews).toEqual([{ views: null }]);
  });

  it("replaces the previous network instead of adding to it", () => {
    const db = tempDb();
    const first = seedDemoNetwork(db, SMALL);
    const sqlite = db.$client;
    sqlite
      .prepare(
        "INSERT INTO members (platform, user_id, role, mission_id) VALUES ('slack', 'U1', 'mission_officer', 2)",
      )
      .run();
    sqlite.prepare("INSERT INTO members (platform, user_id, role) VALUES ('slack', 'U2', 'admin')").run();
    sqlite
      .prepare(
        `INSERT INTO imports (file_hash, file_name, format, handle_id, rows_read, posts_new, posts_updated,
           days_added, days_updated, rows_skipped, actor, at)
         VALUES ('h', 'f.csv', 'x_posts', 1, 1, 1, 0, 0, 0, 0, 'console:me', '2026-04-01T00:00:00Z')`,
      )
      .run();
    sqlite
      .prepare(
        "INSERT INTO credentials (handle_id, kind, iv, tag, ciphertext) VALUES (2, 'page_token', 'a', 'b', 'c')",
      )
      .run();
    sqlite.prepare("INSERT INTO settings (key, value) VALUES ('naming.threads', '^old')").run();

    const second = seedDemoNetwork(db, SMALL);
    expect(second).toEqual(first);
    expect(tableCount(db, "missions")).toBe(first.missions);
    expect(tableCount(db, "posts")).toBe(first.posts);
    expect(tableCount(db, "imports")).toBe(0);
    expect(tableCount(db, "credentials")).toBe(0);
    expect(rows(db, "SELECT user_id FROM members")).toEqual([{ user_id: "U2" }]);
    expect(rows(db, "SELECT min(id) AS id FROM missions")).toEqual([{ id: 1 }]);
    expect(rows(db, "SELECT value FROM settings WHERE key = 'naming.threads'")).toEqual([]);

    // Reseeding gives exactly what a fresh database gets.
    const fresh = tempDb();
    seedDemoNetwork(fresh, SMALL);
    const core = (d: Db) =>
      ["missions", "handles", "daily_metrics", "posts"].map((t) =>
        JSON.stringify(rows(d, `SELECT * FROM ${t}`)),
      );
    expect(core(db)).toEqual(core(fresh));
  });

  it("also clears rows of later tables that hang on a mission, at any depth", () => {
    const db = tempDb();
    seedDemoNetwork(db, SMALL);
    const sqlite = db.$client;
    sqlite.exec(`
      CREATE TABLE delivery_notes (delivery_id INTEGER NOT NULL REFERENCES content_deliveries(id),
        post_id INTEGER REFERENCES posts(id));
      INSERT INTO content_items (id, title, kind, targets, created_by, created_at)
        VALUES (1, 'Olive growers', 'story', '{"all":true}', 'console:t', '2026-11-01T00:00:00Z');
      INSERT INTO content_deliveries (id, content_id, mission_id) VALUES (1, 1, 3);
      INSERT INTO delivery_notes (delivery_id, post_id) VALUES (1, 5);
    `);
    seedDemoNetwork(db, SMALL);
    expect(tableCount(db, "content_items")).toBe(1);
    expect(tableCount(db, "content_deliveries")).toBe(0);
    expect(tableCount(db, "delivery_notes")).toBe(0);
  });

  it("refuses bad options with a clear message and changes nothing", () => {
    const db = tempDb();
    const first = seedDemoNetwork(db, SMALL);
    const before = checksum(db);
    const bad = [
      { ...SMALL, missions: 0 },
      { ...SMALL, missions: 1001 },
      { ...SMALL, missions: 2.5 },
      { ...SMALL, days: 0 },
      { ...SMALL, seed: " " },
      { ...SMALL, today: "2026-02-30" },
      { ...SMALL, today: "yesterday" },
    ];
    for (const options of bad) {
      let caught: unknown;
      try {
        seedDemoNetwork(db, options);
      } catch (err) {
        caught = err;
      }
      expect(isUserError(caught)).toBe(true);
      expect((caught as Error).message).toMatch(/missions|days|seed|YYYY-MM-DD/);
    }
    expect(checksum(db)).toBe(before);
    expect(tableCount(db, "posts")).toBe(first.posts);
  });
});

describe("planDemoNetwork", () => {
  it("plans up to 1000 missions with unique codes, valid zones and handles each platform accepts", () => {
    const plan = planDemoNetwork(1000, "1");
    expect(plan).toHaveLength(1000);
    expect(new Set(plan.map((m) => m.code)).size).toBe(1000);
    expect(plan.slice(0, DEMO_CITIES.length).map((m) => m.code)).toEqual(DEMO_CITIES.map((c) => c.code));
    const seen = new Set<string>();
    for (const mission of plan) {
      expect(mission.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(IANAZone.isValidZone(mission.timezone)).toBe(true);
      expect(parseWeekend(mission.weekend)).not.toBeNull();
      expect(mission.handles.length).toBeGreaterThanOrEqual(3);
      expect(mission.handles.length).toBeLessThanOrEqual(6);
      for (const h of mission.handles) {
        const key = `${h.platform}:${h.handle.toLowerCase()}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
        if (h.platform === "x") expect(h.handle).toMatch(/^[A-Za-z0-9_]{1,15}$/);
        if (h.platform === "instagram") expect(h.handle).toMatch(/^[a-z0-9_.]{1,30}$/);
        if (h.platform === "tiktok") expect(h.handle).toMatch(/^[a-z0-9_.]{2,24}$/);
        if (h.platform === "facebook") expect(h.handle).toMatch(/^[A-Za-z0-9.]{5,50}$/);
      }
    }
  });

  it("follows the naming standard except for the handles marked as breaking it", () => {
    const plan = planDemoNetwork(DEMO_CITIES.length, "1");
    const breaking = plan.flatMap((m) =>
      m.handles
        .filter((h) => !new RegExp(DEMO_NAMING_STANDARDS[h.platform]).test(h.handle))
        .map((h) => h.handle),
    );
    const declared = DEMO_CITIES.flatMap((c) => Object.values(c.offStandard ?? {}));
    expect(breaking.sort()).toEqual([...declared].sort());
    expect(breaking.length).toBeGreaterThanOrEqual(5);
  });

  it("sizes audiences by importance: capitals in the tens or hundreds of thousands, small posts in the thousands", () => {
    const plan = planDemoNetwork(DEMO_CITIES.length, "1");
    const x = (code: string) =>
      plan.find((m) => m.code === code)?.handles.find((h) => h.platform === "x")?.followers ?? 0;
    expect(x("washington")).toBeGreaterThanOrEqual(50_000);
    expect(x("hq")).toBeGreaterThanOrEqual(500_000);
    for (const code of ["erbil", "kigali", "suva"]) {
      expect(x(code)).toBeGreaterThanOrEqual(200);
      expect(x(code)).toBeLessThanOrEqual(10_000);
    }
  });
});
