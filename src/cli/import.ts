import { statSync } from "node:fs";
import { basename } from "node:path";
import cliProgress from "cli-progress";
import { isUserError } from "../core/errors.ts";
import { importFile } from "../ingest/import-file.ts";
import { formatImportReport } from "../ingest/import-report.ts";
import { wireApp } from "../main.ts";

/** Options of `dmd import`. */
export interface ImportCliOptions {
  dbPath?: string;
  files: string[];
  handle?: string;
  format?: string;
  dryRun: boolean;
  operator: string;
}

/** Files at least this large get a progress bar on a terminal. */
const PROGRESS_FROM_BYTES = 2 * 1024 * 1024;

/**
 * `dmd import <file…>`: imports platform exports one file at a time. Each file is one
 * transaction: a bad file changes nothing and the next file is still tried.
 */
export async function runImport(options: ImportCliOptions): Promise<number> {
  const app = wireApp({ dbPath: options.dbPath });
  let failed = 0;
  try {
    for (const file of options.files) {
      let size: number;
      try {
        const stat = statSync(file);
        if (stat.isDirectory()) throw Object.assign(new Error("a directory"), { code: "EISDIR" });
        size = stat.size;
      } catch (err) {
        process.stderr.write(
          `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? "unknown error"}. Check the path.\n`,
        );
        failed++;
        continue;
      }
      const bar = size >= PROGRESS_FROM_BYTES && process.stderr.isTTY ? progressBar(basename(file)) : null;
      try {
        // By path: the file is read a chunk at a time, so memory stays flat however large it is.
        const reports = await importFile(app.deps.db, {
          fileName: basename(file),
          path: file,
          handle: options.handle,
          format: options.format,
          dryRun: options.dryRun,
          actor: `console:${options.operator}`,
          now: app.deps.clock.now(),
          onProgress: bar
            ? (done, total) => {
                bar.setTotal(total);
                bar.update(done);
              }
            : undefined,
        });
        bar?.stop();
        for (const report of reports) process.stdout.write(`${formatImportReport(report).join("\n")}\n\n`);
      } catch (err) {
        bar?.stop();
        if (!isUserError(err)) throw err;
        process.stderr.write(`${err.message}\n${err.hints.map((h) => `  ${h}\n`).join("")}`);
        failed++;
      }
    }
    return failed > 0 ? 1 : 0;
  } finally {
    app.close();
  }
}

function progressBar(name: string) {
  const bar = new cliProgress.SingleBar(
    {
      format: `${name} [{bar}] {percentage}% | {value}/{total} bytes`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0);
  return bar;
}
