/** One column a format knows: its key, the header names it goes by, and whether it must be there. */
export interface ColumnDef {
  key: string;
  /** Every spelling seen in real files (renames, translations); compared case-insensitively. */
  names: readonly string[];
  required?: boolean;
}

/** Where each known column sits in a file's header. */
export interface ColumnMap {
  /** key -> index into the record. */
  index: Map<string, number>;
  /** The header as written, with duplicated names told apart (`Daily New Likes (2)`). */
  labels: string[];
  /** Required keys the header lacks. */
  missing: string[];
}

/**
 * Lowercases a header, drops a stray BOM, quotes and non-breaking spaces, and squeezes spaces:
 * `"\uFEFF Reactions, Comments and Shares "` and `reactions, comments and shares` compare equal.
 */
export function normalizeHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, "")
    .replace(/[\u00a0\u202f]/g, " ")
    .trim()
    .replace(/^"(.*)"$/, "$1")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

/**
 * Matches a header row against a format's columns. Each key takes the first column whose name
 * is one of its spellings; a name that appears twice keeps both columns apart (the second is
 * labelled `(2)`), so a duplicated metric never overwrites the one the format reads.
 */
export function mapColumns(header: readonly string[], defs: readonly ColumnDef[]): ColumnMap {
  const firstIndex = new Map<string, number>();
  const seen = new Map<string, number>();
  const labels: string[] = [];
  header.forEach((raw, i) => {
    const norm = normalizeHeader(raw);
    const count = (seen.get(norm) ?? 0) + 1;
    seen.set(norm, count);
    const label = raw.replace(/^\uFEFF/, "").trim();
    labels.push(count > 1 ? `${label} (${count})` : label);
    if (norm !== "" && !firstIndex.has(norm)) firstIndex.set(norm, i);
  });
  const index = new Map<string, number>();
  const missing: string[] = [];
  for (const def of defs) {
    let at: number | undefined;
    for (const name of def.names) {
      at = firstIndex.get(normalizeHeader(name));
      if (at !== undefined) break;
    }
    if (at !== undefined) index.set(def.key, at);
    else if (def.required) missing.push(def.key);
  }
  return { index, labels, missing };
}

/** Maps columns by position, for a header in an unknown language whose shape is known. */
export function mapByPosition(header: readonly string[], keys: readonly string[]): ColumnMap {
  const index = new Map<string, number>();
  keys.forEach((key, i) => {
    if (i < header.length) index.set(key, i);
  });
  return { index, labels: header.map((h) => h.replace(/^\uFEFF/, "").trim()), missing: [] };
}
