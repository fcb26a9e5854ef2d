import { UserError } from "../core/errors.ts";
import { type ByteSource, bytesSource, type FileSource, openFileSource, readAll } from "./byte-source.ts";
import type { FileInput } from "./csv/sniff.ts";
import { isZip, readZip } from "./zip.ts";

/** Where an import's bytes are: in memory (a chat upload) or in a file on disk (the CLI). */
export interface ImportBytes {
  /** The name the file came with. */
  fileName: string;
  /** The file's bytes, as uploaded. */
  bytes?: Uint8Array;
  /** A path to read the file from, a chunk at a time (used when `bytes` is not given). */
  path?: string;
}

/** The CSV files of one import: the file itself, or the CSVs inside a zip. */
export interface ImportInputs {
  inputs: FileInput[];
  /** The zip's name, when the file is a zip. */
  zipName: string | null;
  /** Releases the opened file (a no-op for bytes in memory). */
  close(): void;
}

/**
 * Opens what an import reads. A CSV on disk stays on disk and is read a chunk at a time; a zip
 * is read into memory (its directory is at its end, and exports' entries are small). An empty
 * or unreadable file, a zip that is an Excel workbook or holds no CSV are `bad_import_file`
 * {@link UserError}s; the caller must `close` what is returned.
 */
export async function openImportInputs(request: ImportBytes): Promise<ImportInputs> {
  let file: FileSource | null = null;
  let source: ByteSource;
  if (request.bytes) {
    source = bytesSource(request.bytes);
  } else if (request.path !== undefined) {
    try {
      file = openFileSource(request.path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? "unknown error";
      throw new UserError("bad_import_file", `Cannot read ${request.fileName}: ${code}.`, [
        "Nothing was imported. Check the path.",
      ]);
    }
    source = file;
  } else {
    throw new Error("an import needs the file's bytes or its path");
  }
  const close = () => file?.close();
  try {
    if (source.length === 0) {
      throw new UserError("bad_import_file", `${request.fileName} is empty.`, ["Nothing was imported."]);
    }
    if (!isZip(source.readAt(0, 4))) {
      const fileName = request.fileName.split(/[\\/]/).pop() ?? request.fileName;
      return { inputs: [{ fileName, containerName: null, source }], zipName: null, close };
    }
    const zipName = request.fileName;
    const contents = await readZip(request.bytes ?? readAll(source), zipName);
    close();
    if (contents.others.some((p) => p === "[Content_Types].xml" || p.startsWith("xl/"))) {
      throw new UserError("bad_import_file", `${zipName} is an Excel workbook, not a CSV export.`, [
        "Nothing was imported. Open it and save each sheet as CSV, or download the platform's CSV export.",
      ]);
    }
    const inputs = contents.csv.map((entry) => ({
      fileName: entry.name,
      containerName: zipName,
      source: bytesSource(entry.bytes),
    }));
    if (inputs.length === 0) {
      throw new UserError("bad_import_file", `${zipName} holds no CSV files.`, [
        "Nothing was imported. YouTube Studio and TikTok Studio zips hold .csv files: import the zip as downloaded.",
      ]);
    }
    return { inputs, zipName, close };
  } catch (err) {
    close();
    throw err;
  }
}
