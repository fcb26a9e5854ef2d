import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, deflateRawSync } from "node:zlib";
import type { Db } from "../../src/db/client.ts";
import { type ImportReport, type ImportRequest, importFile } from "../../src/ingest/import-file.ts";

/** Where the export fixtures live. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/exports");

/** A fixture's bytes. */
export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

/** Handle ids of the test mission's accounts. */
export interface Seeded {
  missionId: number;
  x: number;
  facebook: number;
  instagram: number;
  youtube: number;
  tiktok: number;
  /** A second mission's X handle, in another time zone. */
  xTokyo: number;
}

/**
 * Inserts the mission `washington` (America/New_York) with one handle per platform, and a
 * second mission `tokyo` (Asia/Tokyo) with an X handle.
 */
export function seedRegistry(db: Db): Seeded {
  const sqlite = db.$client;
  const mission = sqlite.prepare(
    `INSERT INTO missions (code, name, kind, country, city, region, timezone, weekend)
     VALUES (?, ?, 'embassy', ?, ?, ?, ?, 'sat-sun')`,
  );
  const handle = sqlite.prepare(
    "INSERT INTO handles (mission_id, platform, handle, external_id, verified) VALUES (?, ?, ?, ?, 1)",
  );
  const missionId = Number(
    mission.run(
      "washington",
      "Embassy of Freedonia in Washington",
      "United States",
      "Washington",
      "americas",
      "America/New_York",
    ).lastInsertRowid,
  );
  const tokyo = Number(
    mission.run("tokyo", "Embassy of Freedonia in Tokyo", "Japan", "Tokyo", "asia", "Asia/Tokyo")
      .lastInsertRowid,
  );
  const add = (m: number, platform: string, name: string, ext: string | null) =>
    Number(handle.run(m, platform, name, ext).lastInsertRowid);
  return {
    missionId,
    x: add(missionId, "x", "Embassy_Fr", "1234567890"),
    facebook: add(missionId, "facebook", "FreedoniaInUSA", "104857600123456"),
    instagram: add(missionId, "instagram", "freedonia.usa", "17841400000000001"),
    youtube: add(missionId, "youtube", "FreedoniaEmbassyUS", "UCfreedonia000000000000"),
    tiktok: add(missionId, "tiktok", "freedonia_usa", null),
    xTokyo: add(tokyo, "x", "FreedoniaJP", null),
  };
}

/** The fixed import instant used by the tests. */
export const NOW = new Date("2026-11-28T15:00:00Z");

/** Imports a fixture with defaults (console actor, fixed clock). */
export function importFixture(
  db: Db,
  name: string,
  extra: Partial<ImportRequest> = {},
): Promise<ImportReport[]> {
  return importFile(db, { fileName: name, bytes: fixture(name), actor: "console:local", now: NOW, ...extra });
}

/** Every row of every table, in a stable order: two equal dumps mean an unchanged database. */
export function dumpAll(db: Db): string {
  const sqlite = db.$client;
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = sqlite.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all();
    parts.push(`${name}: ${JSON.stringify(rows)}`);
  }
  const seq = sqlite.prepare("SELECT * FROM sqlite_master ORDER BY name").all();
  parts.push(JSON.stringify(seq));
  return parts.join("\n");
}

/** A handle's posts, keyed by external id. */
export function postsOf(db: Db, handleId: number): Record<string, Record<string, unknown>> {
  const rows = db.$client
    .prepare("SELECT * FROM posts WHERE handle_id = ? ORDER BY external_id")
    .all(handleId) as Record<string, unknown>[];
  return Object.fromEntries(rows.map((r) => [String(r.external_id), r]));
}

/** A handle's days, keyed by date. */
export function daysOf(db: Db, handleId: number): Record<string, Record<string, unknown>> {
  const rows = db.$client
    .prepare("SELECT * FROM daily_metrics WHERE handle_id = ? ORDER BY date")
    .all(handleId) as Record<string, unknown>[];
  return Object.fromEntries(rows.map((r) => [String(r.date), r]));
}

/** A zip of the given files (deflated), built in memory: for zip variations without fixtures. */
export function makeZip(files: Record<string, string | Uint8Array>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
