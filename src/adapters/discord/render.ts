import "./load-guard.ts";
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import type { Button, Reply, ReplyElement } from "../../core/reply.ts";
import { parseAnswerButtonId } from "../../domain/content.ts";
import { PUBLIC_BUTTON_ID } from "../shared/public-button.ts";
import { type ActionKind, encodeAction } from "./custom-id.ts";
import { cutText, escapeDiscordText, plainLine, splitText } from "./escape.ts";
import { DISCORD_LIMITS as L } from "./limits.ts";
import { formatTable } from "./table-text.ts";

/** Embed colours: the dashboard's blue, and amber for an embed that opens with a warning (a problem). */
export const EMBED_COLOR = { normal: 0x2b6cb0, warning: 0xd97706 } as const;

/** How a reply is rendered. */
export interface RenderOptions {
  /**
   * A short line for the last embed's footer (after any "… and N more" note), e.g. the outbox's
   * `ref 1a2b3c4d5e6f` by which a sent message is found again.
   */
  footer?: string;
  /** Add "Other period…" (a form asking for any period) next to period switch buttons. */
  periodForm?: boolean;
}

/** A chart as a file attached to the message; its embed shows it as `attachment://<name>`. */
export interface RenderedFile {
  name: string;
  data: Buffer;
  /** Alt text: what the chart shows, for screen readers. */
  description: string;
}

/** A reply as Discord takes it. Every message carries `allowed_mentions: { parse: [] }`. */
export interface RenderedMessage {
  /** Only set when there are no embeds (a message needs some content). */
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  files: RenderedFile[];
  allowedMentions: { parse: [] };
}

/** Room kept across all embeds for the footer: the "… and N more" note and the caller's footer line. */
const FOOTER_ROOM = 160;

interface Draft {
  title?: string;
  description: string[];
  fields: APIEmbedField[];
  image?: string;
  warning: boolean;
  /** No more content may follow in this embed (an image, or a divider, ends it). */
  sealed: boolean;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

function descriptionLength(d: Draft): number {
  return d.description.reduce((n, p, i) => n + p.length + (i > 0 ? 1 : 0), 0);
}

/** Packs content into at most 10 embeds and 6,000 characters, saying what it had to leave out. */
class Packer {
  readonly drafts: Draft[] = [];
  private used = 0;
  /** Parts that found no room at all. */
  hiddenParts = 0;
  /** "… and N more" notes that found no room next to their content; they go in the footer. */
  readonly notes: string[] = [];

  constructor(private readonly budget: number) {}

  private get current(): Draft | undefined {
    return this.drafts.at(-1);
  }

  private fresh(): Draft | undefined {
    if (this.drafts.length >= L.embeds) return undefined;
    const draft: Draft = { description: [], fields: [], warning: false, sealed: false };
    this.drafts.push(draft);
    return draft;
  }

  private isEmpty(d: Draft): boolean {
    return d.title === undefined && d.description.length === 0 && d.fields.length === 0 && !d.image;
  }

  /** Characters still free across the message. */
  room(): number {
    return Math.max(0, this.budget - this.used);
  }

  seal(): void {
    const d = this.current;
    if (d && !this.isEmpty(d)) d.sealed = true;
  }

  /** Starts a titled embed; false when no embed or characters are left. */
  title(text: string): boolean {
    const d = this.current && this.isEmpty(this.current) ? this.current : this.fresh();
    if (!d) return false;
    const title = cutText(text, Math.min(L.embedTitle, this.room()));
    if (title === "") return false;
    d.title = title;
    this.used += title.length;
    return true;
  }

  /** The embed a description piece of `length` goes in, opening one when needed; undefined when none can. */
  private descriptionTarget(length: number): Draft | undefined {
    const d = this.current;
    const fits = (x: Draft) =>
      !x.sealed &&
      x.fields.length === 0 &&
      !x.image &&
      descriptionLength(x) + 1 + length <= L.embedDescription;
    if (d && fits(d)) return d;
    return this.fresh();
  }

  /** Adds a whole piece of description; false when it does not fit (nothing is added then). */
  describe(piece: string, warning = false): boolean {
    if (piece.length > L.embedDescription || piece.length + 1 > this.room()) return false;
    const d = this.descriptionTarget(piece.length);
    if (!d) return false;
    this.used += piece.length + (d.description.length > 0 ? 1 : 0);
    d.description.push(piece);
    // Amber says "a problem": an embed that starts with a warning, not one with a note further down.
    if (warning && d.description.length === 1 && d.title === undefined) d.warning = true;
    return true;
  }

