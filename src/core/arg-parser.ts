import type { z } from "zod";
import type { Command } from "./command.ts";
import { UserError } from "./errors.ts";
import { argumentSpecs, usageLine } from "./usage.ts";

/**
 * One word of a command line, as {@link scanTokens} read it. Plain strings are accepted wherever
 * tokens are, so callers that only have words (tests, typed options) need not build these.
 */
export interface ArgToken {
  /** The word with its quotes removed and escapes applied. */
  value: string;
  /** Index in `value` of the first `=` typed outside quotes, or -1 (so `"a=b"` stays a plain word). */
  eq: number;
  /** The whitespace typed before the word; free text keeps its line breaks from it. */
  before: string;
}

/** ASCII double quote: closes only itself, so smart quotes inside it stay as typed. */
const ASCII_DOUBLE = '"';
/** Typographic double quotes (“ ” „ ‟ and fullwidth ＂): any of them closes any other. */
const SMART_DOUBLE = new Set(["\u201C", "\u201D", "\u201E", "\u201F", "\uFF02"]);
/** Single quotes (' ‘ ’ ‚ ‛): they group only at the start of a word, so `d'Ivoire` or `don’t` stay words. */
const SINGLE = new Set(["'", "\u2018", "\u2019", "\u201A", "\u201B"]);

type QuoteClass = "ascii" | "smart" | "single";

function quoteClass(ch: string): QuoteClass | null {
  if (ch === ASCII_DOUBLE) return "ascii";
  if (SMART_DOUBLE.has(ch)) return "smart";
  if (SINGLE.has(ch)) return "single";
  return null;
}

function isSpace(ch: string): boolean {
  return /\s/u.test(ch);
}

/**
 * Splits a command line into words, shell-like: whitespace separates words; `"double"`,
 * `'single'` and “smart” quotes group words (quotes may start mid-word: `region="Middle East"`);
 * inside double quotes a backslash escapes a quote mark or a backslash; outside quotes `\"`
 * is a literal quote mark. A single quote only opens a group at the start of a word (or right
 * after `=`) and only closes one before whitespace, so apostrophes in `Côte d'Ivoire` are text.
 *
 * @throws UserError `bad_quotes` when a quote is opened and never closed.
 */
export function scanTokens(text: string): ArgToken[] {
  const chars = Array.from(text);
  const tokens: ArgToken[] = [];
  let value = "";
  let eq = -1;
  let started = false;
  let before = "";
  let i = 0;

  const push = () => {
    tokens.push({ value, eq, before });
    value = "";
    eq = -1;
    started = false;
    before = "";
  };

  while (i < chars.length) {
    const ch = chars[i] as string;
    if (isSpace(ch)) {
      if (started) push();
      before += ch;
      i++;
      continue;
    }
    const next = chars[i + 1];
    if (ch === "\\" && next !== undefined && (quoteClass(next) !== null || next === "\\")) {
      value += next;
      started = true;
      i += 2;
      continue;
    }
    const cls = quoteClass(ch);
    const atWordStart = !started || value.endsWith("=");
    if (cls !== null && (cls !== "single" || atWordStart)) {
      const close = findClose(chars, i + 1, cls);
      if (close === null) throw unterminated(ch, chars, i);
      value += close.content;
      started = true;
      i = close.end;
      continue;
    }
    if (ch === "=" && eq === -1) eq = value.length;
    value += ch;
    started = true;
    i++;
  }
  if (started) push();
  return tokens;
}

/** The words of a command line (see {@link scanTokens} for the rules). */
export function tokenize(text: string): string[] {
  return scanTokens(text).map((t) => t.value);
}

function findClose(chars: string[], from: number, cls: QuoteClass): { content: string; end: number } | null {
  let content = "";
  for (let j = from; j < chars.length; j++) {
    const c = chars[j] as string;
    if (cls !== "single" && c === "\\") {
      const next = chars[j + 1];
      if (next !== undefined && (quoteClass(next) !== null || next === "\\")) {
        content += next;
        j++;
        continue;
      }
    }
    if (cls === "ascii" && c === ASCII_DOUBLE) return { content, end: j + 1 };
    if (cls === "smart" && SMART_DOUBLE.has(c)) return { content, end: j + 1 };
    if (cls === "single" && SINGLE.has(c)) {
      const after = chars[j + 1];
      if (after === undefined || isSpace(after)) return { content, end: j + 1 };
    }
    content += c;
  }
  return null;
}

