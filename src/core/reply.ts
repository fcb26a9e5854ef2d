/**
 * The neutral message model. Commands return a {@link Reply}; each adapter renders it in its own
 * way (Block Kit, Discord embeds, terminal text) within its platform's limits. All text here is
 * plain text: renderers escape it, so nothing in it can become a mention or a link.
 */

/** A labelled value, shown side by side with others. */
export interface Field {
  label: string;
  value: string;
}

/** A button that runs a chat command when pressed. */
export interface Button {
  /** Stable action id, e.g. `period:7d`. */
  id: string;
  label: string;
  /** The chat command the button runs, e.g. `/mission-stats washington 7d`. */
  command: string;
  style?: "primary" | "danger";
}

/** One building block of a reply. */
export type ReplyElement =
  | { type: "header"; text: string }
  | { type: "text"; text: string; tone?: "normal" | "warning" | "muted" }
  | { type: "fields"; fields: Field[] }
  | {
      type: "table";
      columns: string[];
      rows: string[][];
      /** Alignment per column; numbers read best right-aligned. */
      align?: ("left" | "right")[];
      /** Rows that exist but are not in `rows` (shown as "… and N more"). */
      more?: number;
    }
  | {
      type: "chart";
      /** PNG bytes. */
      png: Uint8Array;
      /** What the chart shows, for screen readers and text-only clients. */
      altText: string;
      title: string;
      /** A one-line Unicode sparkline of the main series, for text renderers. */
      sparkline?: string;
    }
  | { type: "context"; text: string }
  | { type: "buttons"; buttons: Button[] }
  | { type: "divider" };

/** A complete reply to one command. */
export interface Reply {
  elements: ReplyElement[];
  /** Shown only to the caller (the default) or posted in the channel. */
  ephemeral: boolean;
  /** The whole reply as plain text: notifications, screen readers, clients without blocks. */
  fallback: string;
}

/** Builds a reply from elements, deriving the plain-text fallback from its first text. */
export function reply(
  elements: ReplyElement[],
  options: { ephemeral?: boolean; fallback?: string } = {},
): Reply {
  return {
    elements,
    ephemeral: options.ephemeral ?? true,
    fallback: options.fallback ?? deriveFallback(elements),
  };
}

/** A reply made of one plain message. */
export function textReply(text: string, tone: "normal" | "warning" | "muted" = "normal"): Reply {
  return reply([{ type: "text", text, tone }]);
}

function deriveFallback(elements: ReplyElement[]): string {
  const parts: string[] = [];
  for (const el of elements) {
    if (el.type === "header" || el.type === "text" || el.type === "context") parts.push(el.text);
    if (parts.length >= 2) break;
  }
  return parts.join(" — ").slice(0, 300);
}
