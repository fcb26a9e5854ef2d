import { CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";
import { RegistryImportError, type RegistryProblem } from "./registry-import-error.ts";

/** The columns a registry file must have, and those it may have. */
export interface ColumnSpec {
  required: readonly string[];
  optional: readonly string[];
}

/**
 * One data row: its physical line in the file and its values by column name. A column the
 * header lacks is `undefined`; a value missing at the end of a short row is `""`.
 */
export interface CsvRow {
  line: number;
  values: Record<string, string | undefined>;
}

/** The rows of a registry file, plus the row-shape problems found while reading them. */
export interface CsvTable {
  rows: CsvRow[];
  problems: RegistryProblem[];
}

/** Raw parsed record with csv-parse's byte counter (bytes consumed up to the record's end). */
interface RawRecord {
  record: string[];
  info: { bytes: number };
}

/**
 * Reads a small registry CSV: UTF-8 with or without a BOM, CRLF or LF, header names matched
 * case-insensitively (spaces and hyphens count as `_`), columns in any order, `,` (or `;` / tab
 * when the header uses them). Problems with the file as a whole (empty, not UTF-8, broken
 * quoting, a missing or unknown column, no rows) throw {@link RegistryImportError}; row-shape
 * problems are returned so they are reported together with the validation problems.
 */
export function readCsvTable(csvText: string, fileName: string, spec: ColumnSpec): CsvTable {
  const text = csvText.replace(/^\uFEFF/, "");
  const expected = [...spec.required, ...spec.optional].join(",");
  if (text.trim() === "") {
    fail(fileName, 1, `the file is empty: its first line should be the header ${expected}`);
  }
  const badChar = text.indexOf("\uFFFD");
  if (badChar >= 0) {
    fail(
      fileName,
      lineAt(text, badChar),
      "the file is not UTF-8 text (it has characters that cannot be read). In Excel, save it as " +
        '"CSV UTF-8 (Comma delimited)" and import it again.',
    );
  }

  const records = parseRecords(text, fileName);
  const lines = recordLines(text, records);
  const headerRecord = records[0];
  if (!headerRecord) fail(fileName, 1, `the file is empty: its first line should be the header ${expected}`);
  const header = readHeader(headerRecord.record, lines[0] ?? 1, fileName, spec);
  const named = header.filter((name) => name !== "").length;

  const rows: CsvRow[] = [];
  const problems: RegistryProblem[] = [];
  records.forEach((raw, i) => {
    const line = lines[i] ?? 1;
    if (i === 0 || raw.record.every((v) => v.trim() === "")) return;
    // A value under no column name is almost always an unquoted comma shifting the row.
    const stray = raw.record.some((v, col) => v.trim() !== "" && (header[col] ?? "") === "");
    if (stray) {
      let used = raw.record.length;
      while (used > 0 && (raw.record[used - 1] ?? "").trim() === "") used--;
      problems.push({
        line,
        message:
          `has ${used} values but the header names ${named} columns ` +
          '(put double quotes around a value that contains a comma, e.g. "Embassy of X, Geneva")',
      });
      return;
    }
    const values: Record<string, string | undefined> = {};
    header.forEach((name, col) => {
      if (name !== "") values[name] = raw.record[col] ?? "";
    });
    rows.push({ line, values });
  });
  if (rows.length === 0 && problems.length === 0) {
    fail(fileName, 2, "the file has a header but no rows: add one line per entry below the header");
  }
  return { rows, problems };
}

function parseRecords(text: string, fileName: string): RawRecord[] {
  const delimiter = detectDelimiter(text);
  try {
    const parsed: unknown[] = parse(text, {
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
    });
    return parsed.map(toRawRecord);
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    if (err.code === "CSV_QUOTE_NOT_CLOSED") {
      return fail(
        fileName,
        unclosedQuoteLine(text, delimiter),
        'a double quote (") opens a value here but is never closed: close it, or remove it',
      );
    }
    const line = typeof err.lines === "number" ? err.lines : 1;
    const detail = err.message.replace(/\s+/g, " ").slice(0, 160);
    return fail(fileName, line, `the CSV cannot be read here (${detail}). Check the quotes on this line.`);
  }
}

/** csv-parse's typings do not model `info: true`; check the shape instead of trusting a cast. */
function toRawRecord(value: unknown): RawRecord {
  if (typeof value === "object" && value !== null && "record" in value && "info" in value) {
    const { record, info } = value;
    if (Array.isArray(record) && typeof info === "object" && info !== null && "bytes" in info) {
      if (typeof info.bytes === "number") return { record: record.map(String), info: { bytes: info.bytes } };
    }
  }
  throw new Error("csv-parse returned a record without its info");
}

/**
 * The line of the quote that opens a quoted value and never closes (csv-parse only reports the
 * end of the file). Mirrors the CSV rules: a quote opens a value only at its start, `""` inside
 * a quoted value is a literal quote.
 */
function unclosedQuoteLine(text: string, delimiter: string): number {
  let line = 1;
  let openedOn = 1;
  let inQuotes = false;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const newline = c === "\n" || (c === "\r" && text[i + 1] !== "\n");
    if (newline) line++;
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') inQuotes = false;
      continue;
    }
    if (c === '"' && atFieldStart) {
      inQuotes = true;
      openedOn = line;
    }
    atFieldStart = c === delimiter || c === "\n" || c === "\r";
  }
  return openedOn;
}

