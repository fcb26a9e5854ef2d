import { z } from "zod";
import type { Command } from "./command.ts";

/** What the usage line, `/help` and Discord's typed options need to know about one argument. */
export interface ArgumentSpec {
  name: string;
  /** From `.describe()`; empty when the command gave none. */
  description: string;
  required: boolean;
  /** True when it may be given as a bare word (it is in the command's `positional`). */
  positional: boolean;
  /** The accepted values, for an enum or a union of literals; null for free values. */
  choices: string[] | null;
}

/** The parts of a zod definition this file looks at; everything else is left alone. */
interface DefView {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  entries?: Record<string, unknown>;
  values?: unknown[];
  options?: z.core.$ZodType[];
  defaultValue?: unknown;
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"]);

function defOf(schema: z.core.$ZodType): DefView {
  return schema._zod.def as DefView;
}

/** Walks through optional/default/pipe wrappers to the schema that checks the typed text. */
function inspect(schema: z.core.$ZodType): {
  core: z.core.$ZodType;
  description: string;
  defaultValue: unknown;
} {
  let current = schema;
  let description = "";
  let defaultValue: unknown;
  for (let depth = 0; depth < 20; depth++) {
    if (!description) description = z.globalRegistry.get(current)?.description ?? "";
    const def = defOf(current);
    if ((def.type === "default" || def.type === "prefault") && defaultValue === undefined) {
      defaultValue = def.defaultValue;
    }
    const next = WRAPPERS.has(def.type) ? def.innerType : def.type === "pipe" ? def.in : undefined;
    if (!next) break;
    current = next;
  }
  return { core: current, description, defaultValue };
}

function choicesOf(schema: z.core.$ZodType, depth = 0): string[] | null {
  if (depth > 10) return null;
  const { core } = inspect(schema);
  const def = defOf(core);
  if (def.type === "enum" && def.entries) {
    return Object.values(def.entries).filter(isChoice).map(String);
  }
  if (def.type === "literal" && def.values) {
    const values = def.values.filter(isChoice).map(String);
    return values.length > 0 ? values : null;
  }
  if (def.type === "union" && def.options) {
    const all: string[] = [];
    for (const option of def.options) {
      const some = choicesOf(option, depth + 1);
      if (!some) return null;
      all.push(...some);
    }
    return [...new Set(all)];
  }
  return null;
}

function isChoice(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** Every argument of a command, in declaration order, derived from its zod schema. */
export function argumentSpecs(command: Command): ArgumentSpec[] {
  const positional: string[] = command.positional ?? [];
  return Object.entries(command.args.shape).map(([name, schema]) => {
    const field = schema as z.core.$ZodType;
    return {
      name,
      description: inspect(field).description,
      required: field._zod.optin === undefined,
      positional: positional.includes(name),
      choices: choicesOf(field),
    };
  });
}

/**
 * The one-line usage, e.g. `/handle add <mission> <platform> <handle> [url]`: required `<…>`,
 * optional `[…]`, free text `<text…>`, and keys that can only be named as `[key=…]`.
 */
export function usageLine(command: Command): string {
  const specs = argumentSpecs(command);
  const order: string[] = command.positional ?? [];
  const restKey = command.restIsText ? order.at(-1) : undefined;
  const parts = [`/${command.name}`];
  for (const name of order) {
    const spec = specs.find((s) => s.name === name);
    if (!spec) continue;
    const label = name === restKey ? `${name}…` : name;
    parts.push(spec.required ? `<${label}>` : `[${label}]`);
  }
  for (const spec of specs) {
    if (spec.positional) continue;
    parts.push(spec.required ? `<${spec.name}=…>` : `[${spec.name}=…]`);
  }
  return parts.join(" ");
}

/**
 * The lines of `/help <command>`: summary, usage, other names, each argument with its
 * description, choices and default, and the worked examples.
 */
export function helpText(command: Command): string[] {
  const lines = [command.summary, `Usage: ${usageLine(command)}`];
  if (command.aliases && command.aliases.length > 0) {
    lines.push(`Also: ${command.aliases.map((a) => `/${a}`).join(", ")}`);
  }
  const specs = argumentSpecs(command);
  if (specs.length > 0) {
    lines.push("Arguments:");
    for (const spec of specs) {
      const shape = command.args.shape[spec.name] as z.core.$ZodType;
      const fallback = inspect(shape).defaultValue;
      const flags = [spec.required ? "required" : "optional"];
      if (isChoice(fallback)) flags.push(`default ${String(fallback)}`);
      const label = spec.positional ? spec.name : `${spec.name}=…`;
      let line = `• ${label} (${flags.join(", ")})`;
      if (spec.description) line += `: ${spec.description}`;
      if (spec.choices) {
        const joint = !spec.description ? ":" : /[.!?]$/.test(spec.description) ? "" : ".";
        line += `${joint} One of: ${spec.choices.join(", ")}`;
      }
      lines.push(line);
    }
  }
  if (command.examples.length > 0) {
    lines.push("Examples:");
    for (const example of command.examples) lines.push(`• /${example.replace(/^\//, "")}`);
  }
  return lines;
}
