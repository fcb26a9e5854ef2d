import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderForConsole } from "../../src/adapters/console/render.ts";
import { sanitizeText } from "../../src/adapters/console/sanitize.ts";
import { displayWidth, truncateToWidth } from "../../src/adapters/console/text-width.ts";
import { type Reply, reply } from "../../src/core/reply.ts";

const NOW = () => new Date("2026-11-27T09:30:05Z");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "dmd-console-render-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function missionStats(): Reply {
  return reply([
    { type: "header", text: "Washington — Embassy" },
    { type: "text", text: "Instagram has no data since 2026-11-21.", tone: "warning" },
    {
      type: "fields",
      fields: [
        { label: "Followers", value: "25.2K" },
        { label: "Growth", value: "+4.9%" },
        { label: "Engagement rate", value: "n/a" },
      ],
    },
    {
      type: "table",
      columns: ["Platform", "Followers", "Growth"],
      rows: [
        ["X", "12.9K", "+4.9%"],
        ["Facebook", "10.9K", "+36.3%"],
        ["東京", "n/a", "n/a"],
      ],
      align: ["left", "right", "right"],
      more: 3,
    },
    {
      type: "chart",
      png: PNG,
      altText: "Followers by platform, 2026-10-28 to 2026-11-26: X 12.3K → 12.9K (+4.9%)",
      title: "Followers — Washington",
      sparkline: "▁▂▃▅▆█",
    },
    { type: "context", text: "Source: platform exports. As of 2026-11-26 (America/New_York)." },
    { type: "divider" },
    {
      type: "buttons",
      buttons: [
        { id: "period:7d", label: "7 days", command: "/mission-stats washington 7d" },
        { id: "period:90d", label: "90 days", command: "/mission-stats washington 90d" },
      ],
    },
  ]);
}

