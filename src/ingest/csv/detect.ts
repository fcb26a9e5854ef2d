import { type ColumnMap, mapByPosition, mapColumns } from "./headers.ts";
import type { CsvRecord } from "./records.ts";
import type { FormatSpec } from "./types.ts";

/** How the format was chosen, as the import report says it. */
export type DetectedBy = "header" | "preamble" | "file name" | "--format";

/** Where a file's header is and what precedes it. */
export interface HeaderLocation {
  /** Index (among records) of the header row. */
  index: number;
  header: string[];
  /** The title line of a preamble, e.g. `Views`. */
  title: string | null;
  /** True when a `sep=,` line or a title line came before the header. */
  hasPreamble: boolean;
}

/** A format matched to a file. */
export interface Detection {
  spec: FormatSpec;
  location: HeaderLocation;
  columns: ColumnMap;
  detectedBy: DetectedBy;
  /** Columns were matched by position (a translated header of a known width). */
  positional: boolean;
}

/**
 * Finds the header row: the first record with two or more cells, after any `sep=,` line, title
 * line or blank line (Meta page files start `sep=,` then `"Views"`).
 */
export function locateHeader(records: readonly CsvRecord[]): HeaderLocation | null {
  let title: string | null = null;
  let hasPreamble = false;
  for (let i = 0; i < records.length && i < 8; i++) {
    const fields = (records[i] as CsvRecord).fields;
    const nonEmpty = fields.filter((f) => f.trim() !== "");
    if (nonEmpty.length === 0) continue;
    const first = (fields[0] ?? "").replace(/^\uFEFF/, "").trim();
    if (/^sep=.?$/i.test(first) && nonEmpty.length <= 1) {
      hasPreamble = true;
      continue;
    }
    if (nonEmpty.length === 1 && fields.length <= 2) {
      title = first;
      hasPreamble = true;
      continue;
    }
    return { index: i, header: fields, title, hasPreamble };
  }
  return null;
}

/**
 * Chooses the format of a file from its header (and preamble and name). A specific format beats
 * a generic `Date,<metric>` shape; between equals, the one with more known columns wins, then
 * the one whose usual file name matches. With `forced` (`--format`), only that format is tried,
 * by name and then by position. Returns null when nothing fits.
 */
export function detectFormat(
  location: HeaderLocation,
  fileName: string,
  specs: readonly FormatSpec[],
  forced?: FormatSpec,
): Detection | null {
  const header = location.header;
  if (forced) {
    const columns = mapColumns(header, forced.columns);
    if (columns.missing.length === 0) {
      return { spec: forced, location, columns, detectedBy: "--format", positional: false };
    }
    const generation = forced.headerGenerations?.find((g) => g.length === header.length);
    if (generation) {
      return {
        spec: forced,
        location,
        columns: mapByPosition(header, generation),
        detectedBy: "--format",
        positional: true,
      };
    }
    return null;
  }
  let best: { det: Detection; score: number } | null = null;
  for (const spec of specs) {
    const columns = mapColumns(header, spec.columns);
    if (columns.missing.length > 0) continue;
    const match = spec.acceptHeader ? spec.acceptHeader(header, fileName) : "header";
    if (match === false) continue;
    const byName = spec.fileName?.test(fileName) ? 1 : 0;
    const score = (spec.generic ? 0 : 10_000) + columns.index.size * 10 + byName;
    if (best && best.score >= score) continue;
    const detectedBy: DetectedBy =
      match === "file name" ? "file name" : location.hasPreamble ? "preamble" : "header";
    best = { det: { spec, location, columns, detectedBy, positional: false }, score };
  }
  if (best) return best.det;
  for (const spec of specs) {
    if (!spec.fileName?.test(fileName)) continue;
    const generation = spec.headerGenerations?.find((g) => g.length === header.length);
    if (generation) {
      return {
        spec,
        location,
        columns: mapByPosition(header, generation),
        detectedBy: "file name",
        positional: true,
      };
    }
  }
  return null;
}
