import { DateTime } from "luxon";
import { type AuditOutcome, writeAudit } from "../db/repos/audit-repo.ts";
import { getMembership } from "../db/repos/members-repo.ts";
import type { Role } from "../db/schema.ts";
import { cleanText, displayText, parseArgs, scanTokens, validateArgs } from "./arg-parser.ts";
import type { Caller, ChannelRef, Command, CommandResult, Context, Deps, Membership } from "./command.ts";
import { isUserError, UserError } from "./errors.ts";
import { apologyReply, newErrorId } from "./failure.ts";
import type { Registry } from "./registry.ts";
import { type Reply, reply } from "./reply.ts";
import { hasRole } from "./roles.ts";
import { usageLine } from "./usage.ts";

/** One command line typed by someone, as an adapter hands it in. */
export interface DispatchRequest {
  /** The command line, e.g. `/mission-stats washington 7d` (the leading slash is optional). */
  text: string;
  caller: Caller;
  channel?: ChannelRef;
  /** `YYYY-MM-DD` from `--as-of`. */
  asOf?: string;
}

/** How a command line ended: a result, a problem the user can fix, or our failure (with its id). */
export type DispatchOutcome =
  | { status: "ok"; command: string; result: CommandResult }
  | { status: "user_error"; command?: string; error: UserError; reply: Reply }
  | { status: "internal_error"; command?: string; errorId: string; reply: Reply };

/** Runs command lines against a registry. {@link Dispatcher.run} never throws. */
export interface Dispatcher {
  registry: Registry;
  run(request: DispatchRequest): Promise<DispatchOutcome>;
}

/** The longest command line accepted, in characters. */
export const MAX_INPUT_LENGTH = 4000;

/**
 * Creates the dispatcher: it finds the command, checks the caller's role, parses and validates
 * the arguments, runs the command and audits changing commands. A {@link UserError} becomes a
 * warning shown only to the caller; any other error is logged with a short id and the user gets
 * an apology carrying that id, never a stack trace.
 */
export function createDispatcher(registry: Registry, deps: Deps): Dispatcher {
  return {
    registry,
    async run(request) {
      try {
        return await dispatch(registry, deps, request);
      } catch (err) {
        // dispatch() handles its own errors; this is the last guard of the "never throws" promise.
        return internalError(deps, err, undefined);
      }
    },
  };
}

type Stage = "finding" | "checking" | "parsing" | "running";

