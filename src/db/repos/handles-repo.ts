import { and, asc, eq, sql } from "drizzle-orm";
import { UserError } from "../../core/errors.ts";
import type { Db } from "../client.ts";
import { handles, missions, PLATFORMS, type Platform } from "../schema.ts";

/** One handle as stored. */
export type HandleRow = typeof handles.$inferSelect;

/** An active handle with what a job needs to know about its mission. */
export type HandleWithMission = HandleRow & { missionCode: string; missionTimezone: string };

/** What {@link addHandle} did. */
export interface AddHandleResult {
  handle: HandleRow;
  status: "created" | "reactivated" | "already_active";
}

/** A handle as stored: trimmed, without one leading `@`. */
export function cleanHandle(handle: string): string {
  return handle.trim().replace(/^@/, "");
}

/** Platforms in their canonical order (x, facebook, instagram, …), as SQL, for ORDER BY. */
const platformOrder = sql`CASE ${handles.platform} ${sql.raw(
  PLATFORMS.map((p, i) => `WHEN '${p}' THEN ${i}`).join(" "),
)} ELSE ${sql.raw(String(PLATFORMS.length))} END`;

function nowIso(): string {
  return new Date().toISOString();
}

/**
 * A mission's handles in platform order (x, facebook, instagram, … as in `PLATFORMS`), then by
 * handle; removed ones only with `includeInactive`.
 */
export function listHandles(
  db: Db,
  missionId: number,
  options: { includeInactive?: boolean } = {},
): HandleRow[] {
  const conditions = [eq(handles.missionId, missionId)];
  if (!options.includeInactive) conditions.push(eq(handles.active, true));
  return db
    .select()
    .from(handles)
    .where(and(...conditions))
    .orderBy(asc(platformOrder), asc(sql`lower(${handles.handle})`))
    .all();
}

/**
 * The handle on `platform` with this name, whatever its case and with or without a leading
 * `@`; removed handles are found too (check `active`). Null when there is none.
 */
export function findHandle(db: Db, platform: string, handle: string): HandleRow | null {
  return (
    db
      .select()
      .from(handles)
      .where(
        and(
          eq(handles.platform, platform.trim().toLowerCase() as Platform),
          sql`lower(${handles.handle}) = lower(${cleanHandle(handle)})`,
        ),
      )
      .get() ?? null
  );
}

/** The handle with this id, or null. */
export function getHandleById(db: Db, id: number): HandleRow | null {
  return db.select().from(handles).where(eq(handles.id, id)).get() ?? null;
}

/**
 * Registers a handle for a mission. A removed handle of the same mission is re-activated
 * (keeping its history); one that belongs to another mission is refused with
 * `UserError("handle_taken")`, because moving a handle is an explicit act ({@link moveHandle}).
 */
export function addHandle(
  db: Db,
  input: { missionId: number; platform: Platform; handle: string; url?: string | null },
): AddHandleResult {
  const name = cleanHandle(input.handle);
  if (name === "") throw new UserError("bad_handle", "Give the account name, e.g. MOFA_Washington.");
  const existing = findHandle(db, input.platform, name);
  if (existing && existing.missionId !== input.missionId) {
    const owner = db
      .select({ code: missions.code })
      .from(missions)
      .where(eq(missions.id, existing.missionId))
      .get();
    const ownerCode = owner?.code ?? `#${existing.missionId}`;
    throw new UserError(
      "handle_taken",
      `${input.platform} @${existing.handle} already belongs to mission ${ownerCode}${existing.active ? "" : " (removed)"}. ` +
        "A handle belongs to one mission: move it explicitly if it changed hands.",
    );
  }
  if (existing?.active) return { handle: existing, status: "already_active" };
  if (existing) {
    const handle = db
      .update(handles)
      .set({ active: true, url: input.url ?? existing.url, updatedAt: nowIso() })
      .where(eq(handles.id, existing.id))
      .returning()
      .get();
    return { handle, status: "reactivated" };
  }
  const handle = db
    .insert(handles)
    .values({ missionId: input.missionId, platform: input.platform, handle: name, url: input.url ?? null })
    .returning()
    .get();
  return { handle, status: "created" };
}

/** Moves a handle (and its history) to another mission. Returns false when nothing changed. */
export function moveHandle(db: Db, id: number, missionId: number): boolean {
  const res = db
    .update(handles)
    .set({ missionId, updatedAt: nowIso() })
    .where(and(eq(handles.id, id), sql`${handles.missionId} <> ${missionId}`))
    .run();
  return res.changes > 0;
}

/** Removes a handle from counting, keeping its history. Returns false if it was already removed or is unknown. */
export function deactivateHandle(db: Db, id: number): boolean {
  const res = db
    .update(handles)
    .set({ active: false, updatedAt: nowIso() })
    .where(and(eq(handles.id, id), eq(handles.active, true)))
    .run();
  return res.changes > 0;
}

/** Marks a handle verified (or not). Returns false when it already was, or is unknown. */
export function setVerified(db: Db, id: number, verified: boolean): boolean {
  const res = db
    .update(handles)
    .set({ verified, updatedAt: nowIso() })
    .where(and(eq(handles.id, id), sql`${handles.verified} <> ${verified ? 1 : 0}`))
    .run();
  return res.changes > 0;
}

/** Every active handle of every mission, with its mission's code and time zone; by mission code, then platform order. */
export function listAllActiveHandles(db: Db): HandleWithMission[] {
  return db
    .select({ handle: handles, missionCode: missions.code, missionTimezone: missions.timezone })
    .from(handles)
    .innerJoin(missions, eq(missions.id, handles.missionId))
    .where(eq(handles.active, true))
    .orderBy(asc(missions.code), asc(platformOrder), asc(sql`lower(${handles.handle})`))
    .all()
    .map((r) => ({ ...r.handle, missionCode: r.missionCode, missionTimezone: r.missionTimezone }));
}
