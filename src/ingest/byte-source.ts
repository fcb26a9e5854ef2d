import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { basename } from "node:path";
import { UserError } from "../core/errors.ts";

/**
 * A file's bytes, read by position: either bytes already in memory (a chat upload, a zip
 * entry) or a file on disk read a chunk at a time, so that a large export never has to fit in
 * memory. Reading is synchronous: an import runs inside one better-sqlite3 transaction, which
 * cannot span an `await`.
 */
export interface ByteSource {
  /** Size in bytes. */
  readonly length: number;
  /**
   * Up to `length` bytes from `offset` (fewer at the end). The view is valid only until the
   * next call: a file source reuses one buffer.
   */
  readAt(offset: number, length: number): Uint8Array;
}

/** A file on disk opened as a {@link ByteSource}; `close` releases it. */
export interface FileSource extends ByteSource {
  close(): void;
}

/** Bytes in memory as a {@link ByteSource} (views, no copies). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    length: bytes.length,
    readAt: (offset, length) => bytes.subarray(offset, Math.min(offset + length, bytes.length)),
  };
}

/**
 * Opens a file for reading by position into one reused buffer (grown to the largest chunk
 * asked for). Throws the file system's error (`ENOENT`, `EISDIR`…) when it cannot be opened,
 * and a `bad_import_file` {@link UserError} when it ends before the size it had when opened.
 */
export function openFileSource(path: string): FileSource {
  const fd = openSync(path, "r");
  let length: number;
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: "EISDIR" });
    length = stat.size;
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  let buffer = Buffer.alloc(0);
  let open = true;
  return {
    length,
    readAt(offset, wanted) {
      const size = Math.max(0, Math.min(wanted, length - offset));
      if (buffer.length < size) buffer = Buffer.allocUnsafe(size);
      let done = 0;
      while (done < size) {
        const n = readSync(fd, buffer, done, size - done, offset + done);
        if (n === 0) {
          throw new UserError(
            "bad_import_file",
            `${basename(path)} became shorter while it was being read.`,
            ["Nothing was imported. Import it again once whatever is writing it has finished."],
          );
        }
        done += n;
      }
      return buffer.subarray(0, done);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** A copy of the whole source in memory (for zips, whose directory is at their end). */
export function readAll(source: ByteSource): Uint8Array {
  const out = Buffer.allocUnsafe(source.length);
  const chunk = 1 << 20;
  let offset = 0;
  while (offset < source.length) {
    const part = source.readAt(offset, chunk);
    if (part.length === 0) break;
    out.set(part, offset);
    offset += part.length;
  }
  return offset === out.length ? out : out.subarray(0, offset);
}
