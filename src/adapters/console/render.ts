import type { Button, Field, Reply, ReplyElement } from "../../core/reply.ts";
import { createStyles, type Styles } from "./ansi.ts";
import { saveChartPng } from "./chart-file.ts";
import { sanitizeLine, sanitizeText } from "./sanitize.ts";
import { displayWidth, padToWidth, truncateToWidth, wrapText } from "./text-width.ts";

/** How the console renders a reply. */
export interface ConsoleRenderOptions {
  /** Where chart PNGs are written (created if missing). */
  chartDir: string;
  /** ANSI styles (bold header, yellow warning, dim muted text) when true; plain text otherwise. */
  color: boolean;
  /** Columns available; default 100. */
  width?: number;
  /** The time chart file names carry; default the current time. */
  now?: () => Date;
}

/** A rendered reply: the text to print and the chart files written for it. */
export interface ConsoleRendering {
  text: string;
  files: string[];
}

const DEFAULT_WIDTH = 100;
const MAX_DIVIDER = 60;
const COLUMN_GAP = "  ";
/** Narrowest a table column is squeezed to when the table is wider than the terminal. */
const MIN_COLUMN = 4;

interface RenderState {
  options: ConsoleRenderOptions;
  width: number;
  styles: Styles;
  files: string[];
}

/**
 * Renders a reply as terminal text, one block per element with a blank line between blocks:
 * tables in aligned columns, charts saved as PNG files in `chartDir` (with their sparkline and
 * the path printed), buttons as the commands they would run. All reply text is stripped of
 * escape sequences and control characters first, so user-supplied text cannot drive the
 * terminal; the only escapes in the output are this renderer's own styles, and only with `color`.
 */
export function renderForConsole(reply: Reply, options: ConsoleRenderOptions): ConsoleRendering {
  const state: RenderState = {
    options,
    width: Math.max(20, options.width ?? DEFAULT_WIDTH),
    styles: createStyles(options.color),
    files: [],
  };
  const blocks = reply.elements.map((el) => renderElement(el, state)).filter((lines) => lines.length > 0);
  if (blocks.length === 0)
    return { text: wrapText(sanitizeText(reply.fallback), state.width).join("\n"), files: [] };
  return { text: blocks.map((lines) => lines.join("\n")).join("\n\n"), files: state.files };
}

function renderElement(el: ReplyElement, state: RenderState): string[] {
  const { styles, width } = state;
  switch (el.type) {
    case "header": {
      const text = sanitizeLine(el.text);
      return [styles.bold(text), "─".repeat(Math.min(width, Math.max(1, displayWidth(text))))];
    }
    case "text":
      return renderText(el.text, el.tone ?? "normal", state);
    case "fields":
      return renderFields(el.fields);
    case "table":
      return renderTable(el, state);
    case "chart":
      return renderChart(el, state);
    case "context":
      return wrapText(sanitizeText(el.text), width).map(styles.dim);
    case "buttons":
      return renderButtons(el.buttons, styles);
    case "divider":
      return ["─".repeat(Math.min(width, MAX_DIVIDER))];
  }
}

function renderText(raw: string, tone: "normal" | "warning" | "muted", state: RenderState): string[] {
  const { styles, width } = state;
  const text = sanitizeText(raw);
  if (tone === "muted") return wrapText(text, width).map(styles.dim);
  if (tone === "normal") return wrapText(text, width);
  // The warning sign keeps the tone visible without colour; continuation lines hang under the text.
  return wrapText(text, width - 2).map((line, i) => styles.yellow(`${i === 0 ? "⚠ " : "  "}${line}`));
}

function renderFields(fields: Field[]): string[] {
  const labels = fields.map((f) => `${sanitizeLine(f.label)}:`);
  const labelWidth = Math.max(0, ...labels.map(displayWidth));
  return fields.map((f, i) =>
    `${padToWidth(labels[i] ?? "", labelWidth)} ${sanitizeLine(f.value)}`.trimEnd(),
  );
}

/** Column widths that fit `width`: the widest column gives way first, down to {@link MIN_COLUMN}. */
function fitColumns(natural: number[], width: number): number[] {
  const widths = [...natural];
  const total = () => widths.reduce((a, b) => a + b, 0) + COLUMN_GAP.length * Math.max(0, widths.length - 1);
  while (total() > width) {
    const widest = widths.indexOf(Math.max(...widths));
    const current = widths[widest] ?? 0;
    if (current <= MIN_COLUMN) break;
    widths[widest] = current - 1;
  }
  return widths;
}

function renderTable(el: Extract<ReplyElement, { type: "table" }>, state: RenderState): string[] {
  const { styles } = state;
  const columns = el.columns.map(sanitizeLine);
  const rows = el.rows.map((row) => columns.map((_, i) => sanitizeLine(row[i] ?? "")));
  const natural = columns.map((title, i) =>
    Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[i] ?? ""))),
  );
  const widths = fitColumns(natural, state.width);
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const w = widths[i] ?? 0;
        return padToWidth(truncateToWidth(cell, w), w, el.align?.[i] ?? "left");
      })
      .join(COLUMN_GAP)
      .trimEnd();
  const out = [styles.bold(line(columns)), widths.map((w) => "─".repeat(w)).join(COLUMN_GAP)];
  for (const row of rows) out.push(line(row));
  if (rows.length === 0 && !el.more) out.push(styles.dim("(no rows)"));
  if (el.more !== undefined && el.more > 0) out.push(styles.dim(`… and ${el.more} more`));
  return out;
}

function renderChart(el: Extract<ReplyElement, { type: "chart" }>, state: RenderState): string[] {
  const { styles, width, options } = state;
  const title = sanitizeLine(el.title);
  const spark = el.sparkline === undefined ? "" : sanitizeLine(el.sparkline);
  const out = [spark.trim() === "" ? styles.bold(title) : `${styles.bold(title)}  ${spark}`];
  out.push(...wrapText(sanitizeText(el.altText), width).map(styles.dim));
  try {
    const path = saveChartPng(options.chartDir, title, el.png, options.now?.() ?? new Date());
    state.files.push(path);
    out.push(`Chart saved: ${path}`);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    out.push(styles.yellow(`⚠ Chart not saved: ${sanitizeLine(reason)}`));
  }
  return out;
}

function renderButtons(buttons: Button[], styles: Styles): string[] {
  return buttons.map((b) => {
    const label = `[${sanitizeLine(b.label)}]`;
    return `${b.style === "danger" ? styles.red(label) : styles.bold(label)} ${sanitizeLine(b.command)}`;
  });
}
