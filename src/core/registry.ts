import { distance } from "fastest-levenshtein";
import type { Command } from "./command.ts";

/** The chat commands the bot knows, looked up by name or alias. */
export interface Registry {
  /** Every command, in the order given (the order `/help` lists them). */
  list(): Command[];
  /** The command with this name or alias (case-insensitive), if any. */
  get(name: string): Command | undefined;
  /** Longest match of the first one or two words against names and aliases. */
  resolve(words: string[]): { command: Command; consumed: number } | undefined;
  /** Up to three command names close to what was typed (one or two words), best first. */
  suggest(word: string): string[];
}

const WORD = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** Lowercase, single-spaced, without a leading slash: how names and typed words are compared. */
function normalise(name: string): string {
  return name.normalize("NFC").trim().replace(/^\//, "").replace(/\s+/g, " ").toLowerCase();
}

/**
 * Builds the registry; names and aliases are matched lowercase. Refuses, at start, a duplicate name or alias (Hubot's CommandBus rule), a
 * name that chat platforms would reject (one or two words of `a-z 0-9 - _`, at most 32 characters
 * each), and a `positional` list that names keys the schema does not have.
 *
 * @throws Error naming the offending command.
 */
export function createRegistry(commands: Command[]): Registry {
  const byKey = new Map<string, Command>();
  /** Every name and alias, with the canonical name it stands for. */
  const keys: { key: string; name: string }[] = [];

  for (const command of commands) {
    const name = normalise(command.name);
    checkShape(command);
    for (const key of [name, ...(command.aliases ?? []).map(normalise)]) {
      const words = key.split(" ");
      if (words.length > 2 || !words.every((w) => WORD.test(w))) {
        throw new Error(
          `Command /${name}: "${key}" is not a valid name: use one or two words of a-z, 0-9, - and _ (32 characters at most each).`,
        );
      }
      const taken = byKey.get(key);
      if (taken) {
        throw new Error(`Command name or alias "${key}" is used twice: by /${taken.name} and by /${name}.`);
      }
      byKey.set(key, command);
      keys.push({ key, name });
    }
  }

  return {
    list: () => [...commands],
    get: (name) => byKey.get(normalise(name)),
    resolve(words) {
      const first = words[0] === undefined ? "" : normalise(words[0]);
      const second = words[1] === undefined ? "" : normalise(words[1]);
      if (first && second) {
        const two = byKey.get(`${first} ${second}`);
        if (two) return { command: two, consumed: 2 };
      }
      const one = first ? byKey.get(first) : undefined;
      return one ? { command: one, consumed: 1 } : undefined;
    },
    suggest(word) {
      // Names are at most 65 characters: a longer word is no name, and distance() is quadratic.
      const typed = normalise(word).slice(0, 70);
      if (!typed) return [];
      const best = new Map<string, number>();
      for (const { key, name } of keys) {
        const score = closeness(typed, key);
        if (score === null) continue;
        const previous = best.get(name);
        if (previous === undefined || score < previous) best.set(name, score);
      }
      return [...best.entries()]
        .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
        .slice(0, 3)
        .map(([name]) => name);
    },
  };
}

/** Lower is closer; null when `key` is not a plausible meaning of `typed`. */
function closeness(typed: string, key: string): number | null {
  if (typed === key) return 0;
  // "/handle" on its own: every "/handle …" subcommand is what the user is after.
  if (key.startsWith(`${typed} `)) return 1;
  if (typed.length >= 3 && key.startsWith(typed)) return 1;
  const d = distance(typed, key);
  if (d <= Math.max(2, Math.floor(key.length / 4))) return d;
  if (typed.length >= 4 && key.includes(typed)) return 3;
  return null;
}

function checkShape(command: Command): void {
  const shape: Record<string, unknown> | undefined = command.args?.shape;
  if (!shape) throw new Error(`Command /${command.name}: args must be a z.object(...).`);
  const positional: string[] = command.positional ?? [];
  const seen = new Set<string>();
  for (const key of positional) {
    if (!(key in shape))
      throw new Error(`Command /${command.name}: positional "${key}" is not one of its args.`);
    if (seen.has(key)) throw new Error(`Command /${command.name}: positional "${key}" is listed twice.`);
    seen.add(key);
  }
  if (command.restIsText && positional.length === 0) {
    throw new Error(`Command /${command.name}: restIsText needs at least one positional argument.`);
  }
}
