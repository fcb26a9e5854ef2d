import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import seedrandom from "seedrandom";
import { openDb } from "../src/db/client.ts";
import { addDays } from "../src/domain/dates.ts";

/** The shape of the benchmark fleet. */
export interface FleetSpec {
  missions: number;
  handlesPerMission: number;
  days: number;
  /** Posts per handle per day, on average. */
  postsPerHandleDay: number;
  /** Last day with data. */
  lastDay: string;
}

const ZONES = [
  "America/New_York",
  "Europe/Paris",
  "Asia/Karachi",
  "Asia/Tokyo",
  "Africa/Nairobi",
  "Asia/Riyadh",
  "America/Sao_Paulo",
  "Australia/Sydney",
];
const REGIONS = [
  "Americas",
  "Europe",
  "Asia-Pacific",
  "Asia-Pacific",
  "Africa",
  "Middle East",
  "Americas",
  "Asia-Pacific",
];
const PLATFORMS = ["x", "facebook", "instagram", "youtube", "tiktok", "linkedin"];

/**
 * Builds (once) a fleet-scale database at `path` with the real migrations, and returns counts.
 * Rows are written with raw prepared statements in one transaction: this is test data, not an
 * import path.
 */
export function buildFleetDb(path: string, spec: FleetSpec): { built: boolean } {
  if (existsSync(path)) return { built: false };
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const db = openDb(partial);
  const sql = db.$client;
  sql.pragma("synchronous = OFF");
  const random = seedrandom("fleet");
  const firstDay = addDays(spec.lastDay, -(spec.days - 1));
  const dates = Array.from({ length: spec.days }, (_, i) => addDays(firstDay, i));
  const insertMission = sql.prepare(
    "INSERT INTO missions (code, name, kind, country, city, region, timezone, weekend) VALUES (?, ?, 'embassy', ?, ?, ?, ?, 'sat-sun')",
  );
  const insertHandle = sql.prepare(
    "INSERT INTO handles (mission_id, platform, handle, verified) VALUES (?, ?, ?, 1)",
  );
  const insertDaily = sql.prepare(
    "INSERT INTO daily_metrics (handle_id, date, followers, source, collected_at) VALUES (?, ?, ?, 'bench', '2026-01-01T00:00:00Z')",
  );
  const insertPost = sql.prepare(
    `INSERT INTO posts (handle_id, external_id, published_at, local_date, likes, comments, shares, source, collected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', '2026-01-01T00:00:00Z')`,
  );
  sql.transaction(() => {
    for (let m = 0; m < spec.missions; m++) {
      const zone = m % ZONES.length;
      const missionId = Number(
        insertMission.run(`m${m}`, `Mission ${m}`, `Country ${m}`, `City ${m}`, REGIONS[zone], ZONES[zone])
          .lastInsertRowid,
      );
      for (let h = 0; h < spec.handlesPerMission; h++) {
        const platform = PLATFORMS[h % PLATFORMS.length] ?? "x";
        const handleId = Number(
          insertHandle.run(missionId, platform, `m${m}_${platform}_${h}`).lastInsertRowid,
        );
        let followers = Math.round(500 + random() ** 3 * 400_000);
        for (const date of dates) {
          followers = Math.max(0, followers + Math.round((random() - 0.3) * followers * 0.002));
          insertDaily.run(handleId, date, followers);
          let posts = 0;
          const expected = spec.postsPerHandleDay;
          while (random() < expected / (posts + 1) && posts < 5) posts++;
          for (let p = 0; p < posts; p++) {
            const likes = Math.round(Math.exp(random() * 6));
            insertPost.run(
              handleId,
              `${date}-${p}`,
              `${date}T12:00:00Z`,
              date,
              likes,
              Math.round(likes / 10),
              Math.round(likes / 20),
            );
          }
        }
      }
    }
  })();
  sql.pragma("wal_checkpoint(TRUNCATE)");
  sql.close();
  renameSync(partial, path);
  rmSync(`${partial}-wal`, { force: true });
  rmSync(`${partial}-shm`, { force: true });
  return { built: true };
}
