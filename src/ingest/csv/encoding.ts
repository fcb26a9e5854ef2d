import { isUtf8 } from "node:buffer";

/** The text encodings platform exports come in. */
export type TextEncoding = "utf8" | "utf16le" | "utf16be" | "windows1252";

/** What {@link detectEncoding} found: the encoding and how many BOM bytes to skip. */
export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Bytes of byte-order mark at the start of the file (0 when there is none). */
  bomLength: number;
  /** A human label for reports, e.g. "UTF-16 LE with BOM". */
  label: string;
}

/**
 * Works out how a file's bytes are encoded: a UTF-16 (LE or BE) or UTF-8 byte-order mark wins;
 * without one, UTF-16 is recognised by its zero bytes, valid UTF-8 is UTF-8, and anything else is
 * read as Windows-1252 (what old Facebook exports and Excel on Windows write).
 *
 * `bytes` may be only the file's head (its first few hundred bytes decide the mark and UTF-16);
 * `validUtf8` then says whether the whole file is valid UTF-8 (see `scanSource`).
 */
export function detectEncoding(bytes: Uint8Array, validUtf8: boolean = isUtf8(bytes)): DetectedEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { encoding: "utf16le", bomLength: 2, label: "UTF-16 LE with BOM" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { encoding: "utf16be", bomLength: 2, label: "UTF-16 BE with BOM" };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: "utf8", bomLength: 3, label: "UTF-8 with BOM" };
  }
  const guess = guessUtf16(bytes);
  if (guess) return { encoding: guess, bomLength: 0, label: guess === "utf16le" ? "UTF-16 LE" : "UTF-16 BE" };
  if (validUtf8) return { encoding: "utf8", bomLength: 0, label: "UTF-8" };
  return { encoding: "windows1252", bomLength: 0, label: "Windows-1252" };
}

/** Bytes of a file's head that {@link detectEncoding} looks at (with the whole file's UTF-8 validity). */
export const ENCODING_HEAD_BYTES = 512;

/** UTF-16 text without a BOM: mostly ASCII, so every other byte of the first few hundred is zero. */
function guessUtf16(bytes: Uint8Array): "utf16le" | "utf16be" | null {
  const n = Math.min(bytes.length, ENCODING_HEAD_BYTES) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.1) return "utf16le";
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.1) return "utf16be";
  return null;
}

/** A Buffer view of the same memory (no copy). */
export function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
