import { eq } from "drizzle-orm";
import { z } from "zod";
import { type Db, inTransaction } from "../db/client.ts";
import { missions } from "../db/schema.ts";
import { ENGLISH, normalizeLanguage } from "../domain/languages.ts";
import { channelCell, codeCell, kindCell, requiredText, timezoneCell, weekendCell } from "./columns.ts";
import { readCsvTable } from "./csv-table.ts";
import { issuesToProblems, RegistryImportError } from "./registry-import-error.ts";

export { RegistryImportError } from "./registry-import-error.ts";

/** What an import did: rows added, rows changed, rows already identical. */
export interface RegistryImportReport {
  created: number;
  updated: number;
  unchanged: number;
}

/** Columns of the missions file (`../shared/DESIGN.md`, "Registry files"). */
export const MISSION_COLUMNS = {
  required: ["code", "name", "kind", "country", "city", "region", "timezone", "weekend"],
  optional: ["slack_channel", "discord_channel", "language"],
} as const;

/**
 * The mission's working language, an ISO 639 code (`fr`, `ar`, `es`, `ur`): its trend reports
 * come in that language and in English. Empty, or `en`, means English only (null).
 */
const languageCell = z.string().transform<string | null>((raw, ctx) => {
  if (raw.trim() === "") return null;
  const code = normalizeLanguage(raw);
  if (code === null) {
    ctx.addIssue(
      `"${raw.trim().slice(0, 40)}" is not a language code (use a two-letter ISO 639 code such as fr, ar, es or ur, or leave the cell empty for English only)`,
    );
    return z.NEVER;
  }
  return code === ENGLISH ? null : code;
});

const missionRow = z.object({
  code: codeCell,
  name: requiredText("a name, e.g. Embassy of Ruritania in Washington"),
  kind: kindCell,
  country: requiredText("a country"),
  city: requiredText("a city"),
  region: requiredText("a region, e.g. Americas"),
  timezone: timezoneCell,
  weekend: weekendCell,
  slack_channel: channelCell.optional(),
  discord_channel: channelCell.optional(),
  language: languageCell.optional(),
});

type MissionInput = z.infer<typeof missionRow>;

/**
 * Imports a missions registry file. Every row is checked first; any bad row rejects the whole
 * file with a {@link RegistryImportError} listing each problem by line and column, and nothing
 * is written. A good file is upserted by code in one transaction. A column the file does not
 * have (a channel, the language) leaves the stored value alone; an empty cell clears it.
 */
export function importMissionsCsv(db: Db, csvText: string, fileName: string): RegistryImportReport {
  const { rows, problems } = readCsvTable(csvText, fileName, MISSION_COLUMNS);
  const valid: MissionInput[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const parsed = missionRow.safeParse(row.values);
    if (!parsed.success) {
      problems.push(...issuesToProblems(row.line, parsed.error.issues));
      continue;
    }
    const seen = firstLine.get(parsed.data.code);
    if (seen !== undefined) {
      problems.push({
        line: row.line,
        column: "code",
        message: `"${parsed.data.code}" is already on line ${seen}: each mission appears once`,
      });
      continue;
    }
    firstLine.set(parsed.data.code, row.line);
    valid.push(parsed.data);
  }
  if (problems.length > 0) throw new RegistryImportError(fileName, problems);

  return inTransaction(db, () => {
    const report: RegistryImportReport = { created: 0, updated: 0, unchanged: 0 };
    const now = new Date().toISOString();
    for (const m of valid) report[upsertMission(db, m, now)]++;
    return report;
  });
}

function upsertMission(db: Db, m: MissionInput, now: string): keyof RegistryImportReport {
  const values = {
    name: m.name,
    kind: m.kind,
    country: m.country,
    city: m.city,
    region: m.region,
    timezone: m.timezone,
    weekend: m.weekend,
    ...(m.slack_channel !== undefined ? { slackChannel: m.slack_channel } : {}),
    ...(m.discord_channel !== undefined ? { discordChannel: m.discord_channel } : {}),
    ...(m.language !== undefined ? { language: m.language } : {}),
  };
  const existing = db.select().from(missions).where(eq(missions.code, m.code)).get();
  if (!existing) {
    db.insert(missions)
      .values({ code: m.code, ...values })
      .run();
    return "created";
  }
  const changed = (Object.keys(values) as (keyof typeof values)[]).some((k) => values[k] !== existing[k]);
  if (!changed) return "unchanged";
  db.update(missions)
    .set({ ...values, updatedAt: now })
    .where(eq(missions.id, existing.id))
    .run();
  return "updated";
}
