import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { auditEntries } from "../schema.ts";

/** How an audited action ended: done, refused for lack of role, refused for bad input, or failed. */
export type AuditOutcome = "ok" | "denied" | "rejected" | "error";

/** One entry to write. */
export interface AuditInput {
  /** ISO instant. */
  at: string;
  /** `platform:userId`, or `system` for jobs. */
  actor: string;
  /** The command or action, e.g. `handle add` or `access.grant`. */
  command: string;
  outcome: AuditOutcome;
  details: Record<string, unknown> | null;
}

/** One stored entry, with its details parsed back from JSON. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  command: string;
  outcome: AuditOutcome;
  details: Record<string, unknown> | null;
}

/** Filters for {@link listAudit}. */
export interface AuditQuery {
  /** At most this many entries, newest first. */
  limit: number;
  actor?: string;
  command?: string;
}

/** Appends one audit entry. Details that cannot be written as JSON are stored as a note saying so. */
export function writeAudit(db: Db, entry: AuditInput): void {
  db.insert(auditEntries)
    .values({
      at: entry.at,
      actor: entry.actor,
      command: entry.command,
      outcome: entry.outcome,
      details: entry.details === null ? null : toJson(entry.details),
    })
    .run();
}

/** The newest entries first (optionally of one actor or command). */
export function listAudit(db: Db, query: AuditQuery): AuditEntry[] {
  const conditions = [];
  if (query.actor !== undefined) conditions.push(eq(auditEntries.actor, query.actor));
  if (query.command !== undefined) conditions.push(eq(auditEntries.command, query.command));
  const rows = db
    .select()
    .from(auditEntries)
    .where(and(...conditions))
    .orderBy(desc(auditEntries.at), desc(auditEntries.id))
    .limit(Math.max(0, Math.floor(query.limit)))
    .all();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.actor,
    command: row.command,
    outcome: row.outcome as AuditOutcome,
    details: row.details === null ? null : fromJson(row.details),
  }));
}

function toJson(details: Record<string, unknown>): string {
  try {
    return JSON.stringify(details, (_key, value: unknown) =>
      typeof value === "bigint" ? value.toString() : value,
    );
  } catch {
    return JSON.stringify({ note: "details could not be stored as JSON" });
  }
}

function fromJson(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : { value: parsed };
  } catch {
    return { text };
  }
}
