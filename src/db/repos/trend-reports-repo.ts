/**
 * Trend reports cached by the hash of the facts they were written from (and their language), so
 * that the same figures are written up once; and the count of LLM requests a user made lately,
 * for `/trends`'s rate limit (each is an audit entry).
 */
import { and, eq, gte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { auditEntries, trendReports } from "../schema.ts";

/** The audit action recorded each time `/trends` asks the LLM for a report. */
export const LLM_REQUEST_ACTION = "trends.llm";

/** A report to store. `body` is the whole result (report, violations, model, usage) as JSON. */
export interface TrendReportInput {
  /** A mission code, or `scd` for the network brief. */
  scope: string;
  periodKey: string;
  language: string;
  factsHash: string;
  source: string;
  body: Record<string, unknown>;
  /** ISO instant. */
  createdAt: string;
}

/** A stored report, its body parsed (null when it could not be read back). */
export interface StoredTrendReport extends Omit<TrendReportInput, "body"> {
  id: number;
  body: Record<string, unknown> | null;
}

/** The report written for these facts and language, or null. */
export function findTrendReport(
  db: Db,
  scope: string,
  factsHash: string,
  language: string,
): StoredTrendReport | null {
  const row = db
    .select()
    .from(trendReports)
    .where(
      and(
        eq(trendReports.scope, scope),
        eq(trendReports.factsHash, factsHash),
        eq(trendReports.language, language),
      ),
    )
    .get();
  if (!row) return null;
  let body: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(row.body);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed))
      body = parsed as Record<string, unknown>;
  } catch {
    body = null;
  }
  return { ...row, body };
}

/** Stores a report, replacing one stored for the same scope, facts and language. */
export function saveTrendReport(db: Db, input: TrendReportInput): void {
  const values = {
    scope: input.scope,
    periodKey: input.periodKey,
    language: input.language,
    factsHash: input.factsHash,
    source: input.source,
    body: JSON.stringify(input.body),
    createdAt: input.createdAt,
  };
  db.insert(trendReports)
    .values(values)
    .onConflictDoUpdate({
      target: [trendReports.scope, trendReports.factsHash, trendReports.language],
      set: {
        periodKey: values.periodKey,
        source: values.source,
        body: values.body,
        createdAt: values.createdAt,
      },
    })
    .run();
}

/** How many LLM reports `actor` (`platform:userId`) asked for since `sinceIso`. */
export function countLlmRequests(db: Db, actor: string, sinceIso: string): number {
  return (
    db.select({ n: sql<number>`count(*)` }).from(auditEntries).where(llmRequestsBy(actor, sinceIso)).get()
      ?.n ?? 0
  );
}

/** The instant of `actor`'s oldest LLM request since `sinceIso` (when the next one frees up), or null. */
export function oldestLlmRequestSince(db: Db, actor: string, sinceIso: string): string | null {
  return (
    db
      .select({ at: sql<string>`min(${auditEntries.at})` })
      .from(auditEntries)
      .where(llmRequestsBy(actor, sinceIso))
      .get()?.at ?? null
  );
}

/** The audit entries of `actor`'s LLM requests since `sinceIso`. */
function llmRequestsBy(actor: string, sinceIso: string): SQL | undefined {
  return and(
    eq(auditEntries.actor, actor),
    eq(auditEntries.command, LLM_REQUEST_ACTION),
    eq(auditEntries.outcome, "ok"),
    gte(auditEntries.at, sinceIso),
  );
}
