/**
 * A mission's working language, as the registry and `/trends` read it: an ISO 639 code such as
 * `fr`, `ar`, `es` or `ur`. Names come from the runtime's ICU data, so any language it knows is
 * accepted without a list of our own.
 */

/** The language every report is written in, besides a mission's working language. */
export const ENGLISH = "en";

const CODE = /^[a-z]{2,3}$/;

function displayName(code: string, inLanguage: string): string | undefined {
  try {
    return new Intl.DisplayNames([inLanguage], { type: "language", fallback: "none" }).of(code);
  } catch {
    return undefined;
  }
}

/**
 * The canonical form of a language code (`FR ` gives `fr`), or null when it is not a language
 * code the runtime knows (two or three letters, e.g. `fr`, `ar`, `fil`).
 */
export function normalizeLanguage(code: string): string | null {
  const c = code.trim().toLowerCase();
  if (!CODE.test(c)) return null;
  return displayName(c, ENGLISH) === undefined ? null : c;
}

/** The language's name in English ("French" for `fr`); the code itself when unknown. */
export function languageName(code: string): string {
  return displayName(code, ENGLISH) ?? code;
}

/** The language's name in itself ("français" for `fr`); the English name when unknown. */
export function nativeLanguageName(code: string): string {
  return displayName(code, code) ?? languageName(code);
}

/**
 * The languages a report is written in for a mission: its working language first (when it has
 * one other than English), then English.
 */
export function reportLanguages(working: string | null | undefined): string[] {
  const code = working ? normalizeLanguage(working) : null;
  return code && code !== ENGLISH ? [code, ENGLISH] : [ENGLISH];
}
