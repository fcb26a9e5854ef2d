/**
 * Terminal escape sequences: CSI (colours, cursor moves, screen clears), OSC (window titles,
 * hyperlinks, clipboard writes), DCS/SOS/PM/APC strings, two-character escapes, and their 8-bit
 * forms.
 */
const ESCAPE_SEQUENCES = new RegExp(
  [
    "(?:\\u001b\\[|\\u009b)[0-?]*[ -/]*[@-~]",
    "(?:\\u001b\\]|\\u009d)[\\s\\S]*?(?:\\u0007|\\u001b\\\\|\\u009c|$)",
    "(?:\\u001b[PX^_]|[\\u0090\\u0098\\u009e\\u009f])[\\s\\S]*?(?:\\u001b\\\\|\\u009c|$)",
    "\\u001b[ -/]*[0-~]",
  ].join("|"),
  "g",
);

/** Control characters other than newline, and bidi overrides that reorder what is shown. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes text from a reply safe to print: escape sequences and control characters are removed so
 * that nothing a user typed (a mission name, a post caption) can move the cursor, recolour or
 * clear the terminal, or retitle the window. Tabs become spaces, CRLF and CR become newlines.
 */
export function sanitizeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, "\n")
    .replace(/\t/g, " ")
    .replace(ESCAPE_SEQUENCES, "")
    .replace(CONTROLS, "");
}

/** {@link sanitizeText} for a single line (a table cell, a field): newlines become spaces. */
export function sanitizeLine(text: string): string {
  return sanitizeText(text).replace(/\n+/g, " ");
}
