import { and, asc, count, eq, sql } from "drizzle-orm";
import { UserError } from "../../core/errors.ts";
import { lookupMission, missionNotFoundError } from "../../domain/mission-lookup.ts";
import type { Db } from "../client.ts";
import { type MissionKind, missions } from "../schema.ts";

/** One mission as stored. */
export type MissionRow = typeof missions.$inferSelect;

/** Optional filters for {@link listMissions}; `region` is matched case-insensitively. */
export interface MissionFilter {
  region?: string;
  kind?: string;
}

/** Every mission (optionally of one region and/or kind), ordered by code. */
export function listMissions(db: Db, filter: MissionFilter = {}): MissionRow[] {
  const conditions = [];
  if (filter.region !== undefined)
    conditions.push(sql`lower(${missions.region}) = lower(${filter.region.trim()})`);
  if (filter.kind !== undefined)
    conditions.push(eq(missions.kind, filter.kind.trim().toLowerCase() as MissionKind));
  return db
    .select()
    .from(missions)
    .where(and(...conditions))
    .orderBy(asc(missions.code))
    .all();
}

/** The mission with this code (case-insensitive), or null. */
export function getMissionByCode(db: Db, code: string): MissionRow | null {
  return db.select().from(missions).where(eq(missions.code, code.trim().toLowerCase())).get() ?? null;
}

/** The mission with this id, or null. */
export function getMissionById(db: Db, id: number): MissionRow | null {
  return db.select().from(missions).where(eq(missions.id, id)).get() ?? null;
}

/** How many missions there are. */
export function countMissions(db: Db): number {
  return db.select({ n: count() }).from(missions).get()?.n ?? 0;
}

/** The distinct regions, sorted. */
export function listRegions(db: Db): string[] {
  return db
    .selectDistinct({ region: missions.region })
    .from(missions)
    .orderBy(asc(missions.region))
    .all()
    .map((r) => r.region);
}

/** Order in which several matching missions are offered: the principal post first. */
const KIND_RANK: Record<MissionKind, number> = {
  hq: 0,
  embassy: 1,
  high_commission: 2,
  permanent_mission: 3,
  consulate: 4,
};

/**
 * The mission a user means by `query` (a code, city, country or name, see
 * {@link lookupMission}). Throws a {@link UserError} that says what matched, suggests close
 * codes, or explains how to load missions when there are none; `command` is quoted in the
 * example of how to say which one.
 */
export function resolveMission(db: Db, query: string, command = "/mission-stats"): MissionRow {
  const all = listMissions(db).sort(
    (a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.code.localeCompare(b.code),
  );
  if (all.length === 0) {
    throw new UserError(
      "no_missions",
      "There are no missions yet: run `dmd missions import <file.csv>` or `dmd demo` to load the demo network.",
    );
  }
  const result = lookupMission(query, all);
  if (result.kind === "found") return result.mission;
  throw missionNotFoundError(query, result, command);
}

/**
 * Sets a mission's working language (an ISO 639 code, or null for English only). Returns false
 * when it was already that.
 */
export function setMissionLanguage(db: Db, id: number, language: string | null): boolean {
  const current = db.select({ language: missions.language }).from(missions).where(eq(missions.id, id)).get();
  if (!current || current.language === language) return false;
  db.update(missions).set({ language, updatedAt: new Date().toISOString() }).where(eq(missions.id, id)).run();
  return true;
}
