import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { detectEncoding } from "../../src/ingest/csv/encoding.ts";
import { CsvSyntaxError, forEachRecord } from "../../src/ingest/csv/records.ts";
import { CsvTokenError, CsvTokenizer } from "../../src/ingest/csv/tokenizer.ts";

/** Records and their start lines, feeding `text` in pieces of `size` characters. */
function tokenize(text: string, size: number): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  const tokenizer = new CsvTokenizer();
  const push = (rec: { toArray(): string[]; line: number }) => {
    out.push({ fields: rec.toArray(), line: rec.line });
    return true;
  };
  for (let i = 0; i < text.length; i += size) tokenizer.feed(text.slice(i, i + size), false, push);
  tokenizer.feed("", true, push);
  return out;
}

function randomCsv(rng: () => number): string {
  const pieces = ["a", "b c", "1,234", 'say "hi"', "x\ny", "x\r\ny", "", " ", "é✓", '""', "N/A", "-"];
  const rows: string[] = [];
  const nRows = 1 + Math.floor(rng() * 6);
  for (let r = 0; r < nRows; r++) {
    const cells: string[] = [];
    const nCells = 1 + Math.floor(rng() * 5);
    for (let c = 0; c < nCells; c++) {
      const v = pieces[Math.floor(rng() * pieces.length)] ?? "";
      const mustQuote = /[",\r\n]/.test(v);
      cells.push(mustQuote || rng() < 0.3 ? `"${v.replace(/"/g, '""')}"` : v);
    }
    rows.push(cells.join(","));
  }
  const eol = rng() < 0.5 ? "\n" : "\r\n";
  return rows.join(eol) + (rng() < 0.7 ? eol : "");
}

describe("CsvTokenizer against csv-parse", () => {
  it("gives the same records as csv-parse for 2,000 random files, however the text is cut", () => {
    const rng = seedrandom("dmd-csv");
    for (let n = 0; n < 2000; n++) {
      const text = randomCsv(rng);
      const want = parse(text, {
        relax_column_count: true,
        relax_quotes: true,
        record_delimiter: ["\r\n", "\n", "\r"],
      });
      for (const size of [1, 2, 3, 7, 1000]) {
        const got = tokenize(text, size).map((r) => r.fields);
        if (JSON.stringify(got) !== JSON.stringify(want))
          expect({ text, size, got }).toEqual({ text, size, got: want });
      }
    }
  });

  it("keeps quotes inside unquoted cells, like csv-parse's relax_quotes", () => {
    const text = 'a,5" screen,b"c\n';
    expect(tokenize(text, 3).map((r) => r.fields)).toEqual(parse(text, { relax_quotes: true }));
  });

  it("numbers physical lines, counting newlines inside quoted cells", () => {
    const text = 'h1,h2\r\n"multi\r\nline\ntext",1\r\n\r\nlast,2';
    expect(tokenize(text, 4)).toEqual([
      { fields: ["h1", "h2"], line: 1 },
      { fields: ["multi\r\nline\ntext", "1"], line: 2 },
      { fields: [""], line: 5 },
      { fields: ["last", "2"], line: 6 },
    ]);
  });

  it("refuses an unclosed quote and junk after a closing quote, with the line", () => {
    const errorOf = (text: string, size: number) => {
      try {
        tokenize(text, size);
      } catch (err) {
        return err;
      }
      return null;
    };
    expect(errorOf('a,b\nc,"d\ne,f\n', 2)).toMatchObject({
      name: "CsvTokenError",
      line: 2,
      message: 'a quoted field is never closed (a missing ")',
    });
    expect(errorOf('a,b\n\nc,"d"x\n', 100)).toMatchObject({
      line: 3,
      message: "a closing quote is followed by other characters",
    });
    expect(errorOf('a,b\nc,"d\n', 100)).toBeInstanceOf(CsvTokenError);
  });
});

describe("encodings", () => {
  const text = 'sep=,\r\n"Views"\r\n"Date","Primary"\r\n"2025-08-01T00:00:00","Café ✓"\r\n';

  it("recognises BOMs, UTF-16 without a BOM, UTF-8 and the Windows-1252 fallback", () => {
    expect(
      detectEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf16le")])),
    ).toMatchObject({
      encoding: "utf16le",
      bomLength: 2,
    });
    expect(
      detectEncoding(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, "utf16be")])),
    ).toMatchObject({
      encoding: "utf16be",
      bomLength: 2,
    });
    expect(detectEncoding(Buffer.from(`\uFEFF${text}`))).toMatchObject({ encoding: "utf8", bomLength: 3 });
    expect(detectEncoding(iconv.encode(text, "utf16le"))).toMatchObject({
      encoding: "utf16le",
      bomLength: 0,
    });
    expect(detectEncoding(Buffer.from(text))).toMatchObject({ encoding: "utf8", bomLength: 0 });
    expect(detectEncoding(iconv.encode("Date,Note\n8/24/2014,résumé – ok\n", "cp1252"))).toMatchObject({
      encoding: "windows1252",
    });
  });

  it("decodes every encoding the same, even with characters cut across chunks", () => {
    const files = [
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf16le")]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, "utf16be")]),
      Buffer.from(`\uFEFF${text}`),
    ];
    for (const bytes of files) {
      for (const chunkSize of [1, 3, 5, 64]) {
        const got: string[][] = [];
        forEachRecord(
          bytes,
          detectEncoding(bytes),
          (rec) => {
            got.push(rec.toArray());
            return true;
          },
          { chunkSize },
        );
        expect(got).toEqual([
          ["sep=", ""],
          ["Views"],
          ["Date", "Primary"],
          ["2025-08-01T00:00:00", "Café ✓"],
        ]);
      }
    }
  });

  it("reads Windows-1252 text as such", () => {
    const bytes = iconv.encode("Date,Note\r\n8/24/2014,the page\u2019s r\u00e9sum\u00e9\r\n", "cp1252");
    const got: string[][] = [];
    forEachRecord(bytes, detectEncoding(bytes), (rec) => {
      got.push(rec.toArray());
      return true;
    });
    expect(got[1]).toEqual(["8/24/2014", "the page\u2019s r\u00e9sum\u00e9"]);
  });

  it("turns malformed CSV into a CsvSyntaxError with the line", () => {
    const bytes = Buffer.from('a,b\n1,"2\n');
    expect(() => forEachRecord(bytes, detectEncoding(bytes), () => true)).toThrow(CsvSyntaxError);
  });
});
