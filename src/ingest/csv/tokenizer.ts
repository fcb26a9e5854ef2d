import { plainCount } from "./numbers.ts";

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;

/**
 * One record, read in place: cells are sliced out of the text only when asked for, so a file
 * whose importer reads 7 of 38 columns does not pay for the other 31. A view is valid only
 * during the callback that receives it (the tokenizer reuses it for the next record).
 */
export interface RecordView {
  /** Number of cells. */
  readonly length: number;
  /** The physical line (1-based) the record starts on. */
  readonly line: number;
  /** Cell `i` (unquoted, `""` unescaped); "" past the end of a short row. */
  field(i: number): string;
  /** Cell `i` read as a plain count (`123`, `1938.0`) in place, or -1 when it is anything else. */
  plainCount(i: number): number;
  /** True when every cell is empty or blank. */
  isBlank(): boolean;
  /** All cells as an array (a copy that outlives the callback). */
  toArray(): string[];
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

class View implements RecordView {
  buf = "";
  length = 0;
  line = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  escaped = new Uint8Array(64);

  push(start: number, end: number, escaped: boolean): void {
    const n = this.length;
    if (n === this.starts.length) this.grow();
    this.starts[n] = start;
    this.ends[n] = end;
    this.escaped[n] = escaped ? 1 : 0;
    this.length = n + 1;
  }

  grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    const escaped = new Uint8Array(size);
    escaped.set(this.escaped);
    this.starts = starts;
    this.ends = ends;
    this.escaped = escaped;
  }

  field(i: number): string {
    if (i >= this.length) return "";
    const s = this.buf.slice(this.starts[i], this.ends[i]);
    return this.escaped[i] === 1 ? s.replaceAll('""', '"') : s;
  }

  plainCount(i: number): number {
    if (i >= this.length || this.escaped[i] === 1) return -1;
    return plainCount(this.buf, this.starts[i] as number, this.ends[i] as number);
  }

  isBlank(): boolean {
    const buf = this.buf;
    for (let i = 0; i < this.length; i++) {
      const end = this.ends[i] as number;
      for (let j = this.starts[i] as number; j < end; j++) {
        const c = buf.charCodeAt(j);
        if (c !== SPACE && c !== TAB && c !== CR && c !== LF) return false;
      }
    }
    return true;
  }

  toArray(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.field(i));
    return out;
  }
}

/**
 * An incremental RFC 4180 tokenizer over decoded text, with the leniency of csv-parse's
 * `relax_quotes` (a quote inside an unquoted cell is literal) and `relax_column_count`, and
 * `\r\n`, `\n` or `\r` line ends. Text is fed in chunks; each complete record is handed to the
 * callback at once (nothing is collected), and an incomplete last record waits for the next chunk.
 *
 * It replaces csv-parse on the import path because the import benchmark measures the whole
 * pipeline against a bare insert loop: on a 38-column quoted export, csv-parse's byte-by-byte
 * state machine and the arrays of strings it builds cost about three times the inserts. Here
 * one pass notes where each cell starts and ends (short cells char by char, long ones with
 * `indexOf`) and only the cells an importer reads are sliced out. Its output is tested record
 * for record against csv-parse's.
 */
export class CsvTokenizer {
  /** A record longer than this is not a record but a quote never closed: stop rescanning it. */
  static readonly MAX_RECORD_CHARS = 32 << 20;
  private rest = "";
  private line = 1;
  private readonly view = new View();

  /** Characters of an incomplete last record held back for the next {@link feed}. */
  get pending(): number {
    return this.rest.length;
  }

  /**
   * Forgets the held-back characters: the caller will feed them again at the start of its next
   * text (a reader that can re-read its input, so the next text is one flat string rather than
   * a concatenation, which V8 reads char by char at about half the speed).
   */
  discardPending(): void {
    this.rest = "";
  }

  /**
   * Tokenizes `text` (after what was left over) and calls `onRecord` for each complete record;
   * `onRecord` returning false stops the tokenizer (the result is then false). With `final`,
   * the input has ended: a last record without a line end is complete, and an open quote is
   * an error.
   */
  feed(text: string, final: boolean, onRecord: (record: RecordView) => boolean | undefined): boolean {
    const buf = this.rest.length > 0 ? this.rest + text : text;
    const len = buf.length;
    const view = this.view;
    view.buf = buf;
    let starts = view.starts;
    let ends = view.ends;
    let escapes = view.escaped;
    let pos = 0;
    let line = this.line;
    let nextLf = -2;
    records: while (pos < len) {
      const startLine = line;
      let n = 0;
      let i = pos;
      let next = len;
      for (;;) {
        if (n === starts.length) {
          view.grow();
          starts = view.starts;
          ends = view.ends;
          escapes = view.escaped;
        }
        let c = i < len ? buf.charCodeAt(i) : -1;
        if (c === QUOTE) {
          // Quoted cell: runs to a quote not followed by another quote.
          const start = i + 1;
          let j = start;
          let escaped = 0;
          for (;;) {
            // Short cells are scanned char by char; a long one is crossed with indexOf.
            const stop = Math.min(j + 16, len);
            while (j < stop) {
              c = buf.charCodeAt(j);
              if (c === QUOTE) break;
              if (c === LF) line++;
              j++;
            }
            if (j === stop && j < len) {
              const q = buf.indexOf('"', j);
              const to = q === -1 ? len : q;
              if (nextLf !== -1 && nextLf < j) nextLf = buf.indexOf("\n", j);
              while (nextLf !== -1 && nextLf < to) {
                line++;
                nextLf = buf.indexOf("\n", nextLf + 1);
              }
              j = to;
            }
            if (j >= len || (j + 1 === len && !final)) {
              if (final) throw new CsvTokenError('a quoted field is never closed (a missing ")', startLine);
              line = startLine;
              break records;
            }
            if (buf.charCodeAt(j + 1) !== QUOTE) break;
            escaped = 1;
            j += 2;
          }
          starts[n] = start;
          ends[n] = j;
          escapes[n] = escaped;
          n++;
          i = j + 1;
          if (i < len) {
            c = buf.charCodeAt(i);
            if (c !== COMMA && c !== CR && c !== LF) {
              throw new CsvTokenError("a closing quote is followed by other characters", line);
            }
          }
        } else {
          let j = i;
          while (j < len) {
            c = buf.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          starts[n] = i;
          ends[n] = j;
          escapes[n] = 0;
          n++;
          i = j;
        }
        // At a delimiter, a line end, or the end of the text.
        if (i >= len) {
          if (!final) {
            line = startLine;
            break records;
          }
          next = len;
          break;
        }
        c = buf.charCodeAt(i);
        if (c === COMMA) {
          i++;
          continue;
        }
        if (c === LF) {
          next = i + 1;
          break;
        }
        // CR: a CRLF split across chunks must wait for the next chunk.
        if (i + 1 >= len && !final) {
          line = startLine;
          break records;
        }
        next = buf.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
        break;
      }
      pos = next;
      line++;
      view.length = n;
      view.line = startLine;
      if (onRecord(view) === false) {
        this.rest = "";
        this.line = line;
        return false;
      }
    }
    this.line = line;
    this.rest = pos < len ? buf.slice(pos) : "";
    if (this.rest.length > CsvTokenizer.MAX_RECORD_CHARS) {
      throw new CsvTokenError('a quoted field is never closed (a missing ")', this.line);
    }
    return true;
  }
}
