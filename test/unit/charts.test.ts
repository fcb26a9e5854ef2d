import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chartFontFiles } from "../../src/charts/fonts.ts";
import { chartAltText, type LineChartInput, renderLineChart, sparkline } from "../../src/charts/index.ts";
import { hasChartData, lineChartSpec, noDataSpec } from "../../src/charts/line-chart-spec.ts";
import { renderSpecToSvg } from "../../src/charts/render-png.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Checks the PNG signature and reads the size from the IHDR chunk, which must come first. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(new TextDecoder().decode(png.slice(12, 16))).toBe("IHDR");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** `count` consecutive days from `start`, valued by `value(i)`. */
function days(start: string, count: number, value: (i: number) => number | null) {
  const first = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => ({
    date: new Date(first + i * 86_400_000).toISOString().slice(0, 10),
    value: value(i),
  }));
}

/** The `d` attribute of the line drawn in `color` (each series gets its own path). */
function linePath(svg: string, color: string): string {
  const match = svg.match(new RegExp(`aria-roledescription="line mark" d="([^"]*)" stroke="${color}"`));
  if (!match?.[1]) throw new Error(`no line in ${color}`);
  return match[1];
}

function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? "");
}

const BLUE = "#4c78a8";
const ORANGE = "#f58518";

const followers: LineChartInput = {
  title: "Followers by platform",
  yTitle: "Followers",
  series: [
    { name: "X", points: days("2026-10-28", 30, (i) => 12_300 + i * 20) },
    { name: "Facebook", points: days("2026-10-28", 30, (i) => (i >= 10 && i < 14 ? null : 8_000 + i * 100)) },
  ],
};