/** Excel writes `;` (or tab) in some locales: trust the header line to tell. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? "";
  if (firstLine.includes(",")) return ",";
  if (firstLine.includes(";")) return ";";
  if (firstLine.includes("\t")) return "\t";
  return ",";
}

function readHeader(cells: string[], line: number, fileName: string, spec: ColumnSpec): string[] {
  const known = new Set([...spec.required, ...spec.optional]);
  const names = cells.map((c) =>
    c
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_"),
  );
  const problems: RegistryProblem[] = [];
  const expected = `expected columns: ${spec.required.join(", ")}${
    spec.optional.length ? `; optional: ${spec.optional.join(", ")}` : ""
  }`;
  const seen = new Set<string>();
  names.forEach((name, i) => {
    // Unnamed columns (Excel's trailing commas) are ignored as long as they stay empty.
    if (name === "") return;
    if (!known.has(name)) {
      problems.push({ line, column: echo(cells[i] ?? name), message: `is not a known column (${expected})` });
    } else if (seen.has(name)) {
      problems.push({ line, column: name, message: "appears twice in the header" });
    }
    seen.add(name);
  });
  for (const name of spec.required) {
    if (!seen.has(name)) {
      problems.push({ line, column: name, message: `is missing from the header (${expected})` });
    }
  }
  if (problems.length > 0) throw new RegistryImportError(fileName, problems);
  return names;
}

/** The physical line where each record starts (line 1 is the first line of the file). */
function recordLines(text: string, records: RawRecord[]): number[] {
  const bytes = Buffer.from(text, "utf8");
  const out: number[] = [];
  let line = 1;
  let pos = 0;
  const advanceTo = (end: number) => {
    for (; pos < end; pos++) {
      const b = bytes[pos];
      if (b === 0x0a || (b === 0x0d && bytes[pos + 1] !== 0x0a)) line++;
    }
  };
  for (const r of records) {
    // Skipped empty lines sit between the previous record's end and this record's first byte.
    let start = pos;
    while (start < r.info.bytes && (bytes[start] === 0x0a || bytes[start] === 0x0d)) start++;
    advanceTo(start);
    out.push(line);
    advanceTo(r.info.bytes);
  }
  return out;
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split(/\r\n|\n|\r/).length;
}

function fail(fileName: string, line: number, message: string): never {
  throw new RegistryImportError(fileName, [{ line, message }]);
}

/** A value from the file made safe to quote back: no control characters, at most 60 characters. */
export function echo(value: string, max = 60): string {
  const clean = value.replace(/[\p{Cc}\p{Cf}]/gu, "").trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** A value from the file quoted for a message: `"embasy"`. */
export function quoted(value: string): string {
  return JSON.stringify(echo(value));
}
