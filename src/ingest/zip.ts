import yauzl from "yauzl";
import { UserError } from "../core/errors.ts";
import { toBuffer } from "./csv/encoding.ts";

/** One file from inside a zip. */
export interface ZipEntryFile {
  /** The entry's base name, e.g. `Table data.csv`. */
  name: string;
  /** The full path inside the zip. */
  path: string;
  bytes: Buffer;
}

/** What a zip holds: its CSV files, and the names of the other entries (for messages). */
export interface ZipContents {
  csv: ZipEntryFile[];
  others: string[];
}

/** Largest inner file read (uncompressed); larger ones are refused rather than filling memory. */
const MAX_ENTRY_BYTES = 1 << 30;

/** True when the bytes start like a zip archive (`PK\x03\x04`, or `PK\x05\x06` for an empty one). */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 0x03 || bytes[2] === 0x05) &&
    (bytes[3] === 0x04 || bytes[3] === 0x06)
  );
}

/**
 * Reads the CSV files out of a zip (YouTube Studio's `Table data.csv` / `Chart data.csv` /
 * `Totals.csv`, TikTok Studio's `Overview.csv` …), skipping folders and macOS metadata. A zip
 * that cannot be read is a `bad_import_file` error.
 */
export async function readZip(bytes: Uint8Array, zipName: string): Promise<ZipContents> {
  const bad = (why: string) =>
    new UserError("bad_import_file", `${zipName} cannot be read as a zip file: ${why}.`, [
      "Nothing was imported. Download the export again and import the .zip (or the .csv files inside it).",
    ]);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(toBuffer(bytes), { lazyEntries: true, decodeStrings: true });
  } catch (err) {
    throw bad(err instanceof Error ? err.message : String(err));
  }
  const contents: ZipContents = { csv: [], others: [] };
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("error", reject);
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        const path = entry.fileName;
        const name = path.split("/").pop() ?? path;
        const isDir = path.endsWith("/");
        const hidden = path.startsWith("__MACOSX/") || name.startsWith(".");
        if (isDir || hidden) {
          zip.readEntry();
          return;
        }
        if (!/\.csv$/i.test(name)) {
          contents.others.push(path);
          zip.readEntry();
          return;
        }
        if (entry.uncompressedSize > MAX_ENTRY_BYTES) {
          reject(new Error(`${path} is larger than 1 GB uncompressed`));
          return;
        }
        zip.openReadStream(entry, (err, stream) => {
          if (err) {
            reject(err);
            return;
          }
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", reject);
          stream.on("end", () => {
            contents.csv.push({ name, path, bytes: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } catch (err) {
    throw bad(err instanceof Error ? err.message : String(err));
  } finally {
    zip.close();
  }
  return contents;
}
