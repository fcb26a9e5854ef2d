import iconv from "iconv-lite";
import { type DetectedEncoding, toBuffer } from "./encoding.ts";
import { CsvTokenError, CsvTokenizer, type TokenizedRecord } from "./tokenizer.ts";

/** One CSV record with the physical line (1-based) it starts on. */
export type CsvRecord = TokenizedRecord;

/** A file that is not well-formed CSV; `line` is where the record that broke starts. */
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
  /** Bytes decoded at a time; memory use is bounded by this, not by the file. */
  chunkSize?: number;
  /** Called after each chunk with the number of the file's bytes consumed so far. */
  onBytes?: (done: number) => void;
  /** Stop once this many bytes were read (used to sniff a file's head). */
  maxBytes?: number;
}

const DEFAULT_CHUNK = 1 << 20;

/** A streaming decoder: characters split across chunks are kept whole. */
function createDecoder(encoding: DetectedEncoding["encoding"]): { write(chunk: Uint8Array): string; end(): string } {
  if (encoding === "utf8") {
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
  }
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  return { write: (chunk) => decoder.write(toBuffer(chunk)), end: () => decoder.end() ?? "" };
}

/**
 * Reads CSV records one by one from a file's bytes: decoded a chunk at a time (after the BOM)
 * and tokenized incrementally, synchronously, so that a whole import can run inside one
 * better-sqlite3 transaction (which cannot span an `await`) while memory stays bounded by the
 * chunk size. Records are yielded as they are parsed, never collected.
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
  const decoder = createDecoder(encoding.encoding);
  const tokenizer = new CsvTokenizer();
  let batch: CsvRecord[] = [];
  const emit = (record: CsvRecord) => {
    batch.push(record);
  };
  const feed = (text: string, final: boolean) => {
    try {
      tokenizer.feed(text, final, emit);
    } catch (err) {
      if (err instanceof CsvTokenError) throw new CsvSyntaxError(err.message, err.line);
      throw err;
    }
  };
  for (let offset = encoding.bomLength; offset < limit; offset += chunkSize) {
    const end = Math.min(offset + chunkSize, limit);
    feed(decoder.write(bytes.subarray(offset, end)), false);
    const ready = batch;
    batch = [];
    yield* ready;
    options.onBytes?.(end);
  }
  if (limit < bytes.length) return;
  feed(decoder.end(), true);
  yield* batch;
}
