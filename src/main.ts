import { allCommands } from "../commands/index.ts";
import { type AppConfig, loadConfig } from "./config.ts";
import { type Clock, systemClock } from "./core/clock.ts";
import type { Caller, Deps } from "./core/command.ts";
import { createDispatcher, type Dispatcher } from "./core/dispatch.ts";
import { createLogger, type Logger } from "./core/logger.ts";
import { createRegistry } from "./core/registry.ts";
import { type Db, openDb } from "./db/client.ts";
import { createSummarizer } from "./llm/summarizer.ts";

/** The wired application: everything a front end (console, Slack, Discord, `dmd ask`) needs. */
export interface AppContext {
  config: AppConfig;
  deps: Deps;
  dispatcher: Dispatcher;
  close(): void;
}

/** What the CLI may override when wiring the app. */
export interface WireOptions {
  dbPath?: string;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  logger?: Logger;
}

/**
 * Wires config -> db -> deps -> command registry -> dispatcher. Owns nothing else: adapters and
 * the scheduler are started by the CLI from what this returns.
 */
export function wireApp(options: WireOptions = {}): AppContext {
  const config = loadConfig(options.env ?? process.env, { dbPath: options.dbPath });
  const logger = options.logger ?? createLogger(config.logLevel);
  const db: Db = openDb(config.dbPath);
  const { apiKey, baseUrl, model } = config.openai;
  const deps: Deps = {
    db,
    clock: options.clock ?? systemClock,
    logger,
    config,
    ...(apiKey ? { summarizer: createSummarizer({ apiKey, baseUrl, model, logger }) } : {}),
  };
  const dispatcher = createDispatcher(createRegistry(allCommands()), deps);
  return {
    config,
    deps,
    dispatcher,
    close: () => db.$client.close(),
  };
}

/** The operator at this machine's console: the console is trusted as an administrator. */
export function consoleCaller(userName: string): Caller {
  return { platform: "console", userId: userName || "local", displayName: userName || "local" };
}