describe("renderForConsole", () => {
  it("renders a whole reply as plain aligned text and saves its chart", () => {
    const chart = join(dir, "followers-washington-20261127-093005.png");
    const out = renderForConsole(missionStats(), { chartDir: dir, color: false, now: NOW });
    expect(out.text).toBe(
      [
        "Washington — Embassy",
        "────────────────────",
        "",
        "⚠ Instagram has no data since 2026-11-21.",
        "",
        "Followers:       25.2K",
        "Growth:          +4.9%",
        "Engagement rate: n/a",
        "",
        "Platform  Followers  Growth",
        "────────  ─────────  ──────",
        "X             12.9K   +4.9%",
        "Facebook      10.9K  +36.3%",
        "東京            n/a     n/a",
        "… and 3 more",
        "",
        "Followers — Washington  ▁▂▃▅▆█",
        "Followers by platform, 2026-10-28 to 2026-11-26: X 12.3K → 12.9K (+4.9%)",
        `Chart saved: ${chart}`,
        "",
        "Source: platform exports. As of 2026-11-26 (America/New_York).",
        "",
        "─".repeat(60),
        "",
        "[7 days] /mission-stats washington 7d",
        "[90 days] /mission-stats washington 90d",
      ].join("\n"),
    );
    expect(out.files).toEqual([chart]);
    expect([...readFileSync(chart)]).toEqual([...PNG]);
  });

  it("styles with ANSI only when colour is on: bold header, yellow warning, dim muted text", () => {
    const out = renderForConsole(
      reply([
        { type: "header", text: "Leaderboard" },
        { type: "text", text: "Data is stale.", tone: "warning" },
        { type: "text", text: "Nothing to compare.", tone: "muted" },
        { type: "context", text: "As of 2026-11-26." },
      ]),
      { chartDir: dir, color: true },
    );
    expect(out.text).toBe(
      [
        "\u001b[1mLeaderboard\u001b[22m",
        "───────────",
        "",
        "\u001b[33m⚠ Data is stale.\u001b[39m",
        "",
        "\u001b[2mNothing to compare.\u001b[22m",
        "",
        "\u001b[2mAs of 2026-11-26.\u001b[22m",
      ].join("\n"),
    );
    const plain = renderForConsole(missionStats(), { chartDir: dir, color: false, now: NOW });
    expect(plain.text).not.toContain("\u001b");
  });

  it("strips escape sequences and control characters from everything the reply carries", () => {
    const out = renderForConsole(
      reply([
        { type: "header", text: "\u001b]0;pwned\u0007Paris\u001b[2J" },
        { type: "text", text: "caption\u001b[31m red\u001b[0m\u0008\u0007 \u202eevil\u202c\rnext" },
        { type: "fields", fields: [{ label: "Name\u001b[1A", value: "line one\nline two" }] },
        { type: "table", columns: ["Mission"], rows: [["Rome\u001bc\u009b31m"]] },
        {
          type: "buttons",
          buttons: [{ id: "x", label: "Go\u001b[5m", command: "/mission-stats paris\u0000" }],
        },
      ]),
      { chartDir: dir, color: false },
    );
    expect(out.text).toBe(
      [
        "Paris",
        "─────",
        "",
        "caption red evil",
        "next",
        "",
        "Name: line one line two",
        "",
        "Mission",
        "───────",
        "Rome",
        "",
        "[Go] /mission-stats paris",
      ].join("\n"),
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
    expect(out.text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it("squeezes a table into the width, cutting long cells with …", () => {
    const out = renderForConsole(
      reply([
        {
          type: "table",
          columns: ["Mission", "Followers"],
          rows: [
            ["Permanent Mission to the United Nations, New York", "1.2M"],
            ["Tokyo", "98.1K"],
          ],
          align: ["left", "right"],
        },
      ]),
      { chartDir: dir, color: false, width: 30 },
    );
    expect(out.text).toBe(
      [
        "Mission              Followers",
        "───────────────────  ─────────",
        `${"Permanent Mission…".padEnd(19)}  ${"1.2M".padStart(9)}`,
        "Tokyo                    98.1K",
      ].join("\n"),
    );
  });

  it("says so for an empty table, and wraps long text at the width", () => {
    const out = renderForConsole(
      reply([
        { type: "table", columns: ["Mission", "Posts"], rows: [] },
        { type: "text", text: "The quick brown fox jumps over the lazy dog again and again." },
      ]),
      { chartDir: dir, color: false, width: 24 },
    );
    expect(out.text).toBe(
      [
        "Mission  Posts",
        "───────  ─────",
        "(no rows)",
        "",
        "The quick brown fox",
        "jumps over the lazy dog",
        "again and again.",
      ].join("\n"),
    );
  });

  it("never overwrites a chart file, and reports a chart it could not save", () => {
    const first = renderForConsole(missionStats(), { chartDir: dir, color: false, now: NOW });
    const second = renderForConsole(missionStats(), { chartDir: dir, color: false, now: NOW });
    expect(first.files).toEqual([join(dir, "followers-washington-20261127-093005.png")]);
    expect(second.files).toEqual([join(dir, "followers-washington-20261127-093005-2.png")]);

    const notADir = join(dir, "file");
    writeFileSync(notADir, "x");
    const failed = renderForConsole(
      reply([{ type: "chart", png: PNG, altText: "Followers: no data", title: "Followers" }]),
      { chartDir: join(notADir, "charts"), color: false, now: NOW },
    );
    expect(failed.files).toEqual([]);
    expect(failed.text.split("\n").slice(0, 2)).toEqual(["Followers", "Followers: no data"]);
    expect(failed.text.split("\n")[2]).toMatch(/^⚠ Chart not saved: ENOTDIR/);
  });

  it("prints the fallback of a reply without elements", () => {
    const out = renderForConsole(reply([], { fallback: "Done." }), { chartDir: dir, color: false });
    expect(out).toEqual({ text: "Done.", files: [] });
  });
});

describe("console text helpers", () => {
  it("counts wide and zero-width characters", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("東京")).toBe(4);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("👍🏽")).toBe(2);
    expect(displayWidth("🇯🇵")).toBe(2);
    expect(truncateToWidth("東京都庁", 5)).toBe("東京…");
  });

  it("keeps newlines and printable text", () => {
    expect(sanitizeText("a\tb\r\nc")).toBe("a b\nc");
  });
});
