/**
 * Finding the mission a user means from what they typed: a code (`washington`), a city
 * (`São Paulo`), a country or a name, forgiving accents, case and punctuation.
 */
import { distance } from "fastest-levenshtein";
import { UserError } from "../core/errors.ts";

/** The fields of a mission the lookup reads. */
export interface LookupMission {
  id: number;
  code: string;
  name: string;
  city: string;
  country: string;
}

/** One mission found; several equally good; or none, with the closest ones. */
export type LookupResult<M> =
  | { kind: "found"; mission: M }
  | { kind: "ambiguous"; candidates: M[] }
  | { kind: "none"; suggestions: M[] };

/** How many suggestions a "none" result carries at most. */
const MAX_SUGGESTIONS = 5;
/** A prefix shorter than this never picks a mission by itself ("a" is not "abuja"). */
const MIN_PREFIX = 3;
/** How many candidates the ambiguous message names before "and N more". */
const MAX_NAMED = 10;
/** Longest echo of the user's query in a message. */
const MAX_ECHO = 40;

/** Letters that NFKD does not decompose into a base letter and a mark. */
const FOLD: Record<string, string> = {
  ł: "l",
  ø: "o",
  đ: "d",
  ð: "d",
  æ: "ae",
  œ: "oe",
  ß: "ss",
  ı: "i",
  þ: "th",
};

/**
 * A name reduced for comparison: accents stripped, lower case, apostrophes dropped, any other
 * run of spaces or punctuation made one space. `São Paulo` gives `sao paulo`; `Côte d’Ivoire`,
 * `cote d'ivoire` and `Cote dIvoire` all give `cote divoire`.
 */
export function normalizeName(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[łøđðæœßıþ]/g, (c) => FOLD[c] ?? c)
    .replace(/['’‘`´ʼ]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

interface Keys<M> {
  mission: M;
  code: string;
  city: string;
  country: string;
  name: string;
}

/**
 * Finds the mission `query` means. In order: a code typed exactly (case aside); a normalized
 * code, city, country or name equal to the query, spaces aside (several such missions are
 * "ambiguous", in the order given); a unique prefix (3+ characters) of a code, city or name;
 * otherwise "none" with up to 5 suggestions: prefix and substring matches first, then the
 * closest by edit distance.
 */
export function lookupMission<M extends LookupMission>(query: string, missions: M[]): LookupResult<M> {
  const typed = query.trim().toLowerCase();
  if (typed === "") return { kind: "none", suggestions: [] };
  const byCode = missions.find((m) => m.code.toLowerCase() === typed);
  if (byCode) return { kind: "found", mission: byCode };

  const q = normalizeName(query);
  if (q === "") return { kind: "none", suggestions: [] };
  const keyed: Keys<M>[] = missions.map((m) => ({
    mission: m,
    code: normalizeName(m.code),
    city: normalizeName(m.city),
    country: normalizeName(m.country),
    name: normalizeName(m.name),
  }));

  // Spaces are ignored here so that "Cote d Ivoire" and "newyork" still count as exact.
  const squashed = q.replaceAll(" ", "");
  const exact = keyed.filter((k) =>
    [k.code, k.city, k.country, k.name].some((f) => f === q || f.replaceAll(" ", "") === squashed),
  );
  const [onlyExact] = exact;
  if (exact.length === 1 && onlyExact) return { kind: "found", mission: onlyExact.mission };
  if (exact.length > 1) return { kind: "ambiguous", candidates: exact.map((k) => k.mission) };

  const prefixed =
    q.length >= MIN_PREFIX
      ? keyed.filter((k) => k.code.startsWith(q) || k.city.startsWith(q) || k.name.startsWith(q))
      : [];
  const [onlyPrefixed] = prefixed;
  if (prefixed.length === 1 && onlyPrefixed) return { kind: "found", mission: onlyPrefixed.mission };

  return { kind: "none", suggestions: suggest(q, keyed, new Set(prefixed)) };
}

function suggest<M extends LookupMission>(q: string, keyed: Keys<M>[], prefixed: Set<Keys<M>>): M[] {
  const tolerance = Math.max(1, Math.round(q.length * 0.3));
  const scored: { k: Keys<M>; rank: number; dist: number }[] = [];
  for (const k of keyed) {
    const fields = [k.code, k.city, k.country, k.name];
    const dist = Math.min(...fields.map((f) => distance(q, f)));
    if (prefixed.has(k)) {
      scored.push({ k, rank: 0, dist });
    } else if (
      q.length >= MIN_PREFIX &&
      (fields.some((f) => f.includes(q)) ||
        [k.code, k.city, k.country].some((f) => f.length >= 3 && q.includes(f)))
    ) {
      scored.push({ k, rank: 1, dist });
    } else if (dist <= tolerance) {
      scored.push({ k, rank: 2, dist });
    }
  }
  return scored
    .sort((a, b) => a.rank - b.rank || a.dist - b.dist || a.k.mission.code.localeCompare(b.k.mission.code))
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => s.k.mission);
}

/**
 * The friendly error for a query that did not find exactly one mission:
 * `No mission matches "wash": did you mean washington (Embassy … in Washington)? Type /missions
 * to see them all.` or `"USA" matches 3 missions: washington, new-york, los-angeles. Say which
 * one, e.g. /mission-stats washington.` The echoed query loses control characters and is cut
 * to 40 characters. `command` is the command quoted in the example.
 */
export function missionNotFoundError<M extends LookupMission>(
  query: string,
  result: Exclude<LookupResult<M>, { kind: "found" }>,
  command = "/mission-stats",
): UserError {
  const shown = sanitizeQuery(query);
  if (result.kind === "ambiguous") {
    const codes = result.candidates.map((m) => m.code);
    const named = codes.slice(0, MAX_NAMED).join(", ");
    const more = codes.length > MAX_NAMED ? ` and ${codes.length - MAX_NAMED} more` : "";
    return new UserError(
      "ambiguous_mission",
      `"${shown}" matches ${codes.length} missions: ${named}${more}. Say which one, e.g. ${command} ${codes[0] ?? ""}.`,
      result.candidates.slice(0, MAX_NAMED).map((m) => `${m.code}: ${m.name} (${m.city}, ${m.country})`),
    );
  }
  if (shown === "") {
    return new UserError(
      "unknown_mission",
      `Say which mission, e.g. ${command} followed by a mission code or city. Type /missions to see them all.`,
    );
  }
  if (result.suggestions.length === 0) {
    return new UserError("unknown_mission", `No mission matches "${shown}". Type /missions to see them all.`);
  }
  const options = result.suggestions.map((m) => `${m.code} (${m.name})`);
  const list = options.length === 1 ? options[0] : `${options.slice(0, -1).join(", ")} or ${options.at(-1)}`;
  return new UserError(
    "unknown_mission",
    `No mission matches "${shown}": did you mean ${list}? Type /missions to see them all.`,
  );
}

/** The user's text made safe to echo: no control or format characters, at most 40 characters. */
export function sanitizeQuery(query: string): string {
  const clean = query
    .replace(/[\p{Cc}\p{Cf}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return clean.length > MAX_ECHO ? `${clean.slice(0, MAX_ECHO - 1)}…` : clean;
}