function unterminated(quote: string, chars: string[], at: number): UserError {
  const near = displayText(chars.slice(at, at + 24).join(""), 24);
  return new UserError(
    "bad_quotes",
    `There is an opening quote mark (${quote}) with no closing one, near \`${near}\`. Close it after the words it groups, e.g. region="Middle East".`,
    ['To type a quote mark itself, put a backslash before it: \\"'],
  );
}

/**
 * Normalises an option name for matching: `As-Of`, `as_of` and `asof` all match `asOf`, and
 * `captions.fr` or `captions_fr` match `captionsFr`.
 */
function optionKey(name: string): string {
  return name.toLowerCase().replace(/[-_.]/g, "");
}

const OPTION_NAME = /^(?:--)?([A-Za-z][A-Za-z0-9_.-]*)$/;

/**
 * Maps a command's words to raw argument strings: `key=value` (key case-insensitive) sets that
 * key; other words fill the command's `positional` keys in order (skipping keys already given
 * by name); with `restIsText` the last positional takes the remaining words, joined by spaces
 * (line breaks typed between them are kept). Values are cleaned of control characters.
 *
 * @throws UserError `unknown_option`, `duplicate_option` or `unexpected_argument`.
 */
export function parseArgs(command: Command, tokens: readonly (string | ArgToken)[]): Record<string, string> {
  const keys = Object.keys(command.args.shape);
  const byOption = new Map(keys.map((k) => [optionKey(k), k]));
  for (const [alias, key] of Object.entries(command.optionAliases ?? {})) {
    if (keys.includes(key) && !byOption.has(optionKey(alias))) byOption.set(optionKey(alias), key);
  }
  const positional: string[] = command.positional ?? [];
  const restKey = command.restIsText ? positional.at(-1) : undefined;
  const named = new Map<string, string>();
  const bare: ArgToken[] = [];

  for (const item of tokens) {
    const token: ArgToken =
      typeof item === "string" ? { value: item, eq: item.indexOf("="), before: " " } : item;
    if (token.eq > 0) {
      const left = OPTION_NAME.exec(token.value.slice(0, token.eq));
      if (left?.[1]) {
        const key = byOption.get(optionKey(left[1]));
        if (key !== undefined) {
          if (named.has(key)) {
            throw new UserError(
              "duplicate_option",
              `\`${key}\` is given twice. Give it once. Usage: ${usageLine(command)}`,
            );
          }
          named.set(key, cleanValue(token.value.slice(token.eq + 1)));
          continue;
        }
        if (restKey === undefined) {
          const options = keys.length > 0 ? keys.join(", ") : "none";
          throw new UserError(
            "unknown_option",
            `\`${displayText(left[1], 40)}\` is not an option of /${command.name}. Options: ${options}.`,
            [`Usage: ${usageLine(command)}`],
          );
        }
      }
    }
    bare.push(token);
  }

  const raw: Record<string, string> = Object.fromEntries(named);
  const free = positional.filter((k) => !named.has(k));
  for (const [index, key] of free.entries()) {
    if (key === restKey && index === free.length - 1) {
      const words = bare.slice(index);
      if (words.length > 0) raw[key] = joinText(words);
      return raw;
    }
    const token = bare[index];
    if (token !== undefined) raw[key] = cleanValue(token.value);
  }
  const extra = bare[free.length];
  if (extra !== undefined) {
    const takes =
      free.length === 0
        ? "takes no more words here"
        : `takes ${free.length === 1 ? "one word" : `${free.length} words`} (${free.map((k) => `<${k}>`).join(" ")})`;
    throw new UserError(
      "unexpected_argument",
      `/${command.name} ${takes}; \`${displayText(extra.value, 40)}\` is one too many.`,
      [`Usage: ${usageLine(command)}`, 'If a value has spaces, put it in quotes, e.g. "São Paulo".'],
    );
  }
  return raw;
}

function joinText(words: ArgToken[]): string {
  let out = "";
  for (const [index, word] of words.entries()) {
    if (index > 0) {
      const breaks = (word.before.match(/[\n\u2028\u2029]/g) ?? []).length;
      out += breaks > 0 ? "\n".repeat(breaks) : " ";
    }
    out += word.value;
  }
  return cleanText(out).trim();
}

/**
 * Checks raw argument strings against the command's zod schema and returns the typed arguments.
 * The first problem (in argument order) becomes one {@link UserError} `bad_argument` naming the
 * argument, what was given and what was expected, with the usage line.
 */
