/**
 * A repo's prepared statements, prepared once per database connection and reused by every call.
 */
import type BetterSqlite3 from "better-sqlite3";
import type { Db } from "./client.ts";

/**
 * Returns a getter for the statements `prepare` builds: the first call on a connection prepares
 * them, later calls on it get the same ones back. Keyed weakly by connection, so each database
 * prepares its statements once and a closed one is collected with its statements.
 */
export function preparedPerConnection<T>(prepare: (sqlite: BetterSqlite3.Database) => T): (db: Db) => T {
  const prepared = new WeakMap<BetterSqlite3.Database, T>();
  return (db) => {
    const sqlite = db.$client;
    const cached = prepared.get(sqlite);
    if (cached) return cached;
    const created = prepare(sqlite);
    prepared.set(sqlite, created);
    return created;
  };
}
