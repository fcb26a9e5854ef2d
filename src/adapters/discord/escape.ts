/**
 * Text helpers for Discord markdown: escaping text that users, platforms or an LLM wrote, and
 * cutting or splitting escaped text without leaving half an escape or half a surrogate pair.
 */
import { cutAt, splitAt, surrogateSafeCut } from "../shared/chat-text.ts";

/** The zero-width space that keeps `@everyone` from being read as a mention. */
const ZWSP = "\u200B";

/** A web address as Discord links it; kept as typed, since a backslash inside would break the link. */
const WEB_ADDRESS = /https?:\/\/[^\s<>]+/g;

/** Characters that mean something to Discord's markdown anywhere in a line. */
const INLINE = /[\\*_~`|[\]<>]/g;

function escapeOutsideLinks(text: string): string {
  return (
    text
      .replace(INLINE, "\\$&")
      .replace(/^(\s*)(#{1,3}|-#?)(?=\s)/gm, "$1\\$2")
      // A backslash escapes punctuation only, so a list number keeps its digits and loses its dot.
      .replace(/^(\s*\d+)\.(?=\s)/gm, "$1\\.")
  );
}

/**
 * Escapes `s` for a Discord embed or message, so it shows exactly as written: no bold, italics,
 * code, spoilers, headings, lists or quotes from its characters; no masked link
 * (`[bank](http://evil)` shows as typed, its address visible); and no mention: `@everyone` and
 * `@here` are broken with a zero-width space, and `<@id>`, `<@!id>`, `<@&id>`, `<#id>`,
 * `</cmd:id>` and `<t:…>` lose their opening bracket's meaning. Web addresses are left as they
 * are, so they stay clickable and visible. Linear in the length of `s` (discord.js's own
 * `escapeMarkdown` takes seconds on long texts). Messages also go out with
 * `allowed_mentions.parse: []`, so even a mention that slipped through could ping nobody.
 */
export function escapeDiscordText(s: string): string {
  let out = "";
  let last = 0;
  for (const link of s.matchAll(WEB_ADDRESS)) {
    out += escapeOutsideLinks(s.slice(last, link.index)) + link[0];
    last = link.index + link[0].length;
  }
  out += escapeOutsideLinks(s.slice(last));
  return out.replace(/@(everyone|here)/gi, `@${ZWSP}$1`);
}

/** Where `s` may be cut at or before `max` without splitting a surrogate pair or a `\x` escape. */
function escapeSafeCut(s: string, max: number): number {
  let cut = surrogateSafeCut(s, max);
  // An odd run of backslashes before the cut would escape whatever follows it.
  let slashes = 0;
  while (cut - slashes - 1 >= 0 && s[cut - slashes - 1] === "\\") slashes += 1;
  if (slashes % 2 === 1) cut -= 1;
  return cut;
}

/** Shortens (escaped or plain) text to at most `max` characters, ending with "…" when cut. */
export function cutText(s: string, max: number): string {
  if (max <= 0) return "";
  return cutAt(s, max, escapeSafeCut);
}

/**
 * Splits text into pieces of at most `max` characters, preferring line breaks, then spaces, so
 * each piece can stand on its own.
 */
export function splitText(s: string, max: number): string[] {
  return splitAt(s, max, escapeSafeCut);
}

/** Plain text for places Discord shows without markdown (button labels, choice names): one line, no control characters. */
export function plainLine(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return s.replace(/[\u0000-\u001F\u007F-\u009F]+/g, " ").trim();
}
