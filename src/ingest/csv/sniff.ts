import { UserError } from "../../core/errors.ts";
import { type Detection, detectFormat, type HeaderLocation, locateHeader } from "./detect.ts";
import { type DetectedEncoding, detectEncoding } from "./encoding.ts";
import { FORMAT_SPECS } from "./formats/index.ts";
import { type CsvRecord, CsvSyntaxError, type RecordView, readHead } from "./records.ts";
import { RowReader } from "./row.ts";
import type { FormatSpec, HandleHint } from "./types.ts";

/** A file to import: its name (and the zip it came in) and its bytes. */
export interface FileInput {
  /** The file's own name, e.g. `Table data.csv`. */
  fileName: string;
  /** The zip it came in, if any. */
  containerName: string | null;
  bytes: Uint8Array;
}

/** What a look at a file's head found. */
export interface Sniffed {
  input: FileInput;
  /** How the file is named in messages: `export.zip › Overview.csv`. */
  displayName: string;
  encoding: DetectedEncoding;
  location: HeaderLocation | null;
  /** Null when no format fits. */
  detection: Detection | null;
  /** Who the file says it belongs to, if it says. */
  hint: HandleHint | null;
}

const HEAD_RECORDS = 16;
const HEAD_BYTES = 8 << 20;

/** A copied record seen through the same interface as a streamed one. */
export function arrayView(rec: CsvRecord): RecordView {
  return {
    length: rec.fields.length,
    line: rec.line,
    field: (i) => rec.fields[i] ?? "",
    isBlank: () => rec.fields.every((f) => f.trim() === ""),
    toArray: () => [...rec.fields],
  };
}

/** `export.zip › Overview.csv`, or just the file name. */
export function displayNameOf(input: Pick<FileInput, "fileName" | "containerName">): string {
  return input.containerName ? `${input.containerName} › ${input.fileName}` : input.fileName;
}

/**
 * Reads the head of a file (a few records, at most a few MB, enough for a header with thousands
 * of columns) to find its encoding, its header and its format, and what it says about its
 * account. An unreadable head is a `bad_import_file` error naming the line.
 */
export function sniffFile(input: FileInput, forced?: FormatSpec): Sniffed {
  const displayName = displayNameOf(input);
  const encoding = detectEncoding(input.bytes);
  let head: CsvRecord[];
  try {
    head = readHead(input.bytes, encoding, HEAD_RECORDS, HEAD_BYTES);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    throw new UserError("bad_import_file", `${displayName}, line ${err.line}: ${err.message}.`, [
      "Nothing was imported. Export the file again from the platform, without opening and re-saving it.",
    ]);
  }
  const location = locateHeader(head);
  const detection = location ? detectFormat(location, input.fileName, FORMAT_SPECS, forced) : null;
  let hint: HandleHint | null = null;
  if (detection?.spec.handleHint && location) {
    const rows = head
      .slice(location.index + 1)
      .map((rec) => new RowReader(detection.columns, arrayView(rec)));
    hint = detection.spec.handleHint(input.fileName, rows);
  }
  return { input, displayName, encoding, location, detection, hint };
}
