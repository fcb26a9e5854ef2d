import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { importHandlesCsv } from "../registry/handles-csv.ts";
import { importMissionsCsv } from "../registry/missions-csv.ts";
import { withApp } from "./with-app.ts";

/** Options of `dmd missions import` and `dmd handles import`. */
export interface RegistryImportOptions {
  dbPath?: string;
  kind: "missions" | "handles";
  file: string;
}

/** Imports a registry CSV; any bad row rejects the whole file and nothing changes. */
export async function runRegistryImport(options: RegistryImportOptions): Promise<number> {
  let text: string;
  try {
    text = await readFile(options.file, "utf8");
  } catch (err) {
    process.stderr.write(
      `Cannot read ${options.file}: ${(err as NodeJS.ErrnoException).code ?? "unknown error"}. Check the path.\n`,
    );
    return 1;
  }
  return withApp({ dbPath: options.dbPath }, (app) => {
    const importer = options.kind === "missions" ? importMissionsCsv : importHandlesCsv;
    const result = importer(app.deps.db, text, basename(options.file));
    process.stdout.write(
      `${options.kind === "missions" ? "Missions" : "Handles"} from ${basename(options.file)}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.\n`,
    );
    return 0;
  });
}
