/**
 * The frame of a CLI command that works on the database: wire the app, run, close, and turn a
 * user error into a message on standard error and exit code 1.
 */
import { isUserError } from "../core/errors.ts";
import { type AppContext, type WireOptions, wireApp } from "../main.ts";

/**
 * Wires the app with `options`, returns what `run` returns with it, and closes the app after.
 * A user error thrown by `run` is reported as {@link reportUserError} does; any other propagates.
 */
export async function withApp(
  options: WireOptions,
  run: (app: AppContext) => number | Promise<number>,
): Promise<number> {
  const app = wireApp(options);
  try {
    return await run(app);
  } catch (err) {
    return reportUserError(err);
  } finally {
    app.close();
  }
}

/** Writes a user error's message to standard error and returns exit code 1; rethrows any other error. */
export function reportUserError(err: unknown): number {
  if (!isUserError(err)) throw err;
  process.stderr.write(`${err.message}\n`);
  return 1;
}
