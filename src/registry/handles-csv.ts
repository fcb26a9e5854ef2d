import { eq, sql } from "drizzle-orm";
import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { type Db, inTransaction } from "../db/client.ts";
import { handles, missions } from "../db/schema.ts";
import { booleanCell, codeCell, handleCell, optionalText, platformCell, urlCell } from "./columns.ts";
import { quoted, readCsvTable } from "./csv-table.ts";
import type { RegistryImportReport } from "./missions-csv.ts";
import { issuesToProblems, RegistryImportError, type RegistryProblem } from "./registry-import-error.ts";

export { RegistryImportError } from "./registry-import-error.ts";

/** Columns of the handles file (`../shared/DESIGN.md`, "Registry files"). */
export const HANDLE_COLUMNS = {
  required: ["mission", "platform", "handle"],
  optional: ["url", "external_id", "verified"],
} as const;

const handleRow = z.object({
  mission: codeCell,
  platform: platformCell,
  handle: handleCell,
  url: urlCell.optional(),
  external_id: optionalText.optional(),
  verified: booleanCell.optional(),
});

type HandleInput = z.infer<typeof handleRow> & { line: number; missionId: number };

/**
 * Imports a handles registry file. Each row's mission must already exist (import the missions
 * file first). Any bad row, including a handle that belongs to another mission, rejects the
 * whole file with a {@link RegistryImportError} and nothing is written. A good file is upserted
 * by platform and handle (case-insensitive) in one transaction; a removed handle listed again
 * is re-activated. Columns the file does not have (url, external_id, verified) keep their
 * stored values; an empty `verified` means false.
 */
export function importHandlesCsv(db: Db, csvText: string, fileName: string): RegistryImportReport {
  const { rows, problems } = readCsvTable(csvText, fileName, HANDLE_COLUMNS);
  return inTransaction(db, () => {
    const missionIds = new Map(
      db
        .select({ id: missions.id, code: missions.code })
        .from(missions)
        .all()
        .map((m) => [m.code, m.id]),
    );
    const valid: HandleInput[] = [];
    const firstLine = new Map<string, number>();
    for (const row of rows) {
      const parsed = handleRow.safeParse(row.values);
      if (!parsed.success) {
        problems.push(...issuesToProblems(row.line, parsed.error.issues));
        continue;
      }
      const h = parsed.data;
      const missionId = missionIds.get(h.mission);
      if (missionId === undefined) {
        problems.push({
          line: row.line,
          column: "mission",
          message: unknownMission(h.mission, [...missionIds.keys()]),
        });
        continue;
      }
      const key = `${h.platform}:${h.handle.toLowerCase()}`;
      const seen = firstLine.get(key);
      if (seen !== undefined) {
        problems.push({
          line: row.line,
          column: "handle",
          message: `${h.platform} @${h.handle} is already on line ${seen}: each handle appears once`,
        });
        continue;
      }
      firstLine.set(key, row.line);
      valid.push({ ...h, line: row.line, missionId });
    }

    const plans = valid.map((h) => ({ h, existing: findExisting(db, h) }));
    for (const { h, existing } of plans) {
      if (existing && existing.missionId !== h.missionId)
        problems.push(takenProblem(db, h, existing.missionId));
    }
    if (problems.length > 0) throw new RegistryImportError(fileName, problems);

    const report: RegistryImportReport = { created: 0, updated: 0, unchanged: 0 };
    const now = new Date().toISOString();
    for (const { h, existing } of plans) report[upsertHandle(db, h, existing, now)]++;
    return report;
  });
}

type StoredHandle = typeof handles.$inferSelect;

function findExisting(db: Db, h: HandleInput): StoredHandle | undefined {
  return db
    .select()
    .from(handles)
    .where(sql`${handles.platform} = ${h.platform} AND lower(${handles.handle}) = lower(${h.handle})`)
    .get();
}

function upsertHandle(
  db: Db,
  h: HandleInput,
  existing: StoredHandle | undefined,
  now: string,
): keyof RegistryImportReport {
  const values = {
    handle: h.handle,
    active: true,
    ...(h.url !== undefined ? { url: h.url } : {}),
    ...(h.external_id !== undefined ? { externalId: h.external_id } : {}),
    ...(h.verified !== undefined ? { verified: h.verified } : {}),
  };
  if (!existing) {
    db.insert(handles)
      .values({ missionId: h.missionId, platform: h.platform, ...values })
      .run();
    return "created";
  }
  const changed = (Object.keys(values) as (keyof typeof values)[]).some((k) => values[k] !== existing[k]);
  if (!changed) return "unchanged";
  db.update(handles)
    .set({ ...values, updatedAt: now })
    .where(eq(handles.id, existing.id))
    .run();
  return "updated";
}

function unknownMission(code: string, known: string[]): string {
  const near = known.length > 0 ? closest(code, known) : undefined;
  const hint = near !== undefined && distance(code, near) <= 2 ? ` (did you mean ${near}?)` : "";
  return `no mission has the code ${quoted(code)}${hint}: import the missions file first, or fix the code`;
}

function takenProblem(db: Db, h: HandleInput, ownerId: number): RegistryProblem {
  const owner = db.select({ code: missions.code }).from(missions).where(eq(missions.id, ownerId)).get();
  return {
    line: h.line,
    column: "handle",
    message:
      `${h.platform} @${h.handle} belongs to mission ${owner?.code ?? `#${ownerId}`}, not ${h.mission}. ` +
      "Moving a handle between missions is done explicitly, not by import: remove this row or move the handle first",
  };
}