  /** Adds a line under the last piece of description, when it fits there; false otherwise. */
  appendToLast(line: string): boolean {
    const d = this.current;
    const last = d?.description.at(-1);
    if (!d || last === undefined || d.fields.length > 0 || d.image) return false;
    if (descriptionLength(d) + 1 + line.length > L.embedDescription || line.length + 1 > this.room())
      return false;
    d.description[d.description.length - 1] = `${last}\n${line}`;
    this.used += line.length + 1;
    return true;
  }

  /** Characters a new piece could have in the embed it would land in (for cutting). */
  describeRoom(): number {
    const d = this.current;
    const open = d && !d.sealed && d.fields.length === 0 && !d.image;
    const local = open ? L.embedDescription - descriptionLength(d) - 1 : L.embedDescription;
    const canOpen = open || this.drafts.length < L.embeds;
    if (!canOpen) return 0;
    const best = open && local < 200 && this.drafts.length < L.embeds ? L.embedDescription : local;
    return Math.max(0, Math.min(best, this.room() - 1));
  }

  /** Adds one field; false when it does not fit. */
  field(field: APIEmbedField): boolean {
    const size = field.name.length + field.value.length;
    if (size > this.room()) return false;
    let d = this.current;
    if (!d || d.sealed || d.image || d.fields.length >= L.embedFields) d = this.fresh();
    if (!d) return false;
    d.fields.push(field);
    this.used += size;
    return true;
  }

  /** Shows an image in an embed of its own, titled; false when no embed is left. */
  image(url: string, title: string): boolean {
    const d = this.current && this.isEmpty(this.current) ? this.current : this.fresh();
    if (!d) return false;
    const t = cutText(title, Math.min(L.embedTitle, this.room()));
    if (t) {
      d.title = t;
      this.used += t.length;
    }
    d.image = url;
    d.sealed = true;
    return true;
  }

