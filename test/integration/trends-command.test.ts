import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Caller } from "../../src/core/command.ts";
import type { Reply } from "../../src/core/reply.ts";
import type { Db } from "../../src/db/client.ts";
import { setSetting } from "../../src/db/repos/settings-repo.ts";
import type { TrendReport } from "../../src/domain/grounding.ts";
import { ENABLE_LLM_HINT } from "../../src/trends/generate.ts";
import { type FakeOpenAi, type FakeRequest, jsonReply, startFakeOpenAi } from "../fakes/fake-openai.ts";
import { tempDb } from "../helpers/db.ts";
import {
  fakeSummarizer,
  goodParisReport,
  goodParisReportFr,
  seedTrendNetwork,
  trendDeps,
  trendDispatcher,
} from "./trends-helpers.ts";

interface LanguageData {
  language: string;
  writtenIn: string;
  source: "llm" | "automatic";
  grounded: boolean;
  cached: boolean;
  model: string | null;
  fallbackReason: string | null;
  violations: { text: string; attempt: number }[];
  report: TrendReport;
}

interface TrendData extends LanguageData {
  subject: { kind: string; code: string };
  period: { key: string; start: string; end: string; days: number };
  previous: { start: string; end: string };
  usage: unknown;
  languages: LanguageData[];
  llm: { llmEnabled: boolean; rateLimited: boolean };
  facts: { id: string; value: unknown; display: string }[];
}

const ALICE: Caller = { platform: "slack", userId: "U-ALICE" };
const BOB: Caller = { platform: "slack", userId: "U-BOB" };

let fake: FakeOpenAi;

beforeEach(async () => {
  fake = await startFakeOpenAi();
});

afterEach(async () => {
  await fake.close();
});

function seeded(): Db {
  const db = tempDb();
  seedTrendNetwork(db);
  return db;
}

function grant(db: Db, caller: Caller, role: string, mission: string | null): void {
  db.$client
    .prepare(
      "INSERT INTO members (platform, user_id, role, mission_id) VALUES (?, ?, ?, (SELECT id FROM missions WHERE code = ?))",
    )
    .run(caller.platform, caller.userId, role, mission);
}

function factsOf(data: TrendData): Record<string, string> {
  return Object.fromEntries(data.facts.map((f) => [f.id, f.display]));
}

function texts(reply: Reply): string[] {
  return reply.elements.flatMap((e) =>
    e.type === "text" || e.type === "context" || e.type === "header" ? [e.text] : [],
  );
}

/** Answers French prompts with the French report and others with the English one. */
function bilingual(request: FakeRequest) {
  return jsonReply(request.system.includes("French") ? goodParisReportFr() : goodParisReport());
}

/** A report with no number at all: grounded for any facts. */
const PLAIN: TrendReport = {
  headline: { text: "A steady month.", facts: [] },
  highlights: [{ text: "Posting went on as usual.", facts: ["posts"] }],
  concerns: [],
  recommendations: [{ text: "Keep going.", facts: [] }],
};

