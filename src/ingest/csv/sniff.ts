import { UserError } from "../../core/errors.ts";
import type { ByteSource } from "../byte-source.ts";
import { type Detection, detectFormat, type HeaderLocation, locateHeader } from "./detect.ts";
import { type DetectedEncoding, detectEncoding, ENCODING_HEAD_BYTES } from "./encoding.ts";
import { FORMAT_SPECS } from "./formats/index.ts";
import { plainCount } from "./numbers.ts";
import { type CsvRecord, CsvSyntaxError, type RecordView, readHead } from "./records.ts";
import { RowReader } from "./row.ts";
import { type SourceScan, scanSource } from "./scan.ts";
import type { FormatSpec, HandleHint } from "./types.ts";

/** A file to import: its name (and the zip it came in) and its bytes. */
export interface FileInput {
  /** The file's own name, e.g. `Table data.csv`. */
  fileName: string;
  /** The zip it came in, if any. */
  containerName: string | null;
  /** Its bytes, in memory or read from disk a chunk at a time. */
  source: ByteSource;
}

/** What a look at a file's head found. */
export interface Sniffed {
  input: FileInput;
  /** How the file is named in messages: `export.zip › Overview.csv`. */
  displayName: string;
  encoding: DetectedEncoding;
  /** The file's SHA-256 (the import ledger's key). */
  sha256: string;
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
    plainCount: (i) => {
      const f = rec.fields[i];
      return f === undefined ? -1 : plainCount(f, 0, f.length);
    },
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
 *
 * Whether the file is UTF-8 or Windows-1252 depends on every byte, so it takes the result of one
 * streaming pass over the whole file (`scan`, which also gives the file's hash), made here
 * unless given.
 */
export function sniffFile(
  input: FileInput,
  forced?: FormatSpec,
  scan: SourceScan = scanSource(input.source),
): Sniffed {
  const displayName = displayNameOf(input);
  const encoding = detectEncoding(input.source.readAt(0, ENCODING_HEAD_BYTES), scan.validUtf8);
  let head: CsvRecord[];
  try {
    head = readHead(input.source, encoding, HEAD_RECORDS, HEAD_BYTES);
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
  return { input, displayName, encoding, sha256: scan.sha256, location, detection, hint };
}
