import type { Db } from "../../src/db/client.ts";

/**
 * A tiny network with hand-checked figures, used by command and CLI tests. With as-of
 * 2026-11-26 and period 7d ([2026-11-20, 2026-11-26]) the expected values are written out in
 * the tests that use it; see test/integration/commands-mission-stats.test.ts.
 */
export function seedFixtureNetwork(db: Db): void {
  const sql = db.$client;
  const mission = sql.prepare(
    `INSERT INTO missions (code, name, kind, country, city, region, timezone, weekend, slack_channel)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  mission.run(
    "washington",
    "Embassy of Arcadia in Washington",
    "embassy",
    "United States",
    "Washington",
    "Americas",
    "America/New_York",
    "sat-sun",
    "dmd-washington",
  );
  mission.run(
    "karachi",
    "Consulate General of Arcadia in Karachi",
    "consulate",
    "Pakistan",
    "Karachi",
    "Asia-Pacific",
    "Asia/Karachi",
    "sat-sun",
    null,
  );
  mission.run(
    "riyadh",
    "Embassy of Arcadia in Riyadh",
    "embassy",
    "Saudi Arabia",
    "Riyadh",
    "Middle East",
    "Asia/Riyadh",
    "fri-sat",
    null,
  );
  mission.run(
    "sao-paulo",
    "Consulate General of Arcadia in São Paulo",
    "consulate",
    "Brazil",
    "São Paulo",
    "Americas",
    "America/Sao_Paulo",
    "sat-sun",
    null,
  );
  mission.run(
    "hq",
    "Ministry of Foreign Affairs of Arcadia",
    "hq",
    "Arcadia",
    "Arcadia City",
    "HQ",
    "Europe/Athens",
    "sat-sun",
    null,
  );

  const handle = sql.prepare(
    "INSERT INTO handles (id, mission_id, platform, handle, url, verified) VALUES (?, (SELECT id FROM missions WHERE code = ?), ?, ?, ?, ?)",
  );
  handle.run(1, "washington", "x", "ArcadiaInUSA", "https://x.com/ArcadiaInUSA", 1);
  handle.run(2, "washington", "facebook", "ArcadiaEmbassyUSA", null, 0);
  handle.run(3, "karachi", "x", "ArcadiaInKarachi", null, 1);
  handle.run(4, "riyadh", "x", "ArcadiaInKSA", null, 1);
  handle.run(5, "riyadh", "instagram", "arcadia_in_ksa", null, 1);
  handle.run(6, "hq", "x", "ArcadiaMFA", null, 1);

  const daily = sql.prepare(
    "INSERT INTO daily_metrics (handle_id, date, followers, source, collected_at) VALUES (?, ?, ?, 'test', '2026-11-27T00:00:00Z')",
  );
  daily.run(1, "2026-11-19", 1000);
  daily.run(1, "2026-11-26", 1100);
  daily.run(2, "2026-11-22", 500);
  daily.run(3, "2026-11-19", 290);
  daily.run(3, "2026-11-26", 300);
  daily.run(4, "2026-11-19", 2000);
  daily.run(4, "2026-11-26", 2000);
  daily.run(6, "2026-11-26", 90000);

  const post = sql.prepare(
    `INSERT INTO posts (handle_id, external_id, published_at, local_date, url, likes, comments, shares, saves, source, collected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'test', '2026-11-27T00:00:00Z')`,
  );
  post.run(
    1,
    "w1",
    "2026-11-21T15:00:00Z",
    "2026-11-21",
    "https://x.com/ArcadiaInUSA/status/1",
    10,
    2,
    3,
    null,
  );
  post.run(
    1,
    "w2",
    "2026-11-24T15:00:00Z",
    "2026-11-24",
    "https://x.com/ArcadiaInUSA/status/2",
    5,
    null,
    null,
    null,
  );
  post.run(2, "f1", "2026-11-23T15:00:00Z", "2026-11-23", null, null, null, null, null);
  // 19:30 UTC is already the next day in Karachi (UTC+5).
  post.run(
    3,
    "k1",
    "2026-11-25T19:30:00Z",
    "2026-11-26",
    "https://x.com/ArcadiaInKarachi/status/1",
    30,
    null,
    null,
    null,
  );
  post.run(
    3,
    "k2",
    "2026-11-26T19:30:00Z",
    "2026-11-27",
    "https://x.com/ArcadiaInKarachi/status/2",
    99,
    null,
    null,
    null,
  );
  post.run(5, "i1", "2026-11-22T09:00:00Z", "2026-11-22", "https://instagram.com/p/1", 4, 1, 0, 9);
  post.run(6, "h1", "2026-11-22T09:00:00Z", "2026-11-22", null, 5000, 0, 0, null);
}
