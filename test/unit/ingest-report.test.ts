import { describe, expect, it } from "vitest";
import type { ImportReport } from "../../src/ingest/import-file.ts";
import { formatImportReport, importReportReply } from "../../src/ingest/import-report.ts";

const base: ImportReport = {
  fileName: "account_overview_analytics.csv",
  format: "x_premium_overview",
  formatLabel: "X Premium account overview",
  detectedBy: "header",
  handle: { platform: "x", handle: "Embassy_Fr", mission: "washington" },
  firstDate: "2025-03-20",
  lastDate: "2025-03-22",
  rowsRead: 1234,
  postsNew: 0,
  postsUpdated: 0,
  postsUnchanged: 0,
  daysAdded: 3,
  daysUpdated: 1,
  daysUnchanged: 0,
  skipped: [{ line: 2, reason: "description row" }],
  rowsSkipped: 1,
  warnings: ["no follower totals in this file: …"],
  notes: ["read as UTF-16 LE with BOM"],
  dryRun: false,
};

describe("formatImportReport", () => {
  it("says what the import did, line by line", () => {
    expect(formatImportReport(base)).toEqual([
      "account_overview_analytics.csv",
      "  format:   X Premium account overview [x_premium_overview], detected by header",
      "  handle:   x:Embassy_Fr (mission washington)",
      "  dates:    2025-03-20 to 2025-03-22",
      "  rows:     1,234 rows read, 1 skipped",
      "  days:     3 added, 1 updated, 0 unchanged",
      "  skipped line 2: description row",
      "  warning:  no follower totals in this file: …",
      "  note:     read as UTF-16 LE with BOM",
    ]);
  });

  it("shows posts for a post export, a dry run, and an earlier import", () => {
    const posts: ImportReport = {
      ...base,
      format: "facebook_content",
      formatLabel: "Facebook content (Meta Business Suite)",
      postsNew: 2,
      postsUnchanged: 5,
      daysAdded: 0,
      daysUpdated: 0,
      skipped: [],
      rowsSkipped: 0,
      warnings: [],
      notes: [],
      dryRun: true,
    };
    const lines = formatImportReport(posts);
    expect(lines[0]).toBe("account_overview_analytics.csv (dry run: nothing saved)");
    expect(lines).toContain("  posts:    2 new, 0 updated, 5 unchanged");
    const again = formatImportReport({
      ...base,
      alreadyImported: { at: "2026-11-28T15:00:00.000Z", actor: "slack:U1" },
    });
    expect(again).toContain("  already imported on 2026-11-28 15:00 UTC by slack:U1: nothing changed");
    expect(again.some((l) => l.includes("days:    "))).toBe(false);
  });
});

describe("importReportReply", () => {
  it("builds a neutral reply with fields, skipped rows and warnings", () => {
    const reply = importReportReply([base]);
    expect(reply.ephemeral).toBe(true);
    expect(reply.fallback).toBe("account_overview_analytics.csv: days 3 added, 1 updated, 0 unchanged");
    expect(reply.elements).toEqual([
      { type: "header", text: "Import: account_overview_analytics.csv" },
      {
        type: "fields",
        fields: [
          { label: "Format", value: "X Premium account overview (detected by header)" },
          { label: "Handle", value: "x:Embassy_Fr (washington)" },
          { label: "Dates", value: "2025-03-20 to 2025-03-22" },
          { label: "Rows read", value: "1,234 (1 skipped)" },
          { label: "Days", value: "3 added, 1 updated, 0 unchanged" },
        ],
      },
      {
        type: "table",
        columns: ["Line", "Skipped because"],
        rows: [["2", "description row"]],
        align: ["right", "left"],
        more: 0,
      },
      { type: "text", text: "Warning: no follower totals in this file: …", tone: "warning" },
      { type: "context", text: "read as UTF-16 LE with BOM" },
    ]);
  });
});