describe("renderLineChart", () => {
  it("draws a PNG of the requested size at 2x scale, 720x320 by default", async () => {
    expect(pngSize(await renderLineChart(followers))).toEqual({ width: 1440, height: 640 });
    expect(pngSize(await renderLineChart({ ...followers, width: 400, height: 250 }))).toEqual({
      width: 800,
      height: 500,
    });
  });

  it("gives the same bytes for the same input, whatever the machine's time zone", async () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = "Pacific/Kiritimati";
      const east = await renderLineChart(followers);
      process.env.TZ = "America/Los_Angeles";
      const west = await renderLineChart(followers);
      expect(Buffer.from(west).equals(Buffer.from(east))).toBe(true);
      expect(Buffer.from(await renderLineChart(followers)).equals(Buffer.from(east))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("draws a single series, and a single value as a visible dot", async () => {
    const one: LineChartInput = {
      title: "Followers",
      yTitle: "Followers",
      series: [{ name: "X", points: [{ date: "2026-11-01", value: 5 }] }],
    };
    expect(pngSize(await renderLineChart(one))).toEqual({ width: 1440, height: 640 });
    const svg = await renderSpecToSvg(lineChartSpec(one));
    expect(svg).toContain('aria-roledescription="point"');
  });

  it("draws a 'No data' chart instead of failing when there is nothing to draw", async () => {
    const empty: LineChartInput = { title: "Followers", yTitle: "Followers", series: [] };
    const allNull: LineChartInput = {
      title: "Followers",
      yTitle: "Followers",
      series: [{ name: "X", points: days("2026-11-01", 7, () => null) }],
    };
    expect(pngSize(await renderLineChart(empty))).toEqual({ width: 1440, height: 640 });
    expect(pngSize(await renderLineChart(allNull))).toEqual({ width: 1440, height: 640 });
    expect(hasChartData(empty)).toBe(false);
    expect(hasChartData(allNull)).toBe(false);
    expect(svgTexts(await renderSpecToSvg(noDataSpec(allNull))).sort()).toEqual(["Followers", "No data"]);
  });
});

describe("lineChartSpec", () => {
  it("leaves a gap at null values and never draws them as 0", async () => {
    const svg = await renderSpecToSvg(lineChartSpec(followers));
    // X has no gap: one sub-path. Facebook breaks at its four null days: two sub-paths.
    expect(linePath(svg, BLUE).match(/M/g)).toHaveLength(1);
    expect(linePath(svg, ORANGE).match(/M/g)).toHaveLength(2);
    // The y axis starts near the data (8,000), so a null drawn as 0 would have pulled in a "0" tick.
    const labels = svgTexts(svg);
    expect(labels).not.toContain("0");
    expect(labels).toContain("8,000");
  });

  it("writes large axis values as 12K, and a legend with one colour per series in input order", async () => {
    const svg = await renderSpecToSvg(lineChartSpec(followers));
    const labels = svgTexts(svg);
    expect(labels).toContain("12K");
    expect(labels).toContain("10K");
    expect(labels).toContain("Followers by platform");
    expect(labels).toContain("Followers");
    expect(labels.indexOf("X")).toBeLessThan(labels.indexOf("Facebook"));
    expect(labels).toContain("28 Oct");
  });

  it("uses only the shipped fonts", async () => {
    for (const file of chartFontFiles()) expect(existsSync(file)).toBe(true);
    const svg = await renderSpecToSvg(lineChartSpec(followers));
    const families = new Set([...svg.matchAll(/font-family="([^"]*)"/g)].map((m) => m[1]));
    expect([...families]).toEqual(["DejaVu Sans"]);
  });
});

describe("sparkline", () => {
  it("maps the lowest value to ▁ and the highest to █", () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe("▁▂▃▄▅▆▇█");
    expect(sparkline([10, 0, 5])).toBe("█▁▅");
  });

  it("shows a missing value as a space, never as a low bar", () => {
    expect(sparkline([1, null, 8])).toBe("▁ █");
    expect(sparkline([null, null])).toBe("  ");
    expect(sparkline([])).toBe("");
  });

  it("puts a flat series at mid height", () => {
    expect(sparkline([5, 5, 5])).toBe("▄▄▄");
  });

  it("resamples a long series to the width by averaging, 30 by default", () => {
    const values = Array.from({ length: 60 }, (_, i) => i);
    expect(sparkline(values)).toBe("▁▁▁▂▂▂▂▃▃▃▃▄▄▄▄▅▅▅▅▆▆▆▆▇▇▇▇███");
    expect(sparkline(values, 4)).toBe("▁▃▆█");
    const withHole = values.map((v) => (v === 10 || v === 11 ? null : v));
    expect(sparkline(withHole)[5]).toBe(" ");
  });

  it("keeps one character per value when the series is shorter than the width", () => {
    expect(sparkline([1, 2, 3], 10)).toBe("▁▅█");
  });
});

describe("chartAltText", () => {
  it("describes each series from its first to its last known value", () => {
    const input: LineChartInput = {
      title: "Followers by platform",
      yTitle: "Followers",
      series: [
        {
          name: "X",
          points: [
            { date: "2026-10-28", value: 12_300 },
            { date: "2026-11-10", value: null },
            { date: "2026-11-26", value: 12_900 },
          ],
        },
        {
          name: "Facebook",
          points: [
            { date: "2026-10-28", value: null },
            { date: "2026-10-29", value: 8_000 },
            { date: "2026-11-26", value: 10_900 },
          ],
        },
        { name: "Instagram", points: [{ date: "2026-11-26", value: 4_321 }] },
        { name: "TikTok", points: [{ date: "2026-11-26", value: null }] },
        {
          name: "YouTube",
          points: [
            { date: "2026-10-28", value: 0 },
            { date: "2026-11-26", value: 15 },
          ],
        },
      ],
    };
    expect(chartAltText(input)).toBe(
      "Followers by platform, 2026-10-28 to 2026-11-26: X 12.3K → 12.9K (+4.9%); " +
        "Facebook 8,000 → 10.9K (+36.3%); Instagram 4,321; TikTok no data; YouTube 0 → 15",
    );
  });

  it("keeps one decimal for rates", () => {
    const input: LineChartInput = {
      title: "Engagement rate",
      yTitle: "%",
      series: [
        {
          name: "All",
          points: [
            { date: "2026-11-01", value: 2.35 },
            { date: "2026-11-07", value: 2.5 },
          ],
        },
      ],
    };
    expect(chartAltText(input)).toBe("Engagement rate, 2026-11-01 to 2026-11-07: All 2.4 → 2.5 (+6.4%)");
  });

  it("says so when there is nothing to describe", () => {
    expect(chartAltText({ title: "Followers", yTitle: "Followers", series: [] })).toBe("Followers: no data");
  });
});
