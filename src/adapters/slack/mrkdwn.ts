/**
 * Text helpers for Slack's `mrkdwn`: escaping, and cutting or splitting escaped text without
 * breaking an entity (`&amp;`) or a surrogate pair.
 */

/**
 * Escapes the three characters Slack treats as control characters in `mrkdwn`, so that text a
 * user or an LLM wrote can never become `<!channel>`, `<!here>`, `<@U…>` or a disguised link
 * `<http://x|y>`: it is shown exactly as written.
 */
export function escapeSlackText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Where `s` may be cut at or before `max` without splitting an entity or a surrogate pair. */
function safeCut(s: string, max: number, entities = true): number {
  let cut = Math.max(0, Math.min(max, s.length));
  const code = s.charCodeAt(cut - 1);
  if (cut > 0 && cut < s.length && code >= 0xd800 && code <= 0xdbff) cut -= 1;
  if (!entities) return cut;
  const amp = s.lastIndexOf("&", cut - 1);
  if (amp >= 0 && cut - amp < 6 && s.indexOf(";", amp) >= cut) cut = amp;
  return cut;
}

/**
 * Shortens already escaped text to at most `max` characters, ending with "…" when cut.
 */
export function truncateEscaped(s: string, max: number): string {
  if (s.length <= max) return s;
  return `${s.slice(0, safeCut(s, max - 1))}…`;
}

/** Shortens plain (unescaped) text to at most `max` characters, ending with "…" when cut. */
export function truncatePlain(s: string, max: number): string {
  if (s.length <= max) return s;
  return `${s.slice(0, safeCut(s, max - 1, false))}…`;
}

/**
 * Splits escaped text into pieces of at most `max` characters, preferring line breaks, then
 * spaces, so that each piece can be its own section.
 */
export function splitEscaped(s: string, max: number): string[] {
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