describe("/trends without an LLM", () => {
  it("gives the automatic summary in the mission's language and English, with one line on enabling the LLM", async () => {
    const db = seeded();
    const app = trendDispatcher(trendDeps(db));
    const outcome = await app.run("/trends paris");
    if (outcome.status !== "ok") throw new Error(outcome.status);
    const data = outcome.result.data as TrendData;
    expect(data.subject).toMatchObject({ kind: "mission", code: "paris" });
    expect(data.period).toEqual({ key: "2026-10", start: "2026-10-01", end: "2026-10-31", days: 31 });
    expect(data.previous).toEqual({ start: "2026-09-01", end: "2026-09-30", days: 30 });
    expect(data.source).toBe("automatic");
    expect(data.grounded).toBe(true);
    expect(data.fallbackReason).toBe("no LLM is set up");
    expect(data.llm).toEqual({ llmEnabled: false, rateLimited: false });
    expect(data.languages.map((l) => [l.language, l.writtenIn, l.source])).toEqual([
      ["fr", "fr", "automatic"],
      ["en", "en", "automatic"],
    ]);

    // The figures, by hand (see seedTrendNetwork).
    const facts = factsOf(data);
    expect(facts).toMatchObject({
      followers: "12.3K",
      followers_previous: "12K",
      followers_change: "+300",
      followers_change_pct: "+2.5%",
      followers_change_pct_previous: "+2.1%",
      posts: "4",
      posts_previous: "2",
      posts_change_pct: "+100.0%",
      interactions: "410",
      interactions_change_pct: "+412.5%",
      interactions_per_post: "102.5",
      engagement_rate: "0.8%",
      engagement_rate_previous: "0.3%",
      engagement_rate_change_pts: "+0.5",
      ranked_missions: "4",
      rank_engagement: "3",
      rank_followers: "3",
      region_missions: "3",
      region_median_engagement: "0.8%",
      region_median_followers: "12.3K",
      peer_missions: "2",
      peer_followers_low: "6,150",
      peer_followers_high: "24.6K",
      peer_median_engagement: "1.1%",
      peer_median_posts: "1.5",
      top_post_1_platform: "Instagram",
      top_post_1_date: "2026-10-20",
      top_post_1_interactions: "220",
      top_post_2_interactions: "120",
      top_post_3_interactions: "60",
      bottom_post_1_interactions: "10",
      bottom_post_1_date: "2026-10-28",
      alerts: "1",
      alert_1_kind: "post far above usual",
      alert_1_date: "2026-10-20",
      alert_1_interactions: "220",
    });
    expect(facts.bottom_post_2_interactions).toBeUndefined();
    expect(facts.content_adoption_pct).toBeUndefined();

    const shown = texts(outcome.result.reply);
    expect(shown[0]).toBe("Trend report — Embassy of Arcadia in Paris — October 2026");
    expect(shown).toContain(ENABLE_LLM_HINT);
    expect(shown).toContain(
      "Français (French) — automatic summary built from our figures (no LLM is set up).",
    );
    expect(shown).toContain("English — automatic summary built from our figures (no LLM is set up).");
    expect(shown).toContain(
      "Embassy of Arcadia in Paris : 12.3K abonnés (+2.5%) et un taux d'engagement de 0.8% en octobre 2026.",
    );
    const fields = outcome.result.reply.elements.find((e) => e.type === "fields");
    expect(fields).toEqual({
      type: "fields",
      fields: [
        { label: "Followers", value: "12.3K (+2.5%)" },
        { label: "Posts", value: "4 (0.9 a week; before: 2)" },
        { label: "Interactions", value: "410 (102.5 per post)" },
        { label: "Engagement rate", value: "0.8% (region median 0.8%; peers 1.1%)" },
      ],
    });
  });

  it("defaults to the officer's own mission and the last full month; a period alone is read as the period", async () => {
    const db = seeded();
    grant(db, ALICE, "mission_officer", "washington");
    const app = trendDispatcher(trendDeps(db));
    const own = await app.data<TrendData>("/trends", ALICE);
    expect([own.subject.code, own.period.key, own.languages.map((l) => l.language)]).toEqual([
      "washington",
      "2026-10",
      ["en"],
    ]);
    const september = await app.data<TrendData>("/trends 2026-09", ALICE);
    expect([september.subject.code, september.period.key]).toEqual(["washington", "2026-09"]);
  });

  it("asks a viewer which mission; gives the SCD the weekly brief on all missions", async () => {
    const db = seeded();
    grant(db, BOB, "scd", null);
    const app = trendDispatcher(trendDeps(db));
    const viewer = await app.run("/trends", ALICE);
    expect(viewer.status).toBe("user_error");
    if (viewer.status === "user_error") {
      expect(viewer.error.message).toBe(
        "Say which mission, e.g. /trends washington, or /trends network for the weekly brief on all missions.",
      );
    }
    const brief = await app.data<TrendData>("/trends", BOB);
    expect(brief.subject).toMatchObject({ kind: "network", code: "scd" });
    // As-of 2 November in Athens: the ISO week that ended on Sunday 1 November.
    expect(brief.period).toEqual({ key: "2026-W44", start: "2026-10-26", end: "2026-11-01", days: 7 });
  });

  it("the network brief over a month: totals and the movers, by hand", async () => {
    const db = seeded();
    const data = await trendDispatcher(trendDeps(db)).data<TrendData>("/trends network 2026-10");
    expect(factsOf(data)).toMatchObject({
      missions: "4",
      followers: "91.2K",
      posts: "8",
      interactions: "1,440",
      growth_top_1_mission: "Embassy of Arcadia in Paris",
      growth_top_1_pct: "+2.5%",
      growth_top_2_mission: "Embassy of Arcadia in Washington",
      growth_top_2_pct: "+2.0%",
      growth_top_3_pct: "+1.0%",
      growth_bottom_1_mission: "Embassy of Arcadia in Berlin",
      growth_bottom_1_pct: "-1.0%",
      top_post_1_mission: "Embassy of Arcadia in Washington",
      top_post_1_interactions: "600",
    });
    expect(data.grounded).toBe(true);
  });

  it("says what is wrong with a period, and changes nothing", async () => {
    const db = seeded();
    const outcome = await trendDispatcher(trendDeps(db)).run("/trends paris 2026-13");
    expect(outcome.status).toBe("user_error");
    if (outcome.status === "user_error") {
      expect(outcome.error.message).toBe('"2026-13" is not a month: write it as YYYY-MM, e.g. 2026-10.');
    }
  });
});

