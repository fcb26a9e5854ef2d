import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const BIN = resolve(import.meta.dirname, "../../bin/dmd.js");

/** What a spawned `dmd` printed and how it exited. */
export interface DmdRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Extras for {@link spawnDmd}. */
export interface SpawnOptions {
  /** Added to the environment. */
  env?: Record<string, string>;
  /** Typed on standard input (for the console). */
  input?: string;
  timeoutMs?: number;
}

/** Runs the real `dmd` in a child process on the database at `dbPath`, with logs silenced. */
export function spawnDmd(dbPath: string, args: string[], options: SpawnOptions = {}): DmdRun {
  const result = spawnSync(process.execPath, [BIN, "--db", dbPath, ...args], {
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "silent", ...options.env },
    input: options.input,
    timeout: options.timeoutMs ?? 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
