import { UserError } from "../../core/errors.ts";
import type { ByteSource } from "../byte-source.ts";
import type { BulkWriter } from "./bulk-writer.ts";
import { isoInstant } from "./dates.ts";
import type { Detection } from "./detect.ts";
import type { DetectedEncoding } from "./encoding.ts";
import { CsvSyntaxError, forEachRecord } from "./records.ts";
import { RowError, RowReader } from "./row.ts";
import type { DailyValues, FileContext, PostValues, RowConverter } from "./types.ts";

/** Everything needed to read one detected file into the tables. */
export interface CsvImportPlan {
  displayName: string;
  /** The file, read a chunk at a time. */
  file: ByteSource;
  encoding: DetectedEncoding;
  detection: Detection;
  context: FileContext;
  handleId: number;
  /** `import:<format>`. */
  source: string;
  /** ISO instant of the import. */
  collectedAt: string;
}

/** A skipped row and why. */
export interface SkippedRow {
  line: number;
  reason: string;
}

/** What reading one file did. */
export interface CsvImportOutcome {
  rowsRead: number;
  posts: { added: number; updated: number; unchanged: number };
  days: { added: number; updated: number; unchanged: number };
  firstDate: string | null;
  lastDate: string | null;
  /** The first skipped rows (at most {@link MAX_SKIPPED_LISTED}). */
  skipped: SkippedRow[];
  rowsSkipped: number;
  /** Set when the file holds nothing the dashboard stores, with the reason. */
  nothing: string | null;
  /** Net follower changes by date (no column of their own), for deriving totals. */
  netChanges: Map<string, number>;
  /** The days for which the file gave gained/lost or net follower changes. */
  changeDates: Set<string>;
  /** The file gave follower totals. */
  hasFollowerTotals: boolean;
}

/** Skipped rows listed one by one in a report; the rest are counted. */
export const MAX_SKIPPED_LISTED = 50;

function orUndefined<T>(v: T | null | undefined): T | undefined {
  return v === null ? undefined : v;
}

/**
 * Reads a detected file record by record and writes each row as it comes (the caller holds the
 * transaction, so a bad row anywhere rolls everything back). A bad cell or broken CSV throws a
 * `bad_import_file` {@link UserError} naming the file, the physical line, the column and what
 * was expected.
 */
