import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { handles, missions } from "../schema.ts";

/** A handle with what API collection needs: its mission's zone and its current collection state. */
export interface CollectionHandle {
  id: number;
  platform: string;
  handle: string;
  externalId: string | null;
  active: boolean;
  missionCode: string;
  timezone: string;
  collectionStatus: string | null;
  collectionError: string | null;
  collectionErrorSince: string | null;
  lastCollectedAt: string | null;
}

/** Statuses that a person has to fix; a passing problem (quota, rate limit) never hides them. */
export const FINAL_COLLECTION_STATUSES: readonly string[] = ["token_expired", "permission", "not_found"];

/**
 * Queries and updates of the handles' API collection state (`collection_status`,
 * `collection_error`, `collection_error_since`, `last_collected_at`).
 */
export function createCollectionRepo(db: Db) {
  const columns = {
    id: handles.id,
    platform: handles.platform,
    handle: handles.handle,
    externalId: handles.externalId,
    active: handles.active,
    missionCode: missions.code,
    timezone: missions.timezone,
    collectionStatus: handles.collectionStatus,
    collectionError: handles.collectionError,
    collectionErrorSince: handles.collectionErrorSince,
    lastCollectedAt: handles.lastCollectedAt,
  };

  return {
    /** Every handle (active or not) with its mission, ordered by platform, mission and handle. */
    listAll(): CollectionHandle[] {
      return db
        .select(columns)
        .from(handles)
        .innerJoin(missions, eq(missions.id, handles.missionId))
        .orderBy(asc(handles.platform), asc(missions.code), asc(sql`lower(${handles.handle})`))
        .all();
    },

    /** The handle's collection state, or null when there is no such handle. */
    get(handleId: number): CollectionHandle | null {
      return (
        db
          .select(columns)
          .from(handles)
          .innerJoin(missions, eq(missions.id, handles.missionId))
          .where(eq(handles.id, handleId))
          .get() ?? null
      );
    },

    /** A successful collection: status `ok`, the error cleared, `last_collected_at` set. */
    markOk(handleId: number, at: string): void {
      db.update(handles)
        .set({
          collectionStatus: "ok",
          collectionError: null,
          collectionErrorSince: null,
          lastCollectedAt: at,
        })
        .where(eq(handles.id, handleId))
        .run();
    },

    /**
     * A failed collection. `since` is when this problem started (the caller keeps the first
     * failure's instant while the status stays the same).
     */
    markFailed(handleId: number, status: string, message: string, since: string): void {
      db.update(handles)
        .set({ collectionStatus: status, collectionError: message, collectionErrorSince: since })
        .where(eq(handles.id, handleId))
        .run();
    },

    /** Remembers the platform's id for a handle that had none. */
    setExternalId(handleId: number, externalId: string): void {
      db.update(handles)
        .set({ externalId })
        .where(and(eq(handles.id, handleId), sql`${handles.externalId} IS NULL`))
        .run();
    },
  };
}

/** The repo returned by {@link createCollectionRepo}. */
export type CollectionRepo = ReturnType<typeof createCollectionRepo>;
