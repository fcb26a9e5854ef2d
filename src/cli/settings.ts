import { deleteSetting, getSetting, setSetting } from "../db/repos/settings-repo.ts";
import { wireApp } from "../main.ts";
import { findSetting, SETTINGS } from "../settings/catalogue.ts";

/** What `dmd settings` does: list them all, set one, or return one to its default. */
export type SettingsAction =
  | { kind: "list" }
  | { kind: "set"; key: string; value: string }
  | { kind: "unset"; key: string };

function unknownKey(key: string): string {
  return `There is no setting called "${key}". Run dmd settings list to see them all.\n`;
}

/**
 * `dmd settings list|set|unset`: the operator's knobs stored in the database (the SCD's
 * channels, alert and content thresholds, naming standards). A value the code would ignore is
 * refused with what is expected, and nothing is changed.
 */
export async function runSettings(options: { dbPath?: string; action: SettingsAction }): Promise<number> {
  const { action } = options;
  if (action.kind !== "list") {
    const spec = findSetting(action.key);
    if (!spec) {
      process.stderr.write(unknownKey(action.key));
      return 1;
    }
    if (action.kind === "set") {
      const problem = spec.check(action.value.trim());
      if (problem) {
        process.stderr.write(
          `${spec.key}: "${action.value}" is not accepted: ${problem}. Nothing was changed.\n`,
        );
        return 1;
      }
    }
  }
  const app = wireApp({ dbPath: options.dbPath });
  try {
    const { db } = app.deps;
    if (action.kind === "list") {
      for (const spec of SETTINGS) {
        const value = getSetting(db, spec.key);
        const shown = value === null ? `(not set: ${spec.whenUnset})` : value;
        process.stdout.write(`${spec.key} = ${shown}\n    ${spec.meaning}\n`);
      }
      return 0;
    }
    const key = action.key.trim().toLowerCase();
    if (action.kind === "set") {
      setSetting(db, key, action.value.trim());
      process.stdout.write(`${key} = ${action.value.trim()}\n`);
      return 0;
    }
    const spec = findSetting(key);
    const removed = deleteSetting(db, key);
    process.stdout.write(
      removed
        ? `${key} removed: ${spec?.whenUnset} applies.\n`
        : `${key} was not set: ${spec?.whenUnset} applies.\n`,
    );
    return 0;
  } finally {
    app.close();
  }
}
