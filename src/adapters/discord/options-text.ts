import type { Command } from "../../core/command.ts";

/** Characters that make a value need quotes on a command line (see `scanTokens`). */
const PLAIN_VALUE = /^[^\s"'\\\u2018-\u201F\uFF02=]+$/u;

/**
 * A value as the command-line parser reads it back unchanged: bare when it is one plain word,
 * otherwise in double quotes with `\` and `"` escaped by a backslash.
 */
export function quoteValue(value: string): string {
  if (PLAIN_VALUE.test(value)) return value;
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** Discord's name for an argument: lowercase, `asOf` becomes `as_of` (the parser matches either). */
export function optionName(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/**
 * Rebuilds the command line for typed options: `/handle add mission=washington platform=x
 * handle="Arcadia In USA"`. Every value is given by name, so order and positional rules do not
 * matter, and quoted so that spaces, quote marks and `=` arrive exactly as typed. Values are keyed
 * by argument name (not Discord's option name); empty ones are left out.
 */
export function commandLineFromOptions(command: Command, values: ReadonlyMap<string, string>): string {
  const parts = [`/${command.name}`];
  for (const key of Object.keys(command.args.shape)) {
    const value = values.get(key);
    if (value === undefined || value.trim() === "") continue;
    parts.push(`${key}=${quoteValue(value)}`);
  }
  return parts.join(" ");
}
