/**
 * Text helpers for Slack's `mrkdwn`: escaping, and cutting or splitting escaped text without
 * breaking an entity (`&amp;`) or a surrogate pair.
 */
import { cutAt, splitAt, surrogateSafeCut } from "../shared/chat-text.ts";

/**
 * Escapes the three characters Slack treats as control characters in `mrkdwn`, so that text a
 * user or an LLM wrote can never become `<!channel>`, `<!here>`, `<@U…>` or a disguised link
 * `<http://x|y>`: it is shown exactly as written.
 */
export function escapeSlackText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Where escaped `s` may be cut at or before `max` without splitting an entity or a surrogate pair. */
function entitySafeCut(s: string, max: number): number {
  let cut = surrogateSafeCut(s, max);
  const amp = s.lastIndexOf("&", cut - 1);
  if (amp >= 0 && cut - amp < 6 && s.indexOf(";", amp) >= cut) cut = amp;
  return cut;
}

/**
 * Shortens already escaped text to at most `max` characters, ending with "…" when cut.
 */
export function truncateEscaped(s: string, max: number): string {
  return cutAt(s, max, entitySafeCut);
}

/** Shortens plain (unescaped) text to at most `max` characters, ending with "…" when cut. */
export function truncatePlain(s: string, max: number): string {
  return cutAt(s, max, surrogateSafeCut);
}

/**
 * Splits escaped text into pieces of at most `max` characters, preferring line breaks, then
 * spaces, so that each piece can be its own section.
 */
export function splitEscaped(s: string, max: number): string[] {
  return splitAt(s, max, entitySafeCut);
}
