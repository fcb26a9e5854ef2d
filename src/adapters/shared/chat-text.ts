/**
 * Plain-text helpers every chat renderer shares: cutting and splitting text where the
 * platform's escaping allows (never inside an escape or an entity, never between the halves of
 * a surrogate pair), and keeping text inside a code block.
 */

/** Where text may be cut: the largest index at or before `max` that leaves nothing half-written. */
export type SafeCut = (s: string, max: number) => number;

/** Where `s` may be cut at or before `max` without splitting a surrogate pair. */
export function surrogateSafeCut(s: string, max: number): number {
  let cut = Math.max(0, Math.min(max, s.length));
  const code = s.charCodeAt(cut - 1);
  if (cut > 0 && cut < s.length && code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut;
}

/** Shortens `s` to at most `max` characters where `safeCut` allows, ending with "…" when cut. */
export function cutAt(s: string, max: number, safeCut: SafeCut): string {
  if (s.length <= max) return s;
  return `${s.slice(0, safeCut(s, max - 1))}…`;
}

/**
 * Splits `s` into pieces of at most `max` characters, preferring line breaks, then spaces, and
 * otherwise where `safeCut` allows, so that each piece can stand on its own.
 */
export function splitAt(s: string, max: number, safeCut: SafeCut): string[] {
  const pieces: string[] = [];
  let rest = s;
  while (rest.length > max) {
    const hard = safeCut(rest, max);
    const window = rest.slice(0, hard);
    const newline = window.lastIndexOf("\n");
    const space = window.lastIndexOf(" ");
    const at = newline > max / 2 ? newline : space > max / 2 ? space : hard;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).replace(/^[\n ]+/, "");
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** Text for inside a code block: a backtick could close the block early, so it becomes `ˋ`. */
export function codeSafe(s: string): string {
  return s.replace(/`/g, "ˋ");
}
