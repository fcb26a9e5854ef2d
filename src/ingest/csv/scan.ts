import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import type { ByteSource } from "../byte-source.ts";

/** What one pass over a whole file found. */
export interface SourceScan {
  /** SHA-256 of the file's bytes, hex: the import ledger's key. */
  sha256: string;
  /** The whole file is valid UTF-8 (what decides UTF-8 against Windows-1252 without a BOM). */
  validUtf8: boolean;
}

const CHUNK = 1 << 20;

/**
 * Reads a source once, a chunk at a time, for its SHA-256 and whether it is valid UTF-8: the
 * two facts about an import that need every byte, found without holding the file in memory.
 */
export function scanSource(source: ByteSource, chunkSize = CHUNK): SourceScan {
  const hash = createHash("sha256");
  const utf8 = new Utf8Validator();
  for (let offset = 0; offset < source.length; ) {
    const chunk = source.readAt(offset, chunkSize);
    if (chunk.length === 0) break;
    hash.update(chunk);
    utf8.update(chunk);
    offset += chunk.length;
  }
  return { sha256: hash.digest("hex"), validUtf8: utf8.end() };
}

/** Bytes in the UTF-8 sequence a lead byte starts (4 for bytes no sequence starts with). */
function sequenceLength(lead: number): number {
  if (lead < 0xc0) return 1;
  if (lead < 0xe0) return 2;
  if (lead < 0xf0) return 3;
  return 4;
}

/**
 * Whether bytes fed in chunks are valid UTF-8, as `isUtf8` on all of them would say: a
 * character cut between two chunks is held back and checked whole.
 */
export class Utf8Validator {
  private valid = true;
  private readonly carry = new Uint8Array(4);
  private carried = 0;

  /** Checks the next chunk. */
  update(chunk: Uint8Array): void {
    if (!this.valid) return;
    let start = 0;
    if (this.carried > 0) {
      const want = sequenceLength(this.carry[0] as number);
      start = Math.min(want - this.carried, chunk.length);
      this.carry.set(chunk.subarray(0, start), this.carried);
      this.carried += start;
      if (this.carried < want) return;
      this.valid = isUtf8(this.carry.subarray(0, this.carried));
      this.carried = 0;
      if (!this.valid) return;
    }
    const end = completeEnd(chunk, start);
    if (!isUtf8(chunk.subarray(start, end))) {
      this.valid = false;
      return;
    }
    this.carry.set(chunk.subarray(end));
    this.carried = chunk.length - end;
  }

  /** True when everything fed was valid UTF-8 (a character cut off at the end is not). */
  end(): boolean {
    return this.valid && this.carried === 0;
  }
}

/** Where a chunk's last, incomplete character starts (the chunk's length when none is cut). */
function completeEnd(chunk: Uint8Array, start: number): number {
  const n = chunk.length;
  for (let k = 1; k <= 3 && n - k >= start; k++) {
    const b = chunk[n - k] as number;
    if (b < 0x80) return n;
    if (b >= 0xc0) return k < sequenceLength(b) ? n - k : n;
  }
  return n;
}
