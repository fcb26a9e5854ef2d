/**
 * Turns a slash command's text, as Slack delivers it with `should_escape: true`, back into the
 * words the user typed, with mentions written the way commands read users: `slack:U0123`.
 *
 * - `<@U0123|ana>` and `<@U0123>` become `slack:U0123`;
 * - `<#C0123|general>` becomes `#general` (or `C0123` when Slack gave no name);
 * - `<https://x.example|x.example>` and `<https://x.example>` become the URL;
 * - `<!here>` and friends become `@here`, so they are plain words, never broadcasts;
 * - `&lt;`, `&gt;` and `&amp;` become `<`, `>` and `&`.
 */
export function normalizeSlashText(text: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, "slack:$1")
    .replace(/<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) =>
      name ? `#${name}` : id,
    )
    .replace(/<!([a-z]+)(?:\^[^|>]*)?(?:\|[^>]*)?>/g, "@$1")
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The command line the dispatcher takes: `/handle` with text `add …` is `handle add …`. */
export function commandLine(slashCommand: string, text: string): string {
  const name = slashCommand.replace(/^\//, "").trim();
  const rest = normalizeSlashText(text).trim();
  return rest ? `${name} ${rest}` : name;
}
