import { UserError } from "../core/errors.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { createImportsRepo } from "../db/repos/imports-repo.ts";
import { verifySharesForPosts } from "./content-verify.ts";
import { createBulkWriter } from "./csv/bulk-writer.ts";
import { createLocalDater, localToday } from "./csv/dates.ts";
import { daysWithoutFollowers, deriveFollowers } from "./csv/derive-followers.ts";
import type { DetectedBy, Detection } from "./csv/detect.ts";
import { FORMAT_SPECS, findFormat } from "./csv/formats/index.ts";
import { type CsvImportOutcome, importCsv } from "./csv/import-csv.ts";
import { type HandleTarget, parseHandleArg, resolveHandle } from "./csv/resolve-handle.ts";
import { displayNameOf, type FileInput, type Sniffed, sniffFile } from "./csv/sniff.ts";
import type { FileContext, FormatSpec, HandleHint } from "./csv/types.ts";
import { type ImportBytes, openImportInputs } from "./import-inputs.ts";

/**
 * One import: a file (or a zip of files) and who imports it for which handle. The file is
 * either `bytes` (a chat upload) or a `path` read a chunk at a time (the CLI: memory stays flat
 * however large the file). Its `fileName` can carry the handle (X) or dates (TikTok year
 * inference).
 */
