import type { z } from "zod";
import type { AppConfig } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { Role } from "../db/schema.ts";
import type { Summarizer } from "../llm/types.ts";
import type { Clock } from "./clock.ts";
import type { Logger } from "./logger.ts";
import type { Reply } from "./reply.ts";

/** Who runs a command: a chat user, the console operator, or a job. */
export interface Caller {
  platform: "slack" | "discord" | "console";
  userId: string;
  displayName?: string;
}

/** The caller's membership, as the dispatcher resolved it. Unknown users are viewers. */
export interface Membership {
  role: Role;
  /** For a mission_officer, the mission they answer for. */
  missionId: number | null;
  /** The mission's code, for messages. */
  missionCode: string | null;
}

/** Where a command was typed. */
export interface ChannelRef {
  platform: Caller["platform"];
  id: string;
}

/**
 * The services a command may use. Passed in (never global), so tests hand in their own:
 * a real SQLite database, a fixed clock, a silent logger.
 */
export interface Deps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: AppConfig;
  /** Writes trend reports with the LLM; absent when no LLM is set up (`OPENAI_API_KEY`). */
  summarizer?: Summarizer;
}

/** Everything a command knows about one invocation. */
export interface Context {
  deps: Deps;
  caller: Caller;
  member: Membership;
  channel?: ChannelRef;
  /** `YYYY-MM-DD` given by `--as-of`; otherwise each mission's yesterday. */
  asOf?: string;
  /**
   * Records what a changing command did, in the audit log, attributed to the caller.
   * The dispatcher also records denials and rejected input on its own.
   */
  audit(action: string, details: Record<string, unknown>): void;
}

/** What a command returns: the reply people see, and the data `dmd ask --json` prints. */
export interface CommandResult {
  reply: Reply;
  data?: unknown;
}

/**
 * One chat command. Its `args` schema is the single source of truth: the text parser, the
 * help text and (later) Discord's typed options are all derived from it.
 *
 * Names may have two words (`handle add`): chat platforms show them as a command with a
 * subcommand.
 */
export interface Command<A extends z.ZodObject = z.ZodObject> {
  name: string;
  aliases?: string[];
  /** One line for `/help`. */
  summary: string;
  /** Worked examples, without the leading slash, e.g. `mission-stats washington 7d`. */
  examples: string[];
  /** Arguments; keys in declaration order. Use `.describe()` on each for help text. */
  args: A;
  /** Keys that may be given as bare words, in order; all keys may be given as `key=value`. */
  positional?: (keyof z.infer<A> & string)[];
  /** The last positional argument swallows the remaining words (free text). */
  restIsText?: boolean;
  /**
   * Other names a `key=value` option may be typed with, e.g. `{ captionFr: "captionsFr" }`,
   * matched like the keys themselves (case, `-`, `_` and `.` aside). Not shown in help.
   */
  optionAliases?: Record<string, keyof z.infer<A> & string>;
  /** The least role that may run the command (`viewer` = everyone). */
  minRole: Role;
  /** True when the command changes stored data: every run is audited. */
  mutates?: boolean;
  execute(args: z.infer<A>, ctx: Context): Promise<CommandResult> | CommandResult;
}

/** Helper that keeps a command's argument types while checking it against {@link Command}. */
export function defineCommand<A extends z.ZodObject>(command: Command<A>): Command<A> {
  return command;
}
