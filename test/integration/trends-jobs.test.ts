import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { deserializeReply } from "../../src/delivery/outbox.ts";
import { createScheduler } from "../../src/jobs/scheduler.ts";
import { monthlyTrendJob, weeklyScdBriefJob } from "../../src/jobs/trends-job.ts";
import { type FakeOpenAi, type FakeRequest, jsonReply, startFakeOpenAi } from "../fakes/fake-openai.ts";
import { createManualClock } from "../fakes/manual-clock.ts";
import { tempDb } from "../helpers/db.ts";
import {
  fakeSummarizer,
  goodParisReport,
  goodParisReportFr,
  seedTrendNetwork,
  trendDeps,
} from "./trends-helpers.ts";

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

function outbox(db: Db) {
  return db.$client
    .prepare("SELECT idempotency_key AS key, channel_id AS channel, kind, payload FROM outbox ORDER BY id")
    .all() as { key: string; channel: string; kind: string; payload: string }[];
}

function replyTexts(payload: string): string[] {
  return deserializeReply(payload).elements.flatMap((e) =>
    e.type === "text" || e.type === "context" || e.type === "header" ? [e.text] : [],
  );
}

describe("monthly trend reports through the scheduler and the outbox", () => {
  it("are planned on the first working day of the month at 09:00 local", () => {
    const db = seeded();
    const s = createScheduler({
      deps: trendDeps(db, { clock: createManualClock("2026-11-25T12:00:00Z") }),
      jobs: [monthlyTrendJob, weeklyScdBriefJob],
    });
    expect(s.plan().map((p) => [p.job, p.scope, p.timezone, p.cron])).toEqual([
      ["trends-monthly", "paris", "Europe/Paris", "0 9 1-4 * *"],
      ["trends-monthly", "washington", "America/New_York", "0 9 1-4 * *"],
      ["scd-brief", "scd", "Europe/Athens", "30 9 * * 1"],
    ]);
  });

  it("go out on Monday 2 November (1 November is a Sunday), in French and English, once", async () => {
    const db = seeded();
    fake.setFallback((r: FakeRequest) =>
      jsonReply(r.system.includes("French") ? goodParisReportFr() : goodParisReport()),
    );
    // 09:00 in Paris (UTC+1) on Monday 2 November 2026.
    const clock = createManualClock("2026-11-02T08:00:00Z");
    const s = createScheduler({
      deps: trendDeps(db, { clock, summarizer: fakeSummarizer(fake) }),
      jobs: [monthlyTrendJob],
    });
    const outcomes = await s.runDue({ scope: "paris" });
    // Sunday's slot belongs to the month reported last time (September): it is not due.
    expect(outcomes.map((o) => [o.periodKey, o.status, o.scheduledFor, o.queued])).toEqual([
      ["2026-09", "skipped", "2026-11-01T08:00:00.000Z", 0],
      ["2026-10", "done", "2026-11-02T08:00:00.000Z", 1],
    ]);
    expect(outcomes[1]?.detail).toBe("fr: llm; en: llm");
    expect(await s.runDue({ scope: "paris" })).toEqual([]);

    const rows = outbox(db);
    expect(rows.map((r) => [r.key, r.channel, r.kind])).toEqual([
      ["trends:paris:2026-10:slack", "dmd-paris", "trend_report"],
    ]);
    const shown = replyTexts(rows[0]?.payload ?? "");
    expect(shown[0]).toBe("Trend report — Embassy of Arcadia in Paris — October 2026");
    expect(shown).toContain("Paris atteint 12.3K abonnés (+2.5%) en octobre 2026.");
    expect(shown).toContain("Paris grew to 12.3K followers (+2.5%) in October 2026.");
    expect(deserializeReply(rows[0]?.payload ?? "").ephemeral).toBe(false);
  });

  it("without an LLM, the automatic summary goes out, saying so", async () => {
    const db = seeded();
    const clock = createManualClock("2026-11-02T14:00:00Z");
    const s = createScheduler({ deps: trendDeps(db, { clock }), jobs: [monthlyTrendJob] });
    const outcomes = await s.runDue({ scope: "washington", notBefore: new Date("2026-11-02T00:00:00Z") });
    expect(outcomes.map((o) => [o.periodKey, o.status, o.detail])).toEqual([
      ["2026-10", "done", "en: automatic (no LLM is set up)"],
    ]);
    const shown = replyTexts(outbox(db)[0]?.payload ?? "");
    expect(shown).toContain("English — automatic summary built from our figures (no LLM is set up).");
  });
});

describe("the SCD's weekly brief", () => {
  it("goes to the SCD channel on Monday 09:30 Athens time, on the ISO week just ended", async () => {
    const db = seeded();
    const clock = createManualClock("2026-11-02T07:30:00Z");
    const s = createScheduler({ deps: trendDeps(db, { clock }), jobs: [weeklyScdBriefJob] });
    const outcomes = await s.runDue();
    expect(outcomes.map((o) => [o.scope, o.periodKey, o.status, o.queued])).toEqual([
      ["scd", "2026-W44", "done", 1],
    ]);
    const rows = outbox(db);
    expect(rows.map((r) => [r.key, r.channel, r.kind])).toEqual([
      ["scd-brief:2026-W44:slack", "dmd-scd", "trend_report"],
    ]);
    expect(replyTexts(rows[0]?.payload ?? "")[0]).toBe("Weekly brief — All missions — 2026-W44");
  });

  it("is skipped, saying why, when the SCD has no channel", async () => {
    const db = seeded();
    db.$client.prepare("UPDATE missions SET slack_channel = NULL WHERE kind = 'hq'").run();
    const clock = createManualClock("2026-11-02T07:30:00Z");
    const s = createScheduler({ deps: trendDeps(db, { clock }), jobs: [weeklyScdBriefJob] });
    const outcomes = await s.runDue();
    expect(outcomes.map((o) => [o.status, o.detail])).toEqual([
      [
        "skipped",
        "no SCD channel: run dmd settings set scd.slack_channel <channel> (or scd.discord_channel), or give the hq mission a channel in the registry",
      ],
    ]);
    expect(outbox(db)).toEqual([]);
  });
});
