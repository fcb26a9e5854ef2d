/**
 * What importing an export file sent in chat does on every platform, once the adapter has the
 * file: download it, refuse a mission officer's file for another mission before anything is
 * written, import it, audit either way, and answer with the import report.
 */
import type { Deps, Membership } from "../../core/command.ts";
import { isUserError } from "../../core/errors.ts";
import type { Reply } from "../../core/reply.ts";
import { hasRole } from "../../core/roles.ts";
import type { Db } from "../../db/client.ts";
import { writeAudit } from "../../db/repos/audit-repo.ts";
import type { ImportReport, ImportRequest } from "../../ingest/import-file.ts";
import { importReportReply } from "../../ingest/import-report.ts";

/** The import entry point (`importFile` of `src/ingest/import-file.ts`), handed in by `main`. */
export type ImportFileFn = (db: Db, request: ImportRequest) => Promise<ImportReport[]>;

/** The largest export file the bot downloads, in bytes. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Why a file could not be downloaded, in words for the user. */
export class DownloadError extends Error {
  override name = "DownloadError";
}

/** One export file a chat user sent to be imported. */
export interface SentFile {
  name: string;
  /** Fetches the file's bytes; throws {@link DownloadError} with words for the user. */
  download: () => Promise<Uint8Array>;
  /** Who the audit names: `slack:U0123ABC`. */
  actor: string;
  member: Membership;
  /** The `platform:handle` the file is for, when the user said. */
  handle?: string;
  /** How a user hands the bot a file on this platform ("Attach", "Send"), for a refusal's advice. */
  sendVerb: string;
}

/** How importing a sent file ended: the import report, or a warning the user can act on. */
export type SentFileOutcome = { reply: Reply } | { warning: string };

/**
 * A mission officer imports for their own mission only: a dry run says whose the file is before
 * anything is written. SCD staff and admins import for any mission.
 */
async function foreignReport(
  db: Db,
  importFile: ImportFileFn,
  request: ImportRequest,
  member: Membership,
): Promise<ImportReport | undefined> {
  if (hasRole(member.role, "scd")) return undefined;
  const reports = await importFile(db, { ...request, dryRun: true });
  return reports.find((r) => r.handle.mission !== member.missionCode);
}

/**
 * Downloads and imports one file for a caller who may import (mission officer or above), and
 * audits it: `denied` for another mission's file (nothing is imported), `ok` with the files
 * read otherwise. A download problem or a `UserError` becomes a warning.
 *
 * @throws whatever else failed, for the adapter to log and apologise for.
 */
export async function importSentFile(
  deps: Pick<Deps, "db" | "clock">,
  importFile: ImportFileFn,
  file: SentFile,
): Promise<SentFileOutcome> {
  const { db, clock } = deps;
  try {
    const request: ImportRequest = {
      fileName: file.name,
      bytes: await file.download(),
      actor: file.actor,
      now: clock.now(),
      ...(file.handle ? { handle: file.handle } : {}),
    };
    const foreign = await foreignReport(db, importFile, request, file.member);
    if (foreign) {
      writeAudit(db, {
        at: clock.now().toISOString(),
        actor: file.actor,
        command: "import",
        outcome: "denied",
        details: { fileName: file.name, mission: foreign.handle.mission },
      });
      return {
        warning: `${file.name} is for ${foreign.handle.platform}:${foreign.handle.handle} of ${foreign.handle.mission}, and you answer for ${file.member.missionCode ?? "no mission"}. Nothing was imported. ${file.sendVerb} files of your own mission's handles, or ask the SCD to import this one.`,
      };
    }
    const reports = await importFile(db, request);
    writeAudit(db, {
      at: clock.now().toISOString(),
      actor: file.actor,
      command: "import",
      outcome: "ok",
      details: {
        fileName: file.name,
        files: reports.map((r) => ({
          file: r.fileName,
          format: r.format,
          handle: `${r.handle.platform}:${r.handle.handle}`,
        })),
      },
    });
    return { reply: importReportReply(reports) };
  } catch (err) {
    if (err instanceof DownloadError) return { warning: err.message };
    if (isUserError(err)) return { warning: [`${file.name}: ${err.message}`, ...err.hints].join("\n") };
    throw err;
  }
}
