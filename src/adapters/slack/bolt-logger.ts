import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "../../core/logger.ts";
import { scrubTokens } from "./scrub.ts";

function line(msg: unknown[]): string {
  return scrubTokens(
    msg.map((m) => (m instanceof Error ? m.message : typeof m === "string" ? m : String(m))).join(" "),
  );
}

/**
 * Bolt's logger interface on top of our pino logger. Bolt's debug output dumps whole payloads and
 * connection URLs, so it is dropped: the bot logs what it does itself, without raw bodies.
 */
export function boltLogger(logger: Logger): SlackLogger {
  let name = "bolt";
  return {
    debug: () => {},
    info: (...msg: unknown[]) => logger.info({ lib: name }, line(msg)),
    warn: (...msg: unknown[]) => logger.warn({ lib: name }, line(msg)),
    error: (...msg: unknown[]) => logger.error({ lib: name }, line(msg)),
    setLevel: () => {},
    getLevel: () => {
      if (logger.isLevelEnabled("info")) return LogLevel.INFO;
      if (logger.isLevelEnabled("warn")) return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: (n: string) => {
      name = n;
    },
  };
}
