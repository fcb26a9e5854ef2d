import type { types } from "@slack/bolt";
import type { Button, Reply, ReplyElement } from "../../core/reply.ts";
import { codeSafe } from "../shared/chat-text.ts";
import { SLACK_LIMITS as L } from "./limits.ts";
import { escapeSlackText, splitEscaped, truncateEscaped, truncatePlain } from "./mrkdwn.ts";
import { formatTable } from "./table-text.ts";

export { escapeSlackText } from "./mrkdwn.ts";

type KnownBlock = types.KnownBlock;

/** Prefix of every button's action id, so one listener catches them all. */
export const ACTION_PREFIX = "dmd:";

/** How a reply is rendered. */
export interface RenderOptions {
  /** Render for an App Home or modal view (100 blocks, no buttons: a view has no response URL). */
  forView?: boolean;
  /**
   * Slack file ids of the reply's charts, in the order the charts appear. A chart without one is
   * shown as its title, sparkline and description.
   */
  chartFileIds?: readonly (string | undefined)[];
}

/** A reply as Slack takes it: blocks, and the plain-text fallback for notifications. */
export interface RenderedReply {
  blocks: KnownBlock[];
  text: string;
}

interface Ctx {
  chartIds: readonly (string | undefined)[];
  chartIndex: number;
  usedActionIds: Set<string>;
}

/** Room kept in a table section for the "… and N more" line. */
const NOTE_ROOM = 40;
const FENCE = "```";

function mrkdwnSection(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function textBlocks(el: Extract<ReplyElement, { type: "text" }>, budget: number): KnownBlock[] {
  if (el.text.trim() === "") return [];
  const prefix = el.tone === "warning" ? ":warning: " : "";
  const escaped = prefix + escapeSlackText(el.text);
  if (el.tone === "muted") {
    return [
      { type: "context", elements: [{ type: "mrkdwn", text: truncateEscaped(escaped, L.sectionText) }] },
    ];
  }
  const pieces = splitEscaped(escaped, L.sectionText);
  if (pieces.length <= budget) return pieces.map(mrkdwnSection);
  if (budget <= 0) return [];
  const kept = pieces.slice(0, budget);
  const hidden = pieces.slice(budget).reduce((n, p) => n + p.length, 0);
  const note = `\n… and ${plural(hidden, "more character", "more characters")}`;
  const last = kept.length - 1;
  kept[last] = truncateEscaped(kept[last] ?? "", L.sectionText - note.length) + note;
  return kept.map(mrkdwnSection);
}

function fieldBlocks(el: Extract<ReplyElement, { type: "fields" }>, budget: number): KnownBlock[] {
  const fields = el.fields.map((f) => ({
    type: "mrkdwn" as const,
    text: truncateEscaped(
      `*${escapeSlackText(f.label)}*\n${escapeSlackText(f.value === "" ? " " : f.value)}`,
      L.fieldText,
    ),
  }));
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < fields.length && blocks.length < budget; i += L.sectionFields) {
    blocks.push({ type: "section", fields: fields.slice(i, i + L.sectionFields) });
  }
  const hidden = fields.length - blocks.length * L.sectionFields;
  if (hidden > 0 && blocks.length > 0) {
    const last = blocks[blocks.length - 1];
    if (last?.type === "section") last.text = { type: "mrkdwn", text: `… and ${hidden} more` };
  }
  return blocks;
}

function tableBlocks(el: Extract<ReplyElement, { type: "table" }>, budget: number): KnownBlock[] {
  if (budget <= 0) return [];
  const { head, lines } = formatTable(el.columns, el.rows, el.align);
  const headText = head.join("\n");
  const room = L.sectionText - NOTE_ROOM - FENCE.length * 2 - 2;
  // Each section repeats the column titles, so a long table reads well on every screen.
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = headText.length;
  for (const raw of lines) {
    const line = truncateEscaped(raw, room - headText.length - 1);
    if (current.length > 0 && size + 1 + line.length > room) {
      chunks.push(current);
      current = [];
      size = headText.length;
    }
    current.push(line);
    size += 1 + line.length;
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);
  const kept = chunks.slice(0, budget);
  const shownRows = kept.reduce((n, c) => n + c.length, 0);
  const more = lines.length - shownRows + Math.max(0, el.more ?? 0);
  return kept.map((chunk, i) => {
    const body = [headText, ...chunk].join("\n");
    const note = i === kept.length - 1 && more > 0 ? `\n… and ${more} more` : "";
    return mrkdwnSection(`${FENCE}\n${body}\n${FENCE}${note}`);
  });
}

function chartBlocks(el: Extract<ReplyElement, { type: "chart" }>, ctx: Ctx): KnownBlock[] {
  const fileId = ctx.chartIds[ctx.chartIndex];
  ctx.chartIndex += 1;
  if (fileId) {
    return [
      {
        type: "image",
        slack_file: { id: fileId },
        alt_text: truncatePlain(el.altText || el.title || "Chart", L.imageText),
        ...(el.title ? { title: { type: "plain_text", text: truncatePlain(el.title, L.imageText) } } : {}),
      },
    ];
  }
  const parts = [`*${escapeSlackText(el.title)}*`];
  if (el.sparkline) parts.push(`\`${escapeSlackText(codeSafe(el.sparkline))}\``);
  if (el.altText) parts.push(escapeSlackText(el.altText));
  return [mrkdwnSection(truncateEscaped(parts.join("\n"), L.sectionText))];
}

