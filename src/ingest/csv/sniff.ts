import { UserError } from "../../core/errors.ts";
import { type Detection, detectFormat, type HeaderLocation, locateHeader } from "./detect.ts";
import { type DetectedEncoding, detectEncoding } from "./encoding.ts";
import { FORMAT_SPECS } from "./formats/index.ts";
import { type CsvRecord, CsvSyntaxError, readRecords } from "./records.ts";
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
  const head: CsvRecord[] = [];
  try {
    for (const rec of readRecords(input.bytes, encoding, { chunkSize: 64 << 10, maxBytes: HEAD_BYTES })) {
      head.push(rec);
      if (head.length >= HEAD_RECORDS) break;
    }
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    // A head cut inside a quoted field is fine; a broken head is reported.
    if (head.length < 2) {
      throw new UserError(
        "bad_import_file",
        `${displayName} cannot be read as CSV: line ${err.line}: ${err.message}.`,
        ["Nothing was imported. Export the file again from the platform, without opening and re-saving it."],
      );
    }
  }
  const location = locateHeader(head);
  const detection = location ? detectFormat(location, input.fileName, FORMAT_SPECS, forced) : null;
  let hint: HandleHint | null = null;
  if (detection?.spec.handleHint && location) {
    const rows = head.slice(location.index + 1).map((rec) => {
      const reader = new RowReader(detection.columns);
      reader.fields = rec.fields;
      return reader;
    });
    hint = detection.spec.handleHint(input.fileName, rows);
  }
  return { input, displayName, encoding, location, detection, hint };
}
