import { DISCORD_LIMITS } from "./limits.ts";

/**
 * What a button or modal of ours does. Every custom id is `dmd:<kind><n>:<command line>`: the
 * command line (without its slash) is what runs, and `n` only keeps ids unique in a message.
 */
export type ActionKind =
  /** Runs the command and shows the answer in place of the message (period switch, next page). */
  | "run"
  /** Runs the command and posts the answer for the whole channel ("Post in channel"). */
  | "public"
  /** Opens a form asking for a period, then runs the command with it. */
  | "ask-period"
  /** The submitted period form. */
  | "period-form"
  /** A content answer (shared, will share, not applicable): opens a form for its details. */
  | "answer"
  /** The submitted answer form: runs the answer and updates the content ping in place. */
  | "answer-form";

const CODES: Record<ActionKind, string> = {
  run: "r",
  public: "p",
  "ask-period": "a",
  "period-form": "f",
  answer: "c",
  "answer-form": "d",
};
const KINDS = new Map(Object.entries(CODES).map(([kind, code]) => [code, kind as ActionKind]));
const PREFIX = "dmd:";
const PATTERN = /^dmd:([a-z])(\d*):([\s\S]*)$/;

/** A decoded custom id. */
export interface DecodedAction {
  kind: ActionKind;
  /** The command line, without the leading slash. */
  line: string;
}

/**
 * The custom id for `line`, or null when it would be longer than Discord allows (100
 * characters): such a button is left out rather than cut, since a cut command would do
 * something else. `n` (from 2) tells apart two buttons that run the same line.
 */
export function encodeAction(kind: ActionKind, line: string, n = 1): string | null {
  const body = line.trim().replace(/^\//, "");
  const id = `${PREFIX}${CODES[kind]}${n > 1 ? n : ""}:${body}`;
  return body !== "" && id.length <= DISCORD_LIMITS.customId ? id : null;
}

/** Reads a custom id made by {@link encodeAction}; null for anything else. */
export function decodeAction(customId: string): DecodedAction | null {
  const match = PATTERN.exec(customId);
  const kind = match?.[1] ? KINDS.get(match[1]) : undefined;
  const line = match?.[3]?.trim();
  return kind && line ? { kind, line } : null;
}
