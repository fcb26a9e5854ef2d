import { allCommands } from "../../commands/index.ts";
import { loadConfig } from "../../src/config.ts";
import { fixedClock } from "../../src/core/clock.ts";
import type { Caller, Deps } from "../../src/core/command.ts";
import { createDispatcher, type DispatchOutcome } from "../../src/core/dispatch.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { createRegistry } from "../../src/core/registry.ts";
import type { Db } from "../../src/db/client.ts";

/** The console operator, an administrator. */
export const OPERATOR: Caller = { platform: "console", userId: "tester" };

/** The real registry and dispatcher over `db`, with a fixed clock (default 2026-11-27 12:00Z). */
export function testDispatcher(db: Db, options: { now?: string; env?: NodeJS.ProcessEnv } = {}) {
  const deps: Deps = {
    db,
    clock: fixedClock(options.now ?? "2026-11-27T12:00:00Z"),
    logger: silentLogger(),
    config: loadConfig({ DMD_TIMEZONE: "Europe/Athens", ...options.env }, { dbPath: ":memory:" }),
  };
  const dispatcher = createDispatcher(createRegistry(allCommands()), deps);
  return {
    deps,
    dispatcher,
    /** Runs a command line and returns the outcome. */
    run(text: string, caller: Caller = OPERATOR, asOf?: string): Promise<DispatchOutcome> {
      return dispatcher.run({ text, caller, asOf });
    },
    /** Runs a command that must succeed and returns its data. */
    async data<T = Record<string, unknown>>(
      text: string,
      caller: Caller = OPERATOR,
      asOf?: string,
    ): Promise<T> {
      const outcome = await dispatcher.run({ text, caller, asOf });
      if (outcome.status !== "ok") {
        const detail = outcome.status === "user_error" ? outcome.error.message : outcome.errorId;
        throw new Error(`${text} failed: ${outcome.status}: ${detail}`);
      }
      return outcome.result.data as T;
    },
  };
}
