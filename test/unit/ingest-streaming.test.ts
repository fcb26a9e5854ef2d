import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import seedrandom from "seedrandom";
import { afterEach, describe, expect, it } from "vitest";
import { type ByteSource, bytesSource, openFileSource, readAll } from "../../src/ingest/byte-source.ts";
import { detectEncoding } from "../../src/ingest/csv/encoding.ts";
import { forEachRecord } from "../../src/ingest/csv/records.ts";
import { scanSource, Utf8Validator } from "../../src/ingest/csv/scan.ts";
import { sniffFile } from "../../src/ingest/csv/sniff.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(name: string, bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "dmd-stream-"));
  dirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Random cuts of `bytes` fed to a validator. */
function validInChunks(bytes: Uint8Array, rng: () => number): boolean {
  const v = new Utf8Validator();
  for (let i = 0; i < bytes.length; ) {
    const n = Math.min(bytes.length - i, Math.floor(rng() * 6));
    v.update(bytes.subarray(i, i + n));
    i += n;
  }
  return v.end();
}

describe("Utf8Validator", () => {
  it("agrees with isUtf8 on the whole, however the bytes are cut", () => {
    const rng = seedrandom("utf8");
    const pieces = [
      Buffer.from("a,b\n"),
      Buffer.from("é"),
      Buffer.from("✓"),
      Buffer.from("😀"),
      Buffer.from([0xe2, 0x9c]),
      Buffer.from([0x80]),
      Buffer.from([0xc0, 0xaf]),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from([0xf4, 0x90, 0x80, 0x80]),
      Buffer.from([0xff]),
    ];
    let valid = 0;
    for (let n = 0; n < 5000; n++) {
      const parts: Buffer[] = [];
      const count = Math.floor(rng() * 8);
      for (let i = 0; i < count; i++) {
        const good = rng() < 0.8;
        parts.push(pieces[Math.floor(rng() * (good ? 4 : pieces.length))] as Buffer);
      }
      const bytes = Buffer.concat(parts);
      const want = isUtf8(bytes);
      if (want) valid++;
      expect(validInChunks(bytes, rng)).toBe(want);
    }
    expect(valid).toBeGreaterThan(500);
  });
});

describe("byte sources", () => {
  const bytes = Buffer.from("0123456789".repeat(1000));

  it("read the same bytes by position from memory and from a file", () => {
    const file = openFileSource(tempFile("digits.csv", bytes));
    const memory = bytesSource(bytes);
    expect(file.length).toBe(bytes.length);
    for (const [offset, length] of [
      [0, 4],
      [5, 17],
      [9990, 100],
      [10_000, 10],
    ] as const) {
      expect(Buffer.from(file.readAt(offset, length))).toEqual(Buffer.from(memory.readAt(offset, length)));
    }
    expect(Buffer.from(readAll(file))).toEqual(bytes);
    file.close();
    file.close();
  });

  it("hash and check UTF-8 in one pass, as the whole bytes would", () => {
    const text = Buffer.concat([bytes, Buffer.from("café ✓\n")]);
    const scan = scanSource(openFileSource(tempFile("t.csv", text)), 7);
    expect(scan).toEqual({ sha256: createHash("sha256").update(text).digest("hex"), validUtf8: true });
    const latin = iconv.encode(`${"x".repeat(5000)},résumé\n`, "cp1252");
    expect(scanSource(bytesSource(latin), 64).validUtf8).toBe(false);
  });

  it("refuse a directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "dmd-stream-"));
    dirs.push(dir);
    expect(() => openFileSource(dir)).toThrow(expect.objectContaining({ code: "EISDIR" }));
  });
});

/** Every record of a source with its line, read with `chunkSize`. */
function records(source: ByteSource | Uint8Array, bytes: Uint8Array, chunkSize: number) {
  const out: { fields: string[]; line: number }[] = [];
  forEachRecord(
    source,
    detectEncoding(bytes),
    (rec) => {
      out.push({ fields: rec.toArray(), line: rec.line });
      return true;
    },
    { chunkSize },
  );
  return out;
}

describe("forEachRecord over a file", () => {
  it("gives the same records and lines as over the bytes, for every chunk size", () => {
    const rng = seedrandom("stream-records");
    const cells = [
      "a",
      "1938.0",
      '"quoted, comma"',
      '"multi\nline"',
      '"say ""hi"""',
      "é✓",
      "😀",
      "",
      '"x\r\ny"',
    ];
    const lines: string[] = [];
    for (let r = 0; r < 300; r++) {
      const row: string[] = [];
      const n = 1 + Math.floor(rng() * 6);
      for (let c = 0; c < n; c++) row.push(cells[Math.floor(rng() * cells.length)] as string);
      if (r % 50 === 7) row.push(`"${"long ".repeat(400)}"`);
      lines.push(row.join(","));
    }
    const text = `${lines.join(rng() < 0.5 ? "\n" : "\r\n")}\r\n`;
    for (const bytes of [Buffer.from(text), Buffer.from(`\uFEFF${text}`), iconv.encode(text, "utf16le")]) {
      const want = records(bytes, bytes, 1 << 20);
      const path = tempFile("records.csv", bytes);
      for (const chunkSize of [1, 2, 3, 5, 64, 1000, 4096]) {
        const file = openFileSource(path);
        expect(records(file, bytes, chunkSize)).toEqual(want);
        expect(records(bytes, bytes, chunkSize)).toEqual(want);
        file.close();
      }
    }
  });

  it("reads ASCII and Windows-1252 files the same as before, by path", () => {
    const ascii = Buffer.from('h1,h2\n"a",1\n"b\nc",2\n'.repeat(200));
    const latin = iconv.encode(
      `Date,Note\r\n${"8/24/2014,plain\r\n".repeat(300)}8/25/2014,r\u00e9sum\u00e9\r\n`,
      "cp1252",
    );
    for (const bytes of [ascii, latin]) {
      const path = tempFile("plain.csv", bytes);
      const want = records(bytes, bytes, 1 << 20);
      for (const chunkSize of [3, 17, 100]) {
        const file = openFileSource(path);
        expect(records(file, bytes, chunkSize)).toEqual(want);
        file.close();
      }
    }
  });
});

describe("sniffFile on a file", () => {
  it("decides UTF-8 or Windows-1252 from every byte, not only the head", () => {
    const header = '"Date","Tweets published","impressions"\n';
    const rows = Array.from({ length: 2000 }, (_, i) => `"2025-01-01","${i}","10"\n`).join("");
    const bytes = Buffer.concat([
      Buffer.from(header + rows),
      iconv.encode('"2025-01-02","1","caf\u00e9"\n', "cp1252"),
    ]);
    const path = tempFile("daily_tweet_activity_metrics_Embassy_Fr_20250101_20250102_en.csv", bytes);
    const file = openFileSource(path);
    const sniffed = sniffFile({ fileName: "daily.csv", containerName: null, source: file });
    file.close();
    expect(sniffed.encoding.encoding).toBe("windows1252");
    expect(sniffed.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(detectEncoding(bytes).encoding).toBe("windows1252");
  });
});