  embeds(footer: string | undefined): APIEmbed[] {
    const kept = this.drafts.filter((d) => !this.isEmpty(d));
    const embeds = kept.map(
      (d): APIEmbed => ({
        color: d.warning ? EMBED_COLOR.warning : EMBED_COLOR.normal,
        ...(d.title !== undefined ? { title: d.title } : {}),
        ...(d.description.length > 0 ? { description: d.description.join("\n") } : {}),
        ...(d.fields.length > 0 ? { fields: d.fields } : {}),
        ...(d.image ? { image: { url: d.image } } : {}),
      }),
    );
    const notes = [...this.notes];
    if (this.hiddenParts > 0) {
      notes.push(
        `… and ${plural(this.hiddenParts, "more part", "more parts")} not shown (too long for one Discord message)`,
      );
    }
    const tail = footer ? (notes.length > 0 ? ` · ${footer}` : footer) : "";
    const text = notes.length > 0 ? cutText(notes.join(" · "), FOOTER_ROOM - tail.length) + tail : tail;
    const last = embeds.at(-1);
    if (text) {
      if (last) last.footer = { text };
      else embeds.push({ color: EMBED_COLOR.normal, footer: { text } });
    }
    return embeds;
  }
}

function textPiece(el: Extract<ReplyElement, { type: "text" }>): string {
  const escaped = escapeDiscordText(el.text.trim());
  if (el.tone === "warning") return `⚠️ ${escaped}`;
  if (el.tone === "muted") return italic(escaped);
  return escaped;
}

function italic(escaped: string): string {
  return escaped
    .split("\n")
    .map((line) => (line.trim() === "" ? line : `*${line.trim()}*`))
    .join("\n");
}

function addText(p: Packer, text: string, warning: boolean): void {
  const pieces = splitText(text, L.embedDescription);
  for (const [i, piece] of pieces.entries()) {
    if (p.describe(piece, warning)) continue;
    const rest = pieces.slice(i).reduce((n, x) => n + x.length, 0);
    const note = `\n… and ${plural(rest, "more character", "more characters")}`;
    const room = p.describeRoom() - note.length;
    const part = room >= 20 ? cutText(piece, room) : "";
    if (part) {
      const hidden = rest - part.length + 1;
      p.describe(`${part}\n… and ${plural(hidden, "more character", "more characters")}`, warning);
    } else {
      p.notes.push(`… and ${plural(rest, "more character", "more characters")} not shown`);
    }
    return;
  }
}

const FENCE = "```";
/** Room kept after each table block for the "… and N more" line. */
const TABLE_NOTE_ROOM = 40;

function addTable(p: Packer, el: Extract<ReplyElement, { type: "table" }>): void {
  const { head, lines } = formatTable(el.columns, el.rows, el.align);
  const headText = head.join("\n");
  const extra = Math.max(0, el.more ?? 0);
  const fixed = FENCE.length * 2 + 2 + headText.length;
  const maxBlock = L.embedDescription - TABLE_NOTE_ROOM;
  // Any one row fits an empty embed, so a long row is cut rather than dropped.
  const rows = lines.map((line) => cutText(line, Math.max(10, maxBlock - fixed - 1)));
  let index = 0;
  let placed = 0;
  do {
    const room = Math.min(maxBlock, p.describeRoom() - TABLE_NOTE_ROOM);
    const chunk: string[] = [];
    let size = fixed;
    while (index + chunk.length < rows.length) {
      const line = rows[index + chunk.length] ?? "";
      if (size + 1 + line.length > room) break;
      chunk.push(line);
      size += 1 + line.length;
    }
    if (size > room || (chunk.length === 0 && rows.length > 0)) break;
    if (!p.describe(`${FENCE}\n${[headText, ...chunk].join("\n")}\n${FENCE}`)) break;
    index += chunk.length;
    placed += 1;
  } while (index < rows.length);
  if (placed === 0) {
    p.hiddenParts += 1;
    return;
  }
  const more = rows.length - index + extra;
  // The room for this line was kept when the last block was cut to size.
  const note = `… and ${more.toLocaleString("en-US")} more`;
  if (more > 0 && !p.appendToLast(note)) p.notes.push(note);
}

function addFields(p: Packer, el: Extract<ReplyElement, { type: "fields" }>): void {
  for (const [i, f] of el.fields.entries()) {
    const name = cutText(escapeDiscordText(f.label.trim()), L.fieldName) || "\u200B";
    const value = cutText(escapeDiscordText(f.value.trim()), L.fieldValue) || "\u200B";
    if (p.field({ name, value, inline: true })) continue;
    const note = `… and ${plural(el.fields.length - i, "more field", "more fields")}`;
    if (!p.describe(note)) p.notes.push(note);
    return;
  }
}

type CustomIdStyle = APIButtonComponentWithCustomId["style"];

function buttonStyle(b: Button): CustomIdStyle {
  if (b.style === "primary") return ButtonStyle.Primary;
  if (b.style === "danger") return ButtonStyle.Danger;
  return ButtonStyle.Secondary;
}

interface PlannedButton {
  kind: ActionKind;
  label: string;
  line: string;
  style: CustomIdStyle;
}

/** "Other period…" after period switches (`period:<p>` buttons whose commands end with `<p>`). */
function periodFormButton(buttons: Button[]): PlannedButton | undefined {
  for (const b of buttons) {
    const period = /^period:(.+)$/.exec(b.id)?.[1];
    const command = b.command.trim();
    if (!period || !command.endsWith(` ${period}`)) continue;
    const base = command.slice(0, -(period.length + 1)).trim();
    if (base) return { kind: "ask-period", label: "Other period…", line: base, style: ButtonStyle.Secondary };
  }
  return undefined;
}

function renderComponents(
  elements: ReplyElement[],
  options: RenderOptions,
): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const rows: PlannedButton[][] = [];
  for (const el of elements) {
    if (el.type !== "buttons") continue;
    const planned: PlannedButton[] = el.buttons.map((b) => ({
      kind: b.id === PUBLIC_BUTTON_ID ? "public" : parseAnswerButtonId(b.id) ? "answer" : "run",
      label: b.label,
      line: b.command,
      style: buttonStyle(b),
    }));
    const form = options.periodForm ? periodFormButton(el.buttons) : undefined;
    if (form) {
      const at = planned.findIndex((b) => b.kind === "public");
      planned.splice(at === -1 ? planned.length : at, 0, form);
    }
    for (let i = 0; i < planned.length; i += L.rowButtons) rows.push(planned.slice(i, i + L.rowButtons));
  }
  let kept = rows.slice(0, L.rows);
  const publicButton = rows.flat().find((b) => b.kind === "public");
  if (publicButton && !kept.flat().includes(publicButton)) {
    // "Post in channel" is how an answer reaches the others: it outranks a button further down.
    const last = kept.at(-1) ?? [];
    kept = [...kept.slice(0, -1), [...last.slice(0, L.rowButtons - 1), publicButton]];
  }
  const seen = new Map<string, number>();
  return kept
    .map((row) => ({
      type: ComponentType.ActionRow as const,
      components: row.flatMap((b): APIButtonComponentWithCustomId[] => {
        const key = `${b.kind}:${b.line}`;
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        const customId = encodeAction(b.kind, b.line, n);
        const label = cutText(plainLine(b.label), L.buttonLabel);
        if (!customId || !label) return [];
        return [{ type: ComponentType.Button, custom_id: customId, label, style: b.style }];
      }),
    }))
    .filter((row) => row.components.length > 0);
}