async function dispatch(registry: Registry, deps: Deps, request: DispatchRequest): Promise<DispatchOutcome> {
  let command: Command | undefined;
  let stage: Stage = "finding";
  let argText = "";
  const actor = `${request.caller.platform}:${request.caller.userId}`;
  const audit = (name: string, outcome: AuditOutcome, details: Record<string, unknown>) =>
    writeAudit(deps.db, { at: deps.clock.now().toISOString(), actor, command: name, outcome, details });

  try {
    const text = typeof request.text === "string" ? request.text : "";
    if (text.length > MAX_INPUT_LENGTH) {
      throw new UserError(
        "too_long",
        `That is too long: ${text.length.toLocaleString("en-US")} characters, and a command can have at most ${MAX_INPUT_LENGTH.toLocaleString("en-US")}. Please shorten it.`,
      );
    }
    if (request.asOf !== undefined) checkAsOf(request.asOf);
    const body = cleanText(text).trim().replace(/^\//, "").trimStart();
    if (!body) {
      throw new UserError(
        "empty_command",
        "Type a command after the slash, for example /mission-stats washington.",
        ["Type /help to see every command."],
      );
    }

    const words = /^(\S+)(?:(\s+)(\S+))?/u.exec(body);
    const first = words?.[1] ?? "";
    const second = words?.[3];
    const found = registry.resolve(second === undefined ? [first] : [first, second]);
    if (!found) throw unknownCommand(registry, first, second);
    command = found.command;
    const consumedLength = found.consumed === 2 ? (words?.[0].length ?? 0) : first.length;
    argText = body.slice(consumedLength);

    stage = "checking";
    const member = getMembership(deps.db, request.caller);
    if (!hasRole(member.role, command.minRole)) {
      audit(command.name, "denied", {
        role: member.role,
        needs: command.minRole,
        input: displayText(argText, 200),
      });
      throw forbidden(command, member);
    }

    stage = "parsing";
    const tokens = scanTokens(argText);
    const args = validateArgs(command, parseArgs(command, tokens));

    stage = "running";
    const ctx: Context = {
      deps,
      caller: request.caller,
      member,
      channel: request.channel,
      asOf: request.asOf,
      audit: (action, details) => audit(action, "ok", details),
    };
    const result = await command.execute(args, ctx);
    if (!result || typeof result !== "object" || !result.reply) {
      throw new Error(`Command /${command.name} returned no reply`);
    }
    if (command.mutates) {
      try {
        audit(command.name, "ok", { args: redact(args) });
      } catch (err) {
        // The change is made; the user is told so. A lost audit line is our problem, and logged.
        safeLog(deps, { err, command: command.name }, "could not write the audit entry");
      }
    }
    return { status: "ok", command: command.name, result };
  } catch (err) {
    if (isUserError(err)) {
      const error = withUsage(err, command);
      // A command's own access check (e.g. another mission's handle) is a denial like the role check.
      const denied = error.code === "forbidden" && stage === "running";
      if (denied || (command?.mutates && (stage === "parsing" || stage === "running"))) {
        tryAudit(deps, () =>
          audit(command?.name ?? "", denied ? "denied" : "rejected", {
            code: error.code,
            input: displayText(argText, 300),
          }),
        );
      }
      safeDebug(deps, { command: command?.name, code: error.code });
      return { status: "user_error", command: command?.name, error, reply: userErrorReply(error) };
    }
    const outcome = internalError(deps, err, command?.name);
    if (command?.mutates && stage === "running") {
      tryAudit(deps, () => audit(command?.name ?? "", "error", { errorId: outcome.errorId }));
    }
    return outcome;
  }
}

function checkAsOf(asOf: string): void {
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(asOf) && DateTime.fromISO(asOf, { zone: "UTC" }).isValid;
  if (!ok) {
    throw new UserError(
      "bad_as_of",
      `--as-of must be a date like 2026-03-01; \`${displayText(asOf, 40)}\` is not one.`,
    );
  }
}

function unknownCommand(registry: Registry, first: string, second: string | undefined): UserError {
  const prefix = `${first.toLowerCase()} `;
  const group = registry.list().filter((c) => c.name.toLowerCase().startsWith(prefix));
  const suggestions = [
    ...new Set([
      ...(second === undefined ? [] : registry.suggest(`${first} ${second}`)),
      ...registry.suggest(first),
    ]),
  ].slice(0, 3);
  const helpHint = "Type /help to see every command.";
  const groupNames = orList(group.slice(0, 6).map((c) => `/${c.name}`));
  if (group.length > 0 && second === undefined) {
    return new UserError("unknown_command", `/${displayText(first)} needs one more word: ${groupNames}.`, [
      helpHint,
    ]);
  }
  const typed = group.length > 0 ? `${first} ${second}` : first;
  // A group's first word always suggests its subcommands, so a typo in the second word is covered.
  const hints =
    suggestions.length > 0
      ? [`Did you mean ${orList(suggestions.map((s) => `/${s}`))}?`, helpHint]
      : [helpHint];
  return new UserError("unknown_command", `/${displayText(typed)} is not a command.`, hints);
}

function orList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

const AUDIENCE: Record<Role, string> = {
  admin: "admins",
  scd: "SCD staff and admins",
  mission_officer: "mission officers, SCD staff and admins",
  viewer: "everyone",
};

function forbidden(command: Command, member: Membership): UserError {
  const you =
    member.role === "admin"
      ? "an admin"
      : member.role === "scd"
        ? "SCD staff"
        : member.role === "mission_officer"
          ? `a mission officer${member.missionCode ? ` for ${member.missionCode}` : ""}`
          : "a viewer";
  return new UserError(
    "forbidden",
    `/${command.name} is for ${AUDIENCE[command.minRole]}. You are ${you}. Ask an admin to give you access: /access grant …`,
  );
}

/** A quote problem is found before the command's own checks; it still deserves the usage line. */
function withUsage(err: UserError, command: Command | undefined): UserError {
  if (!command || err.code !== "bad_quotes") return err;
  return new UserError(err.code, err.message, [...err.hints, `Usage: ${usageLine(command)}`]);
}

function userErrorReply(error: UserError): Reply {
  const text = [error.message, ...error.hints].join("\n");
  return reply([{ type: "text", text, tone: "warning" }], { ephemeral: true, fallback: error.message });
}

function internalError(
  deps: Deps,
  err: unknown,
  command: string | undefined,
): Extract<DispatchOutcome, { status: "internal_error" }> {
  const errorId = newErrorId();
  safeLog(deps, { err, errorId, command }, "command failed");
  return { status: "internal_error", command, errorId, reply: apologyReply(errorId) };
}

const SECRET_KEY = /token|secret|password|passwd|api_?key|credential/i;

/** Arguments as audited: values of secret-looking keys are replaced. */
function redact(args: unknown): unknown {
  if (args === null || typeof args !== "object" || Array.isArray(args)) return args;
  return Object.fromEntries(
    Object.entries(args).map(([key, value]) => [key, SECRET_KEY.test(key) ? "[redacted]" : value]),
  );
}

function tryAudit(deps: Deps, write: () => void): void {
  try {
    write();
  } catch (err) {
    safeLog(deps, { err }, "could not write the audit entry");
  }
}

function safeLog(deps: Deps, fields: Record<string, unknown>, message: string): void {
  try {
    deps.logger.error(fields, message);
  } catch {
    // Nothing left to tell: the logger itself failed.
  }
}

function safeDebug(deps: Deps, fields: Record<string, unknown>): void {
  try {
    deps.logger.debug(fields, "user error");
  } catch {
    // A debug line is not worth failing a reply for.
  }
}
