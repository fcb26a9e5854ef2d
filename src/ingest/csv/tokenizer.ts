const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** A record as the tokenizer hands it out: its cells and the physical line it starts on. */
export interface TokenizedRecord {
  fields: string[];
  line: number;
}

/** Malformed CSV at `line`. */
export class CsvTokenError extends Error {
  override name = "CsvTokenError";
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

/**
 * An incremental RFC 4180 tokenizer over decoded text, with the leniency of csv-parse's
 * `relax_quotes` and `relax_column_count` and `\r\n`, `\n` or `\r` line ends. Text is fed in
 * chunks; complete records come out of each call, an incomplete last record waits for the next
 * chunk, so memory stays bounded by the chunk size.
 *
 * It exists because the import benchmark measures the whole pipeline against a bare insert
 * loop: on a 38-column quoted export csv-parse's byte-by-byte state machine alone costs about
 * three times the inserts, while scanning with `indexOf` and slicing costs a fraction of them.
 * Its output is tested record for record against csv-parse's.
 */
export class CsvTokenizer {
  /** A record longer than this is not a record but a quote never closed: stop rescanning it. */
  static readonly MAX_RECORD_CHARS = 32 << 20;
  private rest = "";
  private line = 1;

  /**
   * Tokenizes `text` (appended to what is left over) and calls `emit` for each complete record.
   * With `final`, the input has ended: a last record without a line end is complete, and a quote
   * still open is an error.
   */
  feed(text: string, final: boolean, emit: (record: TokenizedRecord) => void): void {
    const buf = this.rest.length > 0 ? this.rest + text : text;
    const len = buf.length;
    let pos = 0;
    while (pos < len) {
      const startLine = this.line;
      let line = startLine;
      const fields: string[] = [];
      let i = pos;
      let complete = false;
      for (;;) {
        if (i < len && buf.charCodeAt(i) === QUOTE) {
          // Quoted field: runs to a quote not followed by another quote.
          let value = "";
          let from = i + 1;
          let closed = -1;
          for (;;) {
            const q = buf.indexOf('"', from);
            if (q === -1 || (q + 1 === len && !final)) break;
            if (buf.charCodeAt(q + 1) === QUOTE) {
              value += buf.slice(from, q + 1);
              from = q + 2;
              continue;
            }
            value += buf.slice(from, q);
            closed = q;
            break;
          }
          if (closed === -1) {
            if (final) throw new CsvTokenError('a quoted field is never closed (a missing ")', startLine);
            break;
          }
          if (value.indexOf("\n") !== -1) line += countChar(value, LF);
          fields.push(value);
          i = closed + 1;
          if (i < len) {
            const c = buf.charCodeAt(i);
            if (c !== COMMA && c !== CR && c !== LF) {
              throw new CsvTokenError("a closing quote is followed by other characters", line);
            }
          }
        } else {
          let j = i;
          while (j < len) {
            const c = buf.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          fields.push(buf.slice(i, j));
          i = j;
        }
        // At a delimiter, a line end, or the end of the text.
        if (i >= len) {
          if (final) {
            complete = true;
            pos = len;
          }
          break;
        }
        const c = buf.charCodeAt(i);
        if (c === COMMA) {
          i++;
          continue;
        }
        if (c === LF) {
          pos = i + 1;
          complete = true;
          break;
        }
        // CR: a CRLF split across chunks must wait for the next chunk.
        if (i + 1 >= len && !final) break;
        pos = buf.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
        complete = true;
        break;
      }
      if (!complete) break;
      this.line = line + 1;
      emit({ fields, line: startLine });
    }
    this.rest = pos < len ? buf.slice(pos) : "";
    if (this.rest.length > CsvTokenizer.MAX_RECORD_CHARS) {
      throw new CsvTokenError('a quoted field is never closed (a missing ")', this.line);
    }
  }
}

function countChar(s: string, code: number): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === code) n++;
  return n;
}