describe("/trends with an LLM (the real openai client against the fake server)", () => {
  it("shows the LLM's reports in French and English, then serves them from the cache", async () => {
    const db = seeded();
    fake.setFallback(bilingual);
    const app = trendDispatcher(trendDeps(db, { summarizer: fakeSummarizer(fake) }));
    const outcome = await app.run("/trends paris", ALICE);
    if (outcome.status !== "ok") throw new Error(outcome.status);
    const data = outcome.result.data as TrendData;
    expect(data.source).toBe("llm");
    expect(data.model).toBe("fake-model-1");
    expect(data.report).toEqual(goodParisReport());
    expect(data.usage).toEqual({ promptTokens: 100, completionTokens: 50, totalTokens: 150 });
    expect(data.languages.map((l) => [l.language, l.source, l.cached])).toEqual([
      ["fr", "llm", false],
      ["en", "llm", false],
    ]);
    expect(data.languages[0]?.report).toEqual(goodParisReportFr());
    expect(fake.requests.map((r) => r.system.includes("French"))).toEqual([true, false]);
    const shown = texts(outcome.result.reply);
    expect(shown).toContain(
      "Français (French) — written by an LLM (fake-model-1) from our figures; every number in it was checked against them.",
    );
    expect(shown).toContain("Paris grew to 12.3K followers (+2.5%) in October 2026.");
    expect(shown).not.toContain(ENABLE_LLM_HINT);

    const again = await app.data<TrendData>("/trends paris", ALICE);
    expect(again.languages.map((l) => [l.language, l.source, l.cached])).toEqual([
      ["fr", "llm", true],
      ["en", "llm", true],
    ]);
    expect(again.report).toEqual(goodParisReport());
    expect(fake.requests).toHaveLength(2);
    const stored = db.$client
      .prepare("SELECT scope, period_key AS periodKey, language, source FROM trend_reports ORDER BY language")
      .all();
    expect(stored).toEqual([
      { scope: "paris", periodKey: "2026-10", language: "en", source: "llm" },
      { scope: "paris", periodKey: "2026-10", language: "fr", source: "llm" },
    ]);
  });

  it("never shows an injected claim: the fake repeats the caption's 1M followers, the reader gets our figures", async () => {
    const db = seeded();
    fake.setFallback(() =>
      jsonReply({
        ...goodParisReport(),
        headline: { text: "Paris has 1M followers.", facts: ["followers"] },
      }),
    );
    const outcome = await trendDispatcher(trendDeps(db, { summarizer: fakeSummarizer(fake) })).run(
      "/trends paris 2026-10",
    );
    if (outcome.status !== "ok") throw new Error(outcome.status);
    const data = outcome.result.data as TrendData;
    expect(data.source).toBe("automatic");
    expect(data.grounded).toBe(true);
    expect(data.violations.map((v) => [v.attempt, v.text])).toEqual([
      [1, "1M"],
      [2, "1M"],
    ]);
    expect(data.languages.map((l) => [l.language, l.source])).toEqual([
      ["fr", "automatic"],
      ["en", "automatic"],
    ]);
    const shown = texts(outcome.result.reply).join("\n");
    expect(shown).not.toContain("1M");
    expect(shown).toContain(
      "English — automatic summary built from our figures (the LLM's report stated figures that do not match our facts, twice). Nothing of the LLM's report is shown.",
    );
    expect(db.$client.prepare("SELECT count(*) AS n FROM trend_reports").get()).toEqual({ n: 0 });
  });

  it("limits each user to 5 LLM reports an hour; past that, the automatic summary says when the LLM can write again", async () => {
    const db = seeded();
    fake.setFallback(() => jsonReply(PLAIN));
    const app = trendDispatcher(trendDeps(db, { summarizer: fakeSummarizer(fake) }));
    for (const month of ["2026-10", "2026-09", "2026-08", "2026-07", "2026-06"]) {
      const data = await app.data<TrendData>(`/trends washington ${month}`, ALICE);
      expect([month, data.source, data.llm.rateLimited]).toEqual([month, "llm", false]);
    }
    const outcome = await app.run("/trends washington 2026-05", ALICE);
    if (outcome.status !== "ok") throw new Error(outcome.status);
    const data = outcome.result.data as TrendData;
    expect([data.source, data.llm.rateLimited, data.fallbackReason]).toEqual([
      "automatic",
      true,
      "your LLM reports for this hour are used up",
    ]);
    expect(texts(outcome.result.reply)).toContain(
      "You have asked for 5 LLM reports in the past hour, the most allowed, so this is the automatic summary. The LLM can write for you again after 13:00 UTC.",
    );
    expect(fake.requests).toHaveLength(5);
    // A cached report costs nothing, and another user has their own allowance.
    expect((await app.data<TrendData>("/trends washington 2026-10", ALICE)).source).toBe("llm");
    expect((await app.data<TrendData>("/trends washington 2026-05", BOB)).source).toBe("llm");
    expect(fake.requests).toHaveLength(6);
  });

  it("asks the LLM once when it is down: both languages get the automatic summary, saying why", async () => {
    const db = seeded();
    fake.setFallback(() => ({ kind: "error", status: 500, message: "The server had an error" }));
    const data = await trendDispatcher(trendDeps(db, { summarizer: fakeSummarizer(fake) })).data<TrendData>(
      "/trends paris",
    );
    expect(data.languages.map((l) => [l.language, l.source, l.fallbackReason])).toEqual([
      ["fr", "automatic", "the LLM service failed (500)"],
      ["en", "automatic", "the LLM service failed (500)"],
    ]);
    expect(fake.requests).toHaveLength(1);
  });

  it("the limit is a setting", async () => {
    const db = seeded();
    setSetting(db, "trends.llm_per_hour", "1");
    fake.setFallback(() => jsonReply(PLAIN));
    const app = trendDispatcher(trendDeps(db, { summarizer: fakeSummarizer(fake) }));
    expect((await app.data<TrendData>("/trends washington 2026-10", ALICE)).source).toBe("llm");
    expect((await app.data<TrendData>("/trends washington 2026-09", ALICE)).llm.rateLimited).toBe(true);
  });
});
