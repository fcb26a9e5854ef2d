import iconv from "iconv-lite";
import { type DetectedEncoding, toBuffer } from "./encoding.ts";
import { CsvTokenError, CsvTokenizer, type RecordView } from "./tokenizer.ts";

export type { RecordView };

/** One CSV record copied out of the stream, with the physical line (1-based) it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** A file that is not well-formed CSV; `line` is where the record that broke starts. */
export class CsvSyntaxError extends Error {
  override name = "CsvSyntaxError";
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

/** Options for {@link forEachRecord}. */
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
function createDecoder(encoding: DetectedEncoding["encoding"]): {
  write(chunk: Uint8Array): string;
  end(): string;
} {
  if (encoding === "utf8") {
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
  }
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  return { write: (chunk) => decoder.write(toBuffer(chunk)), end: () => decoder.end() ?? "" };
}

/**
 * Streams a file's CSV records to `onRecord`, one at a time: the bytes (after the BOM) are
 * decoded a chunk at a time and tokenized incrementally. It is synchronous, so a whole import
 * runs inside one better-sqlite3 transaction (which cannot span an `await`), and memory stays
 * bounded by the chunk size: records are handed over as they are read, never collected.
 * `onRecord` returning false stops the reading.
 *
 * Line numbers are physical lines, counting the newlines inside quoted fields, so an error can
 * point a person at the right line in a text editor. Malformed CSV throws a {@link CsvSyntaxError}.
 */
export function forEachRecord(
  bytes: Uint8Array,
  encoding: DetectedEncoding,
  onRecord: (record: RecordView) => boolean | undefined,
  options: ReadRecordsOptions = {},
): void {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const limit = Math.min(bytes.length, options.maxBytes ?? bytes.length);
  const decoder = createDecoder(encoding.encoding);
  const tokenizer = new CsvTokenizer();
  const feed = (text: string, final: boolean): boolean => {
    try {
      return tokenizer.feed(text, final, onRecord);
    } catch (err) {
      if (err instanceof CsvTokenError) throw new CsvSyntaxError(err.message, err.line);
      throw err;
    }
  };
  for (let offset = encoding.bomLength; offset < limit; offset += chunkSize) {
    const end = Math.min(offset + chunkSize, limit);
    if (!feed(decoder.write(bytes.subarray(offset, end)), false)) return;
    options.onBytes?.(end);
  }
  if (limit < bytes.length) return;
  feed(decoder.end(), true);
}

/** The first `max` records of a file, copied (for sniffing its head); a malformed head throws. */
export function readHead(
  bytes: Uint8Array,
  encoding: DetectedEncoding,
  max: number,
  maxBytes: number,
): CsvRecord[] {
  const head: CsvRecord[] = [];
  forEachRecord(
    bytes,
    encoding,
    (rec) => {
      head.push({ fields: rec.toArray(), line: rec.line });
      return head.length < max;
    },
    { chunkSize: 64 << 10, maxBytes },
  );
  return head;
}