export interface ImportRequest extends ImportBytes {
  /** `platform:handle`; otherwise the handle is read from the file. */
  handle?: string;
  /** A format name from {@link FORMATS}, overriding detection. */
  format?: string;
  /** Read and check everything, report what would change, and change nothing. */
  dryRun?: boolean;
  /** Who imports: `console:local`, `slack:U123`. */
  actor: string;
  now: Date;
  /** Progress in bytes read, of all bytes to read (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

/** What importing one file did (or would do, in a dry run). */
export interface ImportReport {
  fileName: string;
  format: string;
  formatLabel: string;
  detectedBy: DetectedBy;
  handle: { platform: string; handle: string; mission: string };
  firstDate: string | null;
  lastDate: string | null;
  /** Data rows read (header, preamble and blank lines excluded; skipped rows included). */
  rowsRead: number;
  postsNew: number;
  postsUpdated: number;
  postsUnchanged: number;
  daysAdded: number;
  daysUpdated: number;
  daysUnchanged: number;
  /** Skipped rows with reasons (the first ones; `rowsSkipped` counts them all). */
  skipped: { line: number; reason: string }[];
  rowsSkipped: number;
  /** Things the reader should know: missing follower totals, nothing stored, ignored files. */
  warnings: string[];
  /** Facts worth a line: follower totals derived, the encoding read. */
  notes: string[];
  dryRun: boolean;
  /** Set when this exact file was already imported for this handle: nothing changed. */
  alreadyImported?: { at: string; actor: string };
}

/** Every format the importer reads: its `--format` name, a label, its platform. */
export const FORMATS: { name: string; label: string; platform: string; kind: "posts" | "daily" }[] =
  FORMAT_SPECS.map((f) => ({ name: f.name, label: f.label, platform: f.platforms.join("/"), kind: f.kind }));

class DryRunRollback extends Error {
  readonly reports: ImportReport[];
  constructor(reports: ImportReport[]) {
    super("dry run");
    this.reports = reports;
  }
}

interface Planned {
  sniffed: Sniffed;
  detection: Detection;
  spec: FormatSpec;
  handle: HandleTarget;
  hash: string;
  exportDate: string;
  already: {
    at: string;
    actor: string;
    rowsRead: number;
    firstDate: string | null;
    lastDate: string | null;
  } | null;
}

const DATE_IN_NAME = /(?<!\d)(20\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)/g;

/** The latest date written in a file's name (or its zip's), not after `today`. */
export function dateInFileName(names: readonly (string | null)[], today: string): string | null {
  let best: string | null = null;
  for (const name of names) {
    if (!name) continue;
    for (const m of name.matchAll(DATE_IN_NAME)) {
      const d = `${m[1]}-${m[2]}-${m[3]}`;
      if (Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || d > today) continue;
      if (best === null || d > best) best = d;
    }
  }
  return best;
}

/** A YouTube Studio zip is named like `Content 2024-09-01_2024-09-30 Embassy Channel.zip`. */
function channelFromZipName(zipName: string | null): HandleHint | null {
  if (!zipName) return null;
  const m = /\d{4}-\d{2}-\d{2}[_ ]\d{4}-\d{2}-\d{2}\s+(.+?)\.zip$/i.exec(zipName);
  return m?.[1] ? { name: m[1], handle: m[1].replace(/\s+/g, ""), from: "the zip's name" } : null;
}

function unknownFormat(displayName: string, forced?: FormatSpec): UserError {
  const list = FORMAT_SPECS.map((f) => `${f.name} (${f.label})`);
  if (forced) {
    const wanted = forced.columns
      .filter((c) => c.required)
      .map((c) => c.names[0])
      .join(", ");
    return new UserError(
      "bad_import_file",
      `${displayName} does not look like ${forced.label}: its header lacks ${wanted}.`,
      ["Nothing was imported. Check --format, or leave it out to let the importer detect the format."],
    );
  }
  return new UserError(
    "unknown_format",
    `${displayName} is not an export format the importer knows (its header matched none of them).`,
    [`Known formats: ${list.join("; ")}.`, "If you know which one it is, name it with --format <name>."],
  );
}

/**
 * Imports a platform export (a CSV, or a zip of CSVs) into the dashboard: detects its format
 * (or takes `format`), finds the handle (from `handle` or from the file), and writes its posts
 * or days through the metrics writer's merge rules, all in one transaction with the ledger
 * entry. Returns one report per file it understood.
 *
 * Nothing is written when any file has a bad row or cannot be read (a `bad_import_file`
 * {@link UserError} names the file, line, column and what was expected), when the format is not
 * recognised (`unknown_format`), when the handle is not registered (`unknown_handle`, with close
 * matches), or in a dry run. A file already imported for the same handle (same SHA-256) changes
 * nothing and is reported with `alreadyImported`.
 */
export async function importFile(db: Db, request: ImportRequest): Promise<ImportReport[]> {
  const forced = request.format ? findFormat(request.format) : undefined;
  if (request.format && !forced) {
    throw new UserError("unknown_format", `There is no export format called "${request.format}".`, [
      `Known formats: ${FORMAT_SPECS.map((f) => f.name).join(", ")}.`,
    ]);
  }
  const opened = await openImportInputs(request);
  try {
    return importInputs(db, request, forced, opened.inputs, opened.zipName);
  } finally {
    opened.close();
  }
}

/** Sniffs, plans and imports the opened files in one transaction (see {@link importFile}). */
function importInputs(
  db: Db,
  request: ImportRequest,
  forced: FormatSpec | undefined,
  inputs: FileInput[],
  zipName: string | null,
): ImportReport[] {
  const warnings: string[] = [];
  const sniffed = inputs.map((input) => sniffFile(input, forced));
  let understood = sniffed.flatMap((s) => (s.detection ? [{ sniffed: s, detection: s.detection }] : []));
  const ignored = sniffed.filter((s) => s.detection === null);
  const wantedPlatform = request.handle ? parseHandleArg(request.handle).platform : null;
  if (zipName && wantedPlatform) {
    // In a zip, a file of another platform's shape is a stray (TikTok's Viewers.csv), not the user's intent.
    const strays = understood.filter((u) => !u.detection.spec.platforms.some((p) => p === wantedPlatform));
    understood = understood.filter((u) => !strays.includes(u));
    if (strays.length > 0) {
      warnings.push(
        `not imported (not ${wantedPlatform} files): ${strays.map((u) => u.sniffed.input.fileName).join(", ")}`,
      );
    }
  }
  if (understood.length === 0) {
    const first = sniffed[0];
    throw unknownFormat(
      first
        ? zipName
          ? `${zipName} (${sniffed.map((s) => s.input.fileName).join(", ")})`
          : first.displayName
        : request.fileName,
      forced,
    );
  }
  if (ignored.length > 0) {
    warnings.push(`not imported (format not recognised): ${ignored.map((s) => s.input.fileName).join(", ")}`);
  }

  // Files with follower totals go first, so that daily changes in the others can count from them.
  understood.sort(
    (a, b) =>
      Number(a.detection.spec.followerDeltas ?? false) - Number(b.detection.spec.followerDeltas ?? false),
  );
  const zipHint = channelFromZipName(zipName);
  const planned: Planned[] = understood.map(({ sniffed: s, detection }) => {
    const spec = detection.spec;
    const siblingHints = understood.flatMap((o) =>
      o.sniffed !== s && o.sniffed.hint && o.detection.spec.platforms.some((p) => spec.platforms.includes(p))
        ? [o.sniffed.hint]
        : [],
    );
    const hints = [s.hint, ...siblingHints, spec.platforms.includes("youtube") ? zipHint : null].filter(
      (h): h is HandleHint => h !== null,
    );
    const handle = resolveHandle(db, {
      arg: request.handle,
      hints,
      platforms: spec.platforms,
      fileName: s.displayName,
      formatLabel: spec.label,
    });
    const today = localToday(request.now, handle.zone);
    const exportDate = dateInFileName([s.input.fileName, s.input.containerName], today) ?? today;
    const hash = s.sha256;
    const prior = createImportsRepo(db).find(hash, handle.id);
    const already = prior
      ? {
          at: prior.at,
          actor: prior.actor,
          rowsRead: prior.rowsRead,
          firstDate: prior.firstDate,
          lastDate: prior.lastDate,
        }
      : null;
    return { sniffed: s, detection, spec, handle, hash, exportDate, already };
  });

  const total = planned.reduce((sum, p) => sum + (p.already ? 0 : p.sniffed.input.source.length), 0);
  let base = 0;
  const run = (): ImportReport[] => {
    const writer = createBulkWriter(db);
    const ledger = createImportsRepo(db);
    const reports: ImportReport[] = [];
    for (const p of planned) {
      const report = p.already ? alreadyReport(p, request) : importOne(p);
      reports.push(report);
    }
    if (reports[0]) reports[0].warnings.push(...warnings);
    if (request.dryRun) throw new DryRunRollback(reports);
    return reports;

    function importOne(p: Planned): ImportReport {
      const s = p.sniffed;
      const detection = p.detection;
      const context: FileContext = {
        fileName: s.input.fileName,
        containerName: s.input.containerName,
        zone: p.handle.zone,
        exportDate: p.exportDate,
        nowMs: request.now.getTime(),
        localDate: createLocalDater(p.handle.zone),
        title: detection.location.title,
        header: detection.location.header,
        columns: detection.columns,
      };
      const outcome = importCsv(
        {
          displayName: s.displayName,
          file: s.input.source,
          encoding: s.encoding,
          detection,
          context,
          handleId: p.handle.id,
          source: `import:${p.spec.name}`,
          collectedAt: request.now.toISOString(),
        },
        writer,
        request.onProgress ? (done) => request.onProgress?.(base + done, total) : undefined,
      );
      base += s.input.source.length;
      request.onProgress?.(base, total);
      const report = toReport(p, detection.detectedBy, outcome, request);
      if (detection.positional) {
        report.warnings.push(
          "the header is not in a language the importer knows: columns were read by their position",
        );
      }
      if (s.encoding.encoding !== "utf8") report.notes.push(`read as ${s.encoding.label}`);
      followerNotes(p, outcome, report);
      if (outcome.nothing === null) {
        ledger.record({
          fileHash: p.hash,
          fileName: s.displayName,
          format: p.spec.name,
          handleId: p.handle.id,
          firstDate: report.firstDate,
          lastDate: report.lastDate,
          rowsRead: report.rowsRead,
          postsNew: report.postsNew,
          postsUpdated: report.postsUpdated,
          daysAdded: report.daysAdded,
          daysUpdated: report.daysUpdated,
          rowsSkipped: report.rowsSkipped,
          warnings: { warnings: report.warnings, notes: report.notes, skipped: report.skipped },
          actor: request.actor,
          at: request.now.toISOString(),
        });
      }
      return report;
    }
  };

  function followerNotes(p: Planned, outcome: CsvImportOutcome, report: ImportReport): void {
    if (outcome.changeDates.size === 0 && !outcome.hasFollowerTotals) return;
    const derived = deriveFollowers(db, p.handle.id, {
      netChanges: outcome.netChanges,
      source: `import:${p.spec.name}`,
      collectedAt: request.now.toISOString(),
    });
    if (derived.derived > 0) {
      report.notes.push(
        `follower totals counted for ${derived.derived} day(s) (${derived.firstDerived} to ${derived.lastDerived}) from the total stored for ${derived.anchors.join(", ")}`,
      );
    }
    if (outcome.hasFollowerTotals || outcome.changeDates.size === 0) return;
    const missing = daysWithoutFollowers(db, p.handle.id, outcome.changeDates);
    if (missing === 0) return;
    report.warnings.push(
      `no follower totals in this file: it gives only daily changes in followers, and no follower total is stored for ${p.handle.platform}:${p.handle.handle} to count from, so followers stay n/a for ${missing} of its ${outcome.changeDates.size} day(s) (import a file with totals, or collect from the API, to fill them)`,
    );
  }

  try {
    const reports = inTransaction(db, run);
    verifySharesForPosts(
      db,
      planned.filter((p) => !p.already).map((p) => p.handle.id),
      request.now,
    );
    return reports;
  } catch (err) {
    if (err instanceof DryRunRollback) return err.reports;
    throw err;
  }
}

function baseReport(p: Planned, detectedBy: DetectedBy, request: ImportRequest): ImportReport {
  return {
    fileName: displayNameOf(p.sniffed.input),
    format: p.spec.name,
    formatLabel: p.spec.label,
    detectedBy,
    handle: { platform: p.handle.platform, handle: p.handle.handle, mission: p.handle.missionCode },
    firstDate: null,
    lastDate: null,
    rowsRead: 0,
    postsNew: 0,
    postsUpdated: 0,
    postsUnchanged: 0,
    daysAdded: 0,
    daysUpdated: 0,
    daysUnchanged: 0,
    skipped: [],
    rowsSkipped: 0,
    warnings: [],
    notes: [],
    dryRun: request.dryRun ?? false,
  };
}

function alreadyReport(p: Planned, request: ImportRequest): ImportReport {
  const report = baseReport(p, p.detection.detectedBy, request);
  const prior = p.already;
  if (!prior) return report;
  report.firstDate = prior.firstDate;
  report.lastDate = prior.lastDate;
  report.rowsRead = prior.rowsRead;
  report.alreadyImported = { at: prior.at, actor: prior.actor };
  return report;
}

function toReport(
  p: Planned,
  detectedBy: DetectedBy,
  outcome: CsvImportOutcome,
  request: ImportRequest,
): ImportReport {
  const report = baseReport(p, detectedBy, request);
  report.firstDate = outcome.firstDate;
  report.lastDate = outcome.lastDate;
  report.rowsRead = outcome.rowsRead;
  report.postsNew = outcome.posts.added;
  report.postsUpdated = outcome.posts.updated;
  report.postsUnchanged = outcome.posts.unchanged;
  report.daysAdded = outcome.days.added;
  report.daysUpdated = outcome.days.updated;
  report.daysUnchanged = outcome.days.unchanged;
  report.skipped = outcome.skipped;
  report.rowsSkipped = outcome.rowsSkipped;
  if (outcome.rowsSkipped > outcome.skipped.length) {
    report.warnings.push(`${outcome.rowsSkipped - outcome.skipped.length} more row(s) skipped, not listed`);
  }
  if (outcome.nothing !== null) report.warnings.push(`nothing imported from this file: ${outcome.nothing}`);
  return report;
}
