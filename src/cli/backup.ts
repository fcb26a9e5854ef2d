import { backupDatabase } from "../db/backup.ts";
import { withApp } from "./with-app.ts";

/** `dmd backup <file>`: an online, consistent copy of the database (SQLite's backup API). */
export async function runBackup(options: {
  dbPath?: string;
  file: string;
  overwrite: boolean;
}): Promise<number> {
  return withApp({ dbPath: options.dbPath }, async (app) => {
    const result = await backupDatabase(app.deps.db, options.file, { overwrite: options.overwrite });
    process.stdout.write(
      `Backup written to ${options.file} (${result.bytes.toLocaleString("en-US")} bytes, integrity ok).\n`,
    );
    return 0;
  });
}
