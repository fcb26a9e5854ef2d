import { eq, like } from "drizzle-orm";
import type { Db } from "../client.ts";
import { settings } from "../schema.ts";

const NAMING_PREFIX = "naming.";

/** The value of a setting, or null when it is not set. */
export function getSetting(db: Db, key: string): string | null {
  return (
    db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value ?? null
  );
}

/** Sets (or replaces) a setting. */
export function setSetting(db: Db, key: string, value: string): void {
  db.insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } })
    .run();
}

/** Removes a setting. Returns false when it was not set. */
export function deleteSetting(db: Db, key: string): boolean {
  return db.delete(settings).where(eq(settings.key, key)).run().changes > 0;
}

/** True when the database holds the demo network (setting `network = demo`). */
export function isDemoNetwork(db: Db): boolean {
  return getSetting(db, "network") === "demo";
}

/**
 * The naming standard per platform: settings `naming.<platform>` read as case-insensitive
 * regular expressions, with `envRules` (from `DMD_HANDLE_NAMING`) taking precedence. A stored
 * pattern that is not a valid regular expression is ignored rather than breaking every check.
 */
export function namingRules(
  db: Db,
  envRules: Partial<Record<string, RegExp>>,
): Partial<Record<string, RegExp>> {
  const out: Partial<Record<string, RegExp>> = {};
  const rows = db
    .select()
    .from(settings)
    .where(like(settings.key, `${NAMING_PREFIX}%`))
    .all();
  for (const row of rows) {
    const platform = row.key.slice(NAMING_PREFIX.length).trim().toLowerCase();
    if (platform === "" || row.value.trim() === "") continue;
    try {
      out[platform] = new RegExp(row.value, "i");
    } catch {
      // An unreadable rule is skipped: the env rule or no rule applies instead.
    }
  }
  for (const [platform, rule] of Object.entries(envRules)) {
    if (rule) out[platform] = rule;
  }
  return out;
}
