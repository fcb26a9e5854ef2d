import pino, { type Logger } from "pino";

export type { Logger };

/** Paths that may hold secrets anywhere in a log record; pino replaces their values. */
const REDACT = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
  "signingSecret",
  "*.signingSecret",
  "apiKey",
  "*.apiKey",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "password",
  "*.password",
  "secret",
  "*.secret",
];

/**
 * Creates the one application logger. It writes JSON to stderr (stdout belongs to the console
 * and to `dmd ask`); each part takes a child logger: `logger.child({ part: "slack" })`.
 */
export function createLogger(level: string, destination: pino.DestinationStream | number = 2): Logger {
  const stream =
    typeof destination === "number" ? pino.destination({ fd: destination, sync: true }) : destination;
  return pino({ level, redact: { paths: REDACT, censor: "[redacted]" }, base: { app: "dmd" } }, stream);
}

/** A logger that discards everything (tests that do not look at logs). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