/**
 * Renders a {@link Reply} as a Discord message within every published limit: at most 10 embeds
 * and 6,000 characters across them, 256-character titles, 4,096-character descriptions, 25
 * fields an embed (names 256, values 1,024), 2,048-character footers, 5 rows of 5 buttons with
 * 80-character labels. Content that does not fit is cut and says so ("… and N more"); nothing is
 * produced that Discord would refuse. Every piece of text is escaped (see
 * {@link escapeDiscordText}); tables are code blocks; charts are PNG attachments shown by their
 * embeds (`attachment://chart-1.png`) with their description as alt text.
 */
export function renderMessage(reply: Reply, options: RenderOptions = {}): RenderedMessage {
  const footer = options.footer ? cutText(plainLine(options.footer), 60) : undefined;
  const p = new Packer(L.embedTotal - FOOTER_ROOM);
  const files: RenderedFile[] = [];
  for (const el of reply.elements) {
    switch (el.type) {
      case "header":
        if (el.text.trim() !== "" && !p.title(escapeDiscordText(el.text.trim()))) p.hiddenParts += 1;
        break;
      case "text":
        if (el.text.trim() !== "") addText(p, textPiece(el), el.tone === "warning");
        break;
      case "context":
        if (el.text.trim() !== "") addText(p, italic(escapeDiscordText(el.text.trim())), false);
        break;
      case "fields":
        addFields(p, el);
        break;
      case "table":
        addTable(p, el);
        break;
      case "chart": {
        const name = `chart-${files.length + 1}.png`;
        if (files.length < L.attachments && p.image(`attachment://${name}`, escapeDiscordText(el.title))) {
          files.push({
            name,
            data: Buffer.from(el.png),
            description: cutText(plainLine(el.altText || el.title || "Chart"), L.attachmentDescription),
          });
        } else {
          p.hiddenParts += 1;
        }
        break;
      }
      case "divider":
        p.seal();
        break;
      case "buttons":
        break;
    }
  }
  const embeds = p.embeds(footer);
  const components = renderComponents(reply.elements, options);
  const fallback = cutText(escapeDiscordText(reply.fallback.trim()), L.content);
  return {
    ...(embeds.length === 0 ? { content: fallback || "\u200B" } : {}),
    embeds,
    components,
    files,
    allowedMentions: { parse: [] },
  };
}

/** Characters Discord counts towards its 6,000 across a message's embeds. */
export function embedCharacters(embeds: readonly APIEmbed[]): number {
  return embeds.reduce(
    (n, e) =>
      n +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0) +
      (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0),
    0,
  );
}

/** The plain text of a rendered message (titles, descriptions, fields, footers), e.g. for logs and tests. */
export function messageText(message: Pick<RenderedMessage, "content" | "embeds">): string {
  const parts: string[] = message.content ? [message.content] : [];
  for (const e of message.embeds) {
    if (e.title) parts.push(e.title);
    if (e.description) parts.push(e.description);
    for (const f of e.fields ?? []) parts.push(`${f.name}: ${f.value}`);
    if (e.footer) parts.push(e.footer.text);
  }
  return parts.join("\n");
}
