import type Database from "better-sqlite3";

interface ForeignKey {
  table: string;
  column: string;
  parentColumn: string | null;
  notNull: boolean;
}

/**
 * Deletes every mission and everything that hangs on one through a foreign key, at any depth:
 * handles, their daily metrics, posts, imports and credentials, members of a mission, and rows
 * of tables added later (content deliveries, …), so the demo network can replace any network.
 * Tables that end up empty restart their ids at 1. Run it inside a transaction.
 */
export function deleteNetwork(sqlite: Database.Database): void {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  const keysByParent = new Map<string, ForeignKey[]>();
  for (const table of tables) {
    const notNull = new Set(
      (sqlite.pragma(`table_info(${quote(table)})`) as { name: string; notnull: number }[])
        .filter((c) => c.notnull === 1)
        .map((c) => c.name),
    );
    const keys = sqlite.pragma(`foreign_key_list(${quote(table)})`) as {
      table: string;
      from: string;
      to: string | null;
    }[];
    for (const key of keys) {
      const list = keysByParent.get(key.table) ?? [];
      list.push({ table, column: key.from, parentColumn: key.to, notNull: notNull.has(key.from) });
      keysByParent.set(key.table, list);
    }
  }

  const touched = new Set<string>();
  // `where` null means every row of the table goes.
  const purge = (table: string, where: string | null, path: readonly string[]): void => {
    if (path.includes(table)) return;
    for (const key of keysByParent.get(table) ?? []) {
      const parentColumn = key.parentColumn ?? "rowid";
      const childWhere =
        where === null
          ? key.notNull
            ? null
            : `${quote(key.column)} IS NOT NULL`
          : `${quote(key.column)} IN (SELECT ${quote(parentColumn)} FROM ${quote(table)} WHERE ${where})`;
      purge(key.table, childWhere, [...path, table]);
    }
    sqlite.prepare(`DELETE FROM ${quote(table)}${where === null ? "" : ` WHERE ${where}`}`).run();
    touched.add(table);
  };
  purge("missions", null, []);

  const hasSequence =
    tables.length > 0 && sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get();
  if (!hasSequence) return;
  const resetSequence = sqlite.prepare("DELETE FROM sqlite_sequence WHERE name = ?");
  for (const table of touched) {
    if (!sqlite.prepare(`SELECT 1 FROM ${quote(table)} LIMIT 1`).get()) resetSequence.run(table);
  }
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