export function importCsv(
  plan: CsvImportPlan,
  writer: BulkWriter,
  onBytes?: (done: number) => void,
): CsvImportOutcome {
  const out: CsvImportOutcome = {
    rowsRead: 0,
    posts: { added: 0, updated: 0, unchanged: 0 },
    days: { added: 0, updated: 0, unchanged: 0 },
    firstDate: null,
    lastDate: null,
    skipped: [],
    rowsSkipped: 0,
    nothing: null,
    netChanges: new Map(),
    changeDates: new Set(),
    hasFollowerTotals: false,
  };
  const { detection, context: ctx } = plan;
  const opened = detection.spec.open(ctx);
  if (typeof opened !== "function") {
    out.nothing = opened.nothing;
    return out;
  }
  const convert: RowConverter = opened;
  const reader = new RowReader(detection.columns);
  const required = detection.spec.columns.filter((c) => c.required).map((c) => c.key);
  const lastRequired = Math.max(-1, ...required.map((k) => detection.columns.index.get(k) ?? -1));
  const headerIndex = detection.location.index;
  const dateSeen = (date: string) => {
    if (out.firstDate === null || date < out.firstDate) out.firstDate = date;
    if (out.lastDate === null || date > out.lastDate) out.lastDate = date;
  };
  const skip = (line: number, reason: string) => {
    out.rowsSkipped++;
    if (out.skipped.length < MAX_SKIPPED_LISTED) out.skipped.push({ line, reason });
  };

  let index = -1;
  let line = 0;
  try {
    forEachRecord(
      plan.file,
      plan.encoding,
      (rec) => {
        index++;
        if (index <= headerIndex) return true;
        line = rec.line;
        if (rec.isBlank()) return true;
        out.rowsRead++;
        if (rec.length <= lastRequired) {
          const missingKey = required.find((k) => (detection.columns.index.get(k) ?? 0) >= rec.length) ?? "";
          throw new RowError(
            reader.label(missingKey),
            `a value (the row has ${rec.length} cells, the header ${ctx.header.length})`,
            "",
          );
        }
        reader.record = rec;
        const result = convert(reader);
        if (result === null) return true;
        if ("skip" in result) {
          skip(line, result.skip);
        } else if ("daily" in result) {
          if (!writeDaily(result.daily)) skip(line, "no values in this row");
        } else if (!writePost(result.post)) {
          skip(line, `post ${result.post.externalId} has no publish date`);
        }
        return true;
      },
      { onBytes },
    );
  } catch (err) {
    if (err instanceof RowError) {
      throw new UserError(
        "bad_import_file",
        `${plan.displayName}, line ${line}, column "${err.column}": expected ${err.expected}, found ${err.found === "" ? "an empty cell" : `"${clip(err.found)}"`}.`,
        ["Nothing was imported. Correct that cell (or export the file again) and import it once more."],
      );
    }
    if (err instanceof CsvSyntaxError) {
      throw new UserError("bad_import_file", `${plan.displayName}, line ${err.line}: ${err.message}.`, [
        "Nothing was imported. Export the file again from the platform, without opening and re-saving it.",
      ]);
    }
    throw err;
  }
  return out;

  /** Writes a day; false when the row holds no value at all (nothing to store). */
  function writeDaily(v: DailyValues): boolean {
    if (v.followersGained != null || v.followersLost != null || v.netFollowers != null)
      out.changeDates.add(v.date);
    if (v.netFollowers != null) out.netChanges.set(v.date, v.netFollowers);
    const empty =
      v.followers == null &&
      v.followersGained == null &&
      v.followersLost == null &&
      v.impressions == null &&
      v.views == null &&
      v.postsPublished == null &&
      v.likes == null &&
      v.comments == null &&
      v.shares == null;
    if (empty) {
      // A net follower change alone is kept for deriving totals (see deriveFollowers), not stored.
      if (v.netFollowers != null) dateSeen(v.date);
      return v.netFollowers != null;
    }
    dateSeen(v.date);
    if (v.followers != null) out.hasFollowerTotals = true;
    const outcome = writer.daily({
      handleId: plan.handleId,
      date: v.date,
      followers: orUndefined(v.followers),
      followersGained: orUndefined(v.followersGained),
      followersLost: orUndefined(v.followersLost),
      impressions: orUndefined(v.impressions),
      views: orUndefined(v.views),
      postsPublished: orUndefined(v.postsPublished),
      likes: orUndefined(v.likes),
      comments: orUndefined(v.comments),
      shares: orUndefined(v.shares),
      source: plan.source,
      collectedAt: plan.collectedAt,
    });
    out.days[outcome]++;
    return true;
  }

  function writePost(p: PostValues): boolean {
    const localDate = p.publishedMs !== null ? ctx.localDate(p.publishedMs) : p.localDate;
    if (!localDate) return false;
    dateSeen(localDate);
    const outcome = writer.post({
      handleId: plan.handleId,
      externalId: p.externalId,
      publishedAt: p.publishedMs !== null ? isoInstant(p.publishedMs) : null,
      localDate,
      url: orUndefined(p.url),
      type: orUndefined(p.type),
      caption: orUndefined(p.caption),
      likes: orUndefined(p.likes),
      comments: orUndefined(p.comments),
      shares: orUndefined(p.shares),
      saves: orUndefined(p.saves),
      views: orUndefined(p.views),
      impressions: orUndefined(p.impressions),
      countsAsOf: ctx.exportDate,
      source: plan.source,
      collectedAt: plan.collectedAt,
    });
    out.posts[outcome]++;
    return true;
  }
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, " ");
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}
