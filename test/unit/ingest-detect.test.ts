import { describe, expect, it } from "vitest";
import { bytesSource } from "../../src/ingest/byte-source.ts";
import { sniffFile } from "../../src/ingest/csv/sniff.ts";
import { FORMATS } from "../../src/ingest/import-file.ts";
import { fixture } from "../integration/import-helpers.ts";

function sniff(fileName: string, text: string | Buffer, containerName: string | null = null) {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  return sniffFile({ fileName, containerName, source: bytesSource(bytes) });
}

describe("format detection", () => {
  it.each([
    ["tweet_activity_metrics_Embassy_Fr_20250301_20250331_en.csv", "x_tweet_activity", "header"],
    ["daily_tweet_activity_metrics_Embassy_Fr_20250301_20250303_en.csv", "x_daily_activity", "header"],
    ["account_analytics_content_2025-03-01_2025-03-20.csv", "x_premium_content", "header"],
    ["account_analytics_content_2026-08-01_2026-08-31.csv", "x_premium_content", "header"],
    ["account_overview_analytics.csv", "x_premium_overview", "header"],
    ["facebook-content-mar-2025.csv", "facebook_content", "header"],
    ["facebook-content-old.csv", "facebook_content", "header"],
    ["instagram-content-apr-2025.csv", "instagram_content", "header"],
    ["Views.csv", "meta_page_metric", "preamble"],
    ["facebook_page_insights_2014.csv", "facebook_legacy_page", "header"],
    [
      "Facebook Insights Data Export (Post) - Embassy of Freedonia - 2016-02-20.csv",
      "facebook_legacy_posts",
      "header",
    ],
    ["Totals-views-resaved.csv", "youtube_totals", "file name"],
    ["Overview.csv", "tiktok_overview", "header"],
    ["FollowerHistory.csv", "tiktok_followers", "header"],
    ["Content.csv", "tiktok_content", "header"],
  ])("%s -> %s by %s", (name, format, by) => {
    const s = sniff(name, fixture(name));
    expect(s.detection?.spec.name).toBe(format);
    expect(s.detection?.detectedBy).toBe(by);
  });

  it("tells YouTube's Table, Chart and Totals files apart", () => {
    expect(sniff("Table data.csv", "Content,Video title,Views\nTotal,,5\n").detection?.spec.name).toBe(
      "youtube_table",
    );
    expect(
      sniff("Chart data.csv", "Date,Content,Video title,Views\n2024-10-01,a,A,5\n").detection,
    ).toMatchObject({
      spec: { name: "youtube_chart" },
      detectedBy: "file name",
    });
    expect(
      sniff("chart.csv", "Date,Traffic source,Watch time (hours)\n2024-10-01,a,5\n").detection,
    ).toMatchObject({
      spec: { name: "youtube_chart" },
      detectedBy: "header",
    });
    expect(sniff("Chart data.csv", "Date,Views\n2024-10-01,5\n").detection).toMatchObject({
      spec: { name: "youtube_chart" },
      detectedBy: "file name",
    });
    expect(sniff("Totals.csv", "Date,Views\n2024-10-01,5\n").detection?.spec.name).toBe("youtube_totals");
    expect(sniff("anything.csv", "Date,Watch time (hours)\n2024-10-01,5\n").detection?.spec.name).toBe(
      "youtube_totals",
    );
    // A plain Date + metric file with another name is not taken for YouTube.
    expect(sniff("Viewers.csv", "Date,Total Viewers,New Viewers\n1,2,3\n").detection).toBeNull();
  });

  it("finds the header after a preamble and keeps the title", () => {
    const s = sniff("x.csv", 'sep=,\n"Follows"\n"Date","Primary"\n"2025-08-01T00:00:00","3"\n');
    expect(s.location).toMatchObject({ index: 2, title: "Follows", hasPreamble: true });
    expect(s.detection?.spec.name).toBe("meta_page_metric");
  });

  it("reads the handle the file names: X file name, Page ID, Account username, video link", () => {
    expect(
      sniff(
        "tweet_activity_metrics_My_Handle_20250301_20250331_en.csv",
        fixture("tweet_activity_metrics_Embassy_Fr_20250301_20250331_en.csv"),
      ).hint,
    ).toEqual({ handle: "My_Handle", from: "the file name" });
    expect(sniff("f.csv", fixture("facebook-content-mar-2025.csv")).hint).toMatchObject({
      externalId: "104857600123456",
      name: "Embassy of Freedonia in the USA",
    });
    expect(sniff("f.csv", fixture("instagram-content-apr-2025.csv")).hint).toMatchObject({
      handle: "freedonia.usa",
      externalId: "17841400000000001",
    });
    expect(sniff("Content.csv", fixture("Content.csv")).hint).toMatchObject({ handle: "freedonia_usa" });
    expect(
      sniff(
        "account_analytics_content_a_b.csv",
        fixture("account_analytics_content_2025-03-01_2025-03-20.csv"),
      ).hint,
    ).toMatchObject({ handle: "Embassy_Fr" });
    expect(sniff("Overview.csv", fixture("Overview.csv")).hint).toBeNull();
  });

  it("lists every format with its platform and kind", () => {
    expect(FORMATS.map((f) => f.name)).toEqual([
      "x_tweet_activity",
      "x_daily_activity",
      "x_premium_content",
      "x_premium_overview",
      "facebook_content",
      "instagram_content",
      "meta_page_metric",
      "facebook_legacy_page",
      "facebook_legacy_posts",
      "youtube_table",
      "youtube_totals",
      "youtube_chart",
      "tiktok_overview",
      "tiktok_followers",
      "tiktok_content",
    ]);
    expect(FORMATS.find((f) => f.name === "meta_page_metric")).toMatchObject({
      platform: "facebook/instagram",
      kind: "daily",
    });
  });
});
