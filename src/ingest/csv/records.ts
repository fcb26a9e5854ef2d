import { CsvError, Parser } from "csv-parse";
import { createChunkDecoder, type DetectedEncoding } from "./encoding.ts";

/** One CSV record with the physical line (1-based) it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** A file that is not well-formed CSV; `line` is where the parser gave up. */
export class CsvSyntaxError extends Error {
  override name = "CsvSyntaxError";
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

/** Options for {@link readRecords}. */
export interface ReadRecordsOptions {
  /** Bytes fed to the parser at a time; memory use is bounded by this, not by the file. */
  chunkSize?: number;
  /** Called after each chunk with the number of the file's bytes consumed so far. */
  onBytes?: (done: number) => void;
  /** Stop feeding input once this many bytes were read (used to sniff a file's head). */
  maxBytes?: number;
}

const DEFAULT_CHUNK = 1 << 20;

/**
 * Reads CSV records one by one from a file's bytes with csv-parse's streaming parser, fed one
 * chunk at a time and drained synchronously. Being synchronous, a whole import can run inside
 * one better-sqlite3 transaction (which cannot span an `await`), while memory stays bounded by
 * the chunk size: records are yielded as they are parsed, never collected.
 *
 * Line numbers are physical lines, counting the newlines inside quoted fields, so an error can
 * point a person at the right line in a text editor.
 */
export function* readRecords(
  bytes: Uint8Array,
  encoding: DetectedEncoding,
  options: ReadRecordsOptions = {},
): Generator<CsvRecord> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const limit = Math.min(bytes.length, options.maxBytes ?? bytes.length);
  const parser = new Parser({
    relax_column_count: true,
    relax_quotes: true,
    record_delimiter: ["\r\n", "\n", "\r"],
  });
  // Errors are read synchronously from `parser.errored`; this listener only stops Node from
  // also raising them as uncaught on the next tick.
  parser.on("error", () => {});
  const decoder = createChunkDecoder(encoding.encoding);
  let line = 1;

  function* drain(): Generator<CsvRecord> {
    for (;;) {
      const fields: string[] | null = parser.read();
      if (fields === null) break;
      const start = line;
      line += 1;
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i] as string;
        if (f.length > 0 && f.indexOf("\n") !== -1) line += countNewlines(f);
      }
      yield { fields, line: start };
    }
    throwIfErrored();
  }

  function throwIfErrored(): void {
    const err = parser.errored;
    if (!err) return;
    const at = err instanceof CsvError && typeof err.lines === "number" ? err.lines : line;
    throw new CsvSyntaxError(describeCsvError(err), at);
  }

  for (let offset = encoding.bomLength; offset < limit; offset += chunkSize) {
    const end = Math.min(offset + chunkSize, limit);
    const input = decoder.write(bytes.subarray(offset, end));
    if (input.length > 0) parser.write(input);
    yield* drain();
    options.onBytes?.(end);
  }
  if (limit < bytes.length) return;
  const rest = decoder.end();
  if (rest.length > 0) parser.write(rest);
  parser.end();
  yield* drain();
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

function describeCsvError(err: Error): string {
  if (err instanceof CsvError) {
    if (err.code === "CSV_QUOTE_NOT_CLOSED") return 'a quoted field is never closed (a missing ")';
    if (err.code === "CSV_INVALID_CLOSING_QUOTE") return "a closing quote is followed by other characters";
    if (err.code === "INVALID_OPENING_QUOTE") return "a quote appears in the middle of a field";
  }
  return err.message;
}