function uniqueActionId(id: string, used: Set<string>): string {
  const base = truncatePlain(`${ACTION_PREFIX}${id}`, L.actionId - 4);
  let candidate = base;
  for (let n = 2; used.has(candidate); n += 1) candidate = `${base}#${n}`;
  used.add(candidate);
  return candidate;
}

function buttonBlocks(buttons: Button[], ctx: Ctx): KnownBlock[] {
  const elements = buttons
    .filter((b) => b.command.length <= L.buttonValue && b.label.trim() !== "")
    .map((b) => ({
      type: "button" as const,
      action_id: uniqueActionId(b.id, ctx.usedActionIds),
      text: { type: "plain_text" as const, text: truncatePlain(b.label, L.buttonText), emoji: true },
      value: b.command,
      ...(b.style ? { style: b.style } : {}),
    }));
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < elements.length; i += L.actionsElements) {
    blocks.push({ type: "actions", elements: elements.slice(i, i + L.actionsElements) });
  }
  return blocks;
}

function elementBlocks(el: ReplyElement, ctx: Ctx, budget: number): KnownBlock[] {
  switch (el.type) {
    case "header":
      return el.text.trim() === ""
        ? []
        : [
            {
              type: "header",
              text: { type: "plain_text", text: truncatePlain(el.text, L.headerText), emoji: true },
            },
          ];
    case "text":
      return textBlocks(el, budget);
    case "fields":
      return el.fields.length === 0 ? [] : fieldBlocks(el, budget);
    case "table":
      return tableBlocks(el, budget);
    case "chart":
      return chartBlocks(el, ctx);
    case "context":
      return el.text.trim() === ""
        ? []
        : [
            {
              type: "context",
              elements: [{ type: "mrkdwn", text: truncateEscaped(escapeSlackText(el.text), L.sectionText) }],
            },
          ];
    case "divider":
      return [{ type: "divider" }];
    case "buttons":
      return buttonBlocks(el.buttons, ctx);
  }
}

function fallbackText(reply: Reply): string {
  const first = reply.elements.find((e) => e.type === "header" || e.type === "text" || e.type === "context");
  const raw =
    reply.fallback.trim() ||
    (first && "text" in first ? first.text : "") ||
    "Reply from the Digital Media Dashboard";
  return truncateEscaped(escapeSlackText(raw), L.fallbackText);
}

/**
 * Renders a {@link Reply} as Block Kit within every published limit: at most 50 blocks in a
 * message (100 in a view), 3,000 characters a section, 10 fields a section, 150-character
 * headers, 75-character button labels. Content that does not fit is cut and says so
 * ("… and N more"); nothing is ever sent that Slack would reject. Every piece of text is escaped,
 * so nothing in a reply can mention people or hide a link. Tables become monospaced code blocks,
 * split across sections with their column titles repeated.
 */
export function renderBlocks(reply: Reply, options: RenderOptions = {}): RenderedReply {
  const limit = options.forView ? L.viewBlocks : L.messageBlocks;
  const elements = options.forView ? reply.elements.filter((e) => e.type !== "buttons") : reply.elements;
  const newCtx = (): Ctx => ({
    chartIds: options.chartFileIds ?? [],
    chartIndex: 0,
    usedActionIds: new Set(),
  });

  const ctx = newCtx();
  const all = elements.map((el) => elementBlocks(el, ctx, Number.POSITIVE_INFINITY));
  const total = all.reduce((n, b) => n + b.length, 0);
  if (total <= limit) return { blocks: all.flat(), text: fallbackText(reply) };

  // Too long: keep the buttons (they are how people move on), cut the content, and say so.
  const capped = newCtx();
  const buttons = elements.flatMap((el) => (el.type === "buttons" ? buttonBlocks(el.buttons, capped) : []));
  const pinned = buttons.slice(0, Math.floor(limit / 2));
  let remaining = limit - pinned.length - 1;
  const content: KnownBlock[] = [];
  let hidden = 0;
  let cut = false;
  for (const el of elements) {
    if (el.type === "buttons") continue;
    if (cut || remaining <= 0) {
      hidden += 1;
      continue;
    }
    const whole = elementBlocks(el, capped, Number.POSITIVE_INFINITY);
    if (whole.length <= remaining) {
      content.push(...whole);
      remaining -= whole.length;
      continue;
    }
    // Only texts, fields and tables span several blocks; each cuts itself and says how much is missing.
    const part = elementBlocks(el, capped, remaining);
    content.push(...part);
    remaining -= part.length;
    if (part.length === 0) hidden += 1;
    cut = true;
  }
  const where = options.forView ? "this view" : "one message";
  if (hidden > 0) {
    content.push({
      type: "context",
      elements: [
        { type: "mrkdwn", text: `… and ${hidden} more not shown: Slack allows ${limit} blocks in ${where}.` },
      ],
    });
  }
  return { blocks: [...content, ...pinned], text: fallbackText(reply) };
}