export function validateArgs<A extends z.ZodObject>(
  command: Command<A>,
  raw: Record<string, string>,
): z.infer<A> {
  const result = command.args.safeParse(raw, { error: () => DEFAULT_MESSAGE });
  if (result.success) return result.data;
  const keys = Object.keys(command.args.shape);
  const issues = [...result.error.issues].sort((a, b) => rank(keys, a) - rank(keys, b));
  const issue = issues[0];
  const usage = `Usage: ${usageLine(command)}`;
  const example = command.examples[0];
  const hints = example ? [`Example: /${example}`] : [];
  const key = typeof issue?.path[0] === "string" ? issue.path[0] : undefined;
  if (!issue || key === undefined) {
    const why =
      issue && issue.message !== DEFAULT_MESSAGE ? issue.message : "these arguments do not fit together";
    throw new UserError("bad_argument", `${capitalise(why)}. ${usage}`, hints);
  }
  const spec = argumentSpecs(command).find((s) => s.name === key);
  const given = raw[key];
  if (given === undefined) {
    const what = spec?.description ? `: ${spec.description.replace(/\.$/, "")}` : "";
    throw new UserError("bad_argument", `Missing ${key}${what}. ${usage}`, hints);
  }
  const shown = given === "" ? "An empty value" : `\`${displayText(given, 40)}\``;
  throw new UserError(
    "bad_argument",
    `${shown} is not a valid ${key}: ${expected(issue, spec?.choices ?? null)}. ${usage}`,
    hints,
  );
}

/** Marks zod's own messages, so a command's custom message can be told apart and shown as is. */
const DEFAULT_MESSAGE = "\u0000default";

function rank(keys: string[], issue: z.core.$ZodIssue): number {
  const key = issue.path[0];
  const index = typeof key === "string" ? keys.indexOf(key) : -1;
  return index === -1 ? keys.length : index;
}

function expected(issue: z.core.$ZodIssue, choices: string[] | null): string {
  if (issue.message !== DEFAULT_MESSAGE) return issue.message;
  if ((issue.code === "invalid_value" || issue.code === "invalid_union") && choices) {
    return `expected one of ${choices.join(", ")}`;
  }
  switch (issue.code) {
    case "invalid_value":
      return `expected one of ${issue.values.map(String).join(", ")}`;
    case "invalid_type":
      return `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case "too_small":
      return issue.origin === "string"
        ? Number(issue.minimum) <= 1
          ? "it cannot be empty"
          : `expected at least ${issue.minimum} characters`
        : `expected ${issue.inclusive ? "at least" : "more than"} ${issue.minimum}`;
    case "too_big":
      return issue.origin === "string"
        ? `expected at most ${issue.maximum} characters`
        : `expected ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}`;
    case "invalid_format":
      return `expected ${FORMAT_WORDS[issue.format] ?? `a value in the right form (${issue.format})`}`;
    case "not_multiple_of":
      return `expected a multiple of ${issue.divisor}`;
    default:
      return "it is not accepted here";
  }
}

const TYPE_WORDS: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "yes or no",
  date: "a date like 2026-03-01",
  string: "some text",
};

const FORMAT_WORDS: Record<string, string> = {
  url: "a web address starting with https://",
  email: "an email address",
  date: "a date like 2026-03-01",
  datetime: "a date and time like 2026-03-01T09:00:00Z",
  regex: "a value in the right form",
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Removes control characters (keeping line breaks and tabs), replaces broken surrogate halves
 * with U+FFFD, and composes accents (NFC), so `é` typed either way matches.
 */
export function cleanText(text: string): string {
  let out = "";
  for (const ch of text.replace(/\r\n?/g, "\n")) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0x09 || code === 0x0a) out += ch;
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) continue;
    else if (code >= 0xd800 && code <= 0xdfff) out += "\uFFFD";
    else out += ch;
  }
  return out.normalize("NFC");
}

/** A single-line argument value: cleaned, line breaks and tabs turned into spaces, trimmed. */
function cleanValue(text: string): string {
  return cleanText(text)
    .replace(/[\t\n\u2028\u2029]/g, " ")
    .trim();
}

/**
 * Text from the user, made safe to repeat in a message: one line, no control characters,
 * backticks or bidirectional overrides (which could turn the rest of our message around), at
 * most `max` characters (with `…` when cut).
 */
export function displayText(text: string, max = 40): string {
  const flat = cleanValue(text)
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, "")
    .replace(/`/g, "'");
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : flat;
}
