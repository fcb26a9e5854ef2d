import { isUserError } from "../core/errors.ts";
import { backupDatabase } from "../db/backup.ts";
import { wireApp } from "../main.ts";

/** `dmd backup <file>`: an online, consistent copy of the database (SQLite's backup API). */
export async function runBackup(options: {
  dbPath?: string;
  file: string;
  overwrite: boolean;
}): Promise<number> {
  const app = wireApp({ dbPath: options.dbPath });
  try {
    const result = await backupDatabase(app.deps.db, options.file, { overwrite: options.overwrite });
    process.stdout.write(
      `Backup written to ${options.file} (${result.bytes.toLocaleString("en-US")} bytes, integrity ok).\n`,
    );
    return 0;
  } catch (err) {
    if (isUserError(err)) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    app.close();
  }
}
