import { type Reply, type ReplyElement, reply } from "../core/reply.ts";
import { FORMATS, type ImportReport } from "./import-file.ts";

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

function kindOf(report: ImportReport): "posts" | "daily" {
  return FORMATS.find((f) => f.name === report.format)?.kind ?? "daily";
}

function dateRange(report: ImportReport): string {
  if (report.firstDate === null || report.lastDate === null) return "no dates";
  return report.firstDate === report.lastDate
    ? report.firstDate
    : `${report.firstDate} to ${report.lastDate}`;
}

/** What changed, e.g. `posts` / `12 new, 3 updated, 40 unchanged`. */
function changes(report: ImportReport): { label: "posts" | "days"; value: string } {
  if (kindOf(report) === "posts") {
    return {
      label: "posts",
      value: `${report.postsNew} new, ${report.postsUpdated} updated, ${report.postsUnchanged} unchanged`,
    };
  }
  return {
    label: "days",
    value: `${report.daysAdded} added, ${report.daysUpdated} updated, ${report.daysUnchanged} unchanged`,
  };
}

/**
 * The import report as plain text lines, for the `dmd import` command line: the file, the format
 * and how it was chosen, the handle, dates, rows, changes, skipped rows and warnings.
 */
export function formatImportReport(report: ImportReport): string[] {
  const lines: string[] = [];
  const handle = `${report.handle.platform}:${report.handle.handle} (mission ${report.handle.mission})`;
  lines.push(`${report.fileName}${report.dryRun ? " (dry run: nothing saved)" : ""}`);
  lines.push(`  format:   ${report.formatLabel} [${report.format}], detected by ${report.detectedBy}`);
  lines.push(`  handle:   ${handle}`);
  if (report.alreadyImported) {
    lines.push(
      `  already imported on ${report.alreadyImported.at.slice(0, 16).replace("T", " ")} UTC by ${report.alreadyImported.actor}: nothing changed`,
    );
    lines.push(`  dates:    ${dateRange(report)}`);
    return lines;
  }
  lines.push(`  dates:    ${dateRange(report)}`);
  lines.push(`  rows:     ${plural(report.rowsRead, "row")} read, ${report.rowsSkipped} skipped`);
  const changed = changes(report);
  lines.push(`  ${`${changed.label}:`.padEnd(10)}${changed.value}`);
  for (const s of report.skipped) lines.push(`  skipped line ${s.line}: ${s.reason}`);
  for (const w of report.warnings) lines.push(`  warning:  ${w}`);
  for (const n of report.notes) lines.push(`  note:     ${n}`);
  return lines;
}

/**
 * The import reports as a neutral {@link Reply} for chat: a header per file, its facts as fields,
 * skipped rows as a table, warnings in a warning tone.
 */
export function importReportReply(reports: readonly ImportReport[]): Reply {
  const elements: ReplyElement[] = [];
  for (const report of reports) {
    if (elements.length > 0) elements.push({ type: "divider" });
    elements.push({ type: "header", text: `Import: ${report.fileName}` });
    if (report.dryRun) elements.push({ type: "text", text: "Dry run: nothing was saved.", tone: "muted" });
    const fields = [
      { label: "Format", value: `${report.formatLabel} (detected by ${report.detectedBy})` },
      {
        label: "Handle",
        value: `${report.handle.platform}:${report.handle.handle} (${report.handle.mission})`,
      },
      { label: "Dates", value: dateRange(report) },
    ];
    if (report.alreadyImported) {
      elements.push({ type: "fields", fields });
      elements.push({
        type: "text",
        text: `This file was already imported on ${report.alreadyImported.at.slice(0, 10)} by ${report.alreadyImported.actor}: nothing changed.`,
      });
      continue;
    }
    fields.push({
      label: "Rows read",
      value: `${report.rowsRead.toLocaleString("en-US")} (${report.rowsSkipped} skipped)`,
    });
    const changed = changes(report);
    fields.push({ label: changed.label === "posts" ? "Posts" : "Days", value: changed.value });
    elements.push({ type: "fields", fields });
    if (report.skipped.length > 0) {
      elements.push({
        type: "table",
        columns: ["Line", "Skipped because"],
        rows: report.skipped.slice(0, 10).map((s) => [String(s.line), s.reason]),
        align: ["right", "left"],
        more: Math.max(0, report.rowsSkipped - Math.min(10, report.skipped.length)),
      });
    }
    for (const w of report.warnings) elements.push({ type: "text", text: `Warning: ${w}`, tone: "warning" });
    for (const n of report.notes) elements.push({ type: "context", text: n });
  }
  const summary = reports
    .map((r) =>
      r.alreadyImported
        ? `${r.fileName}: already imported`
        : `${r.fileName}: ${changes(r).label} ${changes(r).value}${r.dryRun ? " (dry run)" : ""}`,
    )
    .join("; ");
  return reply(elements, { fallback: summary.slice(0, 300) });
}
