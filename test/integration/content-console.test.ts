import { describe, expect, it } from "vitest";
import type { DispatchOutcome } from "../../src/core/dispatch.ts";
import { listAudit } from "../../src/db/repos/audit-repo.ts";
import { getContentItem } from "../../src/db/repos/content-repo.ts";
import { importFile } from "../../src/ingest/import-file.ts";
import { contentDeliveryJob, contentFollowUpJob, contentReminderJob } from "../../src/jobs/content-jobs.ts";
import {
  ADMIN,
  contentNetwork,
  KARACHI_OFFICER,
  outboxRows,
  runContentJob,
  SCD,
  WASHINGTON_OFFICER,
  xContentCsv,
  xPostId,
} from "./content-helpers.ts";

const NEW =
  '/content new title="National Day" kind=infographic description="Our national day, in one picture" assets=https://mfa.example/nd.png captions.en="Happy National Day to all our friends" captions_fr="Bonne fête nationale" hashtags=#NationalDay,#Arcadia targets="region:Americas;missions:riyadh" due=2026-12-05';

function userError(outcome: DispatchOutcome) {
  if (outcome.status !== "user_error") throw new Error(`expected a user error, got ${outcome.status}`);
  return outcome.error;
}

function countItems(db: ReturnType<typeof contentNetwork>["db"]): number {
  return (db.$client.prepare("SELECT COUNT(*) AS n FROM content_items").get() as { n: number }).n;
}

describe("content through the console path (dispatcher, as `dmd ask` runs it)", () => {
  it("creates, delivers once, refuses another mission's officer, records a claim, verifies it from an import", async () => {
    const { db, t } = contentNetwork();
    const created = await t.data<{ id: number; missions: string[]; withoutChannel: string[] }>(NEW, SCD);
    expect(created).toMatchObject({
      id: 1,
      missions: ["riyadh", "sao-paulo", "washington"],
      withoutChannel: ["sao-paulo"],
    });
    expect(getContentItem(db, 1)).toMatchObject({
      title: "National Day",
      captions: { en: "Happy National Day to all our friends", fr: "Bonne fête nationale" },
      hashtags: ["NationalDay", "Arcadia"],
      targets: { all: false, regions: ["Americas"], kinds: [], missions: ["riyadh"] },
    });

    // Delivery: one ping per targeted mission with a channel; none for karachi; none twice.
    await runContentJob(contentDeliveryJob, t.deps, "fleet", "2026-11-27T12:05:00Z");
    await runContentJob(contentDeliveryJob, t.deps, "fleet", "2026-11-27T12:10:00Z");
    expect(outboxRows(db)).toEqual([
      { key: "content:1:riyadh:slack", channel: "C0RIYADH", kind: "content", status: "pending" },
      { key: "content:1:washington:slack", channel: "dmd-washington", kind: "content", status: "pending" },
    ]);

    const link = `https://x.com/ArcadiaInUSA/status/${xPostId("2026-11-28T15:00:00Z")}`;
    const denied = userError(await t.run(`/content answer 1 washington shared ${link}`, KARACHI_OFFICER));
    expect(denied.code).toBe("forbidden");
    expect(denied.message).toBe(
      "Only washington's officers can answer for washington; you answer for karachi.",
    );
    expect(listAudit(db, { limit: 1, actor: "slack:U0KOFF" })[0]).toMatchObject({
      command: "content answer",
      outcome: "denied",
    });

    const answered = await t.data<{ state: string; verified: boolean }>(
      `/content answer 1 washington shared ${link}`,
      WASHINGTON_OFFICER,
    );
    expect(answered).toMatchObject({ state: "claimed", verified: false });
    const audit = listAudit(db, { limit: 5, actor: "slack:U0OFF" });
    expect(audit.map((a) => [a.command, a.outcome])).toEqual([
      ["content answer", "ok"],
      ["content.answer", "ok"],
    ]);
    expect(audit[1]?.details).toMatchObject({
      contentId: 1,
      mission: "washington",
      answer: "shared",
      links: [link],
      state: "claimed",
    });

    // The post arrives in an X export two days later: the claim becomes a verified share.
    await importFile(db, {
      fileName: "account_analytics_content_2026-11-01_2026-11-30.csv",
      bytes: xContentCsv("ArcadiaInUSA", [
        ["2026-11-28T15:00:00Z", "Sat, Nov 28, 2026", "Happy National Day! #NationalDay", 40, 5, 7],
        ["2026-11-28T18:00:00Z", "Sat, Nov 28, 2026", "Consular hours", 1, 0, 0],
      ]),
      handle: "x:ArcadiaInUSA",
      actor: "console:tester",
      now: new Date("2026-11-29T12:00:00Z"),
    });
    const status = await t.data<{
      verified: number;
      claimed: number;
      pending: number;
      interactions: number | null;
      medianHoursToShare: number | null;
      missions: { mission: string; state: string; post: { url: string } | null }[];
      byRegion: { region: string; targeted: number; verified: number }[];
    }>("/content status 1", SCD);
    expect(status).toMatchObject({
      verified: 1,
      claimed: 0,
      pending: 2,
      interactions: 52,
      medianHoursToShare: 27,
    });
    expect(status.missions.find((m) => m.mission === "washington")).toMatchObject({
      state: "verified",
      post: { url: link },
    });
    expect(status.byRegion).toEqual([
      {
        region: "Americas",
        targeted: 2,
        verified: 1,
        claimed: 0,
        willShare: 0,
        declined: 0,
        pending: 1,
        flagged: 0,
      },
      {
        region: "Middle East",
        targeted: 1,
        verified: 0,
        claimed: 0,
        willShare: 0,
        declined: 0,
        pending: 1,
        flagged: 0,
      },
    ]);
  });

  it("verifies a share nobody claimed, from the hashtags of an imported post", async () => {
    const { db, t } = contentNetwork();
    await t.data(NEW, SCD);
    await importFile(db, {
      fileName: "account_analytics_content_2026-11-01_2026-11-30.csv",
      bytes: xContentCsv("ArcadiaInKSA", [
        ["2026-11-30T09:00:00Z", "Mon, Nov 30, 2026", "يوم وطني سعيد #NationalDay #Arcadia", 10, 1, 2],
      ]),
      handle: "x:ArcadiaInKSA",
      actor: "console:tester",
      now: new Date("2026-11-30T12:00:00Z"),
    });
    const status = await t.data<{ missions: { mission: string; state: string }[] }>("/content status 1", SCD);
    expect(status.missions.map((m) => [m.mission, m.state])).toEqual([
      ["riyadh", "verified"],
      ["sao-paulo", "pending"],
      ["washington", "pending"],
    ]);
  });

  it("reminds the missions that have not answered the day before the due date, once", async () => {
    const { db, t } = contentNetwork();
    await t.data(NEW, SCD);
    await t.data("/content answer 1 washington will 2026-12-04", WASHINGTON_OFFICER);
    // Riyadh 09:00 on 2026-12-03 (UTC+3): due in two days, no reminder yet.
    await runContentJob(contentReminderJob, t.deps, "riyadh", "2026-12-03T06:00:00Z");
    expect(outboxRows(db).filter((r) => r.kind === "reminder")).toEqual([]);
    // 2026-12-04, 09:00 local: riyadh has not answered; washington said when it will share.
    await runContentJob(contentReminderJob, t.deps, "riyadh", "2026-12-04T06:00:00Z");
    await runContentJob(contentReminderJob, t.deps, "washington", "2026-12-04T14:00:00Z");
    await runContentJob(contentReminderJob, t.deps, "riyadh", "2026-12-05T06:00:00Z");
    expect(outboxRows(db).filter((r) => r.kind === "reminder")).toEqual([
      { key: "content-reminder:1:riyadh:slack", channel: "C0RIYADH", kind: "reminder", status: "pending" },
    ]);
    // Missions without a channel have no reminder schedule at all.
    expect(contentReminderJob.scopes(t.deps).map((s) => s.key)).toEqual(["karachi", "riyadh", "washington"]);
  });

  it("sums up for the SCD after the due date, closes the item, and flags a claim left unproven for 7 days", async () => {
    const { db, t } = contentNetwork();
    await t.data(NEW, SCD);
    await t.data(
      "/content answer 1 washington shared https://x.com/ArcadiaInUSA/status/99",
      WASHINGTON_OFFICER,
    );
    await t.data("/content answer 1 riyadh na host-country Not this month", ADMIN);
    const scd = userError(await t.run("/content answer 1 riyadh na language", SCD));
    expect(scd.code).toBe("forbidden");
    // 2026-12-04 09:00 Athens: the claim (2026-11-27 12:00Z) is not yet 7 days old.
    await runContentJob(contentFollowUpJob, t.deps, "fleet", "2026-12-04T07:00:00Z");
    expect(outboxRows(db)).toEqual([]);
    // 2026-12-05: flagged; the item is still due today.
    await runContentJob(contentFollowUpJob, t.deps, "fleet", "2026-12-05T07:00:00Z");
    expect(outboxRows(db)).toEqual([
      {
        key: "content-flagged:2026-12-05:slack",
        channel: "C0SCD",
        kind: "content_flagged",
        status: "pending",
      },
    ]);
    // 2026-12-06: past due: the summary, once, and the item is closed.
    await runContentJob(contentFollowUpJob, t.deps, "fleet", "2026-12-06T07:00:00Z");
    await runContentJob(contentFollowUpJob, t.deps, "fleet", "2026-12-07T07:00:00Z");
    expect(outboxRows(db).map((r) => r.key)).toEqual([
      "content-flagged:2026-12-05:slack",
      "content-summary:1:slack",
    ]);
    expect(getContentItem(db, 1)?.status).toBe("closed");
    const payload = JSON.parse(
      (
        db.$client
          .prepare("SELECT payload FROM outbox WHERE idempotency_key = 'content-summary:1:slack'")
          .get() as { payload: string }
      ).payload,
    );
    expect(payload.reply.fallback).toBe(
      "Content summary: “National Day” (due 2026-12-05): 0 of 3 missions shared it",
    );
    const texts = JSON.stringify(payload.reply.elements);
    expect(texts).toContain("riyadh: host-country sensitivity — Not this month");
    expect(texts).toContain(
      "Claimed 7+ days ago, no matching post found: washington (https://x.com/ArcadiaInUSA/status/99)",
    );
    const open = await t.data<{ items: unknown[] }>("/content list", SCD);
    expect(open.items).toEqual([]);
    const all = await t.data<{ items: { id: number; status: string }[] }>("/content list all", SCD);
    expect(all.items).toMatchObject([{ id: 1, status: "closed" }]);
  });

  it("reads caption keys written captions.fr, caption.fr, captions_fr, captions-fr or captionsFr", async () => {
    const { db, t } = contentNetwork();
    for (const key of ["captions.fr", "caption.fr", "captions_fr", "Captions-FR", "captionsFr"]) {
      await t.data(
        `/content new title=T ${key}="Bonjour à tous" targets=missions:karachi due=2026-12-01`,
        SCD,
      );
    }
    const captions = db.$client.prepare("SELECT captions FROM content_items ORDER BY id").all() as {
      captions: string;
    }[];
    expect(captions.map((c) => JSON.parse(c.captions))).toEqual(Array(5).fill({ fr: "Bonjour à tous" }));
  });

  it("refuses bad input clearly and saves nothing", async () => {
    const { db, t } = contentNetwork();
    const cases: [string, string, string][] = [
      [
        "/content new title=T targets=region:Atlantis due=2026-12-01",
        "bad_content",
        'Nothing was saved. Please fix this:\n• There is no region called "Atlantis". Regions: Americas, Asia-Pacific, HQ, Middle East.',
      ],
      [
        "/content new title=T targets=all due=2026-11-26",
        "bad_content",
        "Nothing was saved. Please fix this:\n• due=2026-11-26 is in the past (today is 2026-11-27). Give today or a later day.",
      ],
      [
        "/content new title=T targets=kind:permanent_mission due=2026-12-01",
        "bad_content",
        "Nothing was saved. Please fix this:\n• These targets match no mission (permanent mission). Check the region and kind, or name missions.",
      ],
      ["/content new title=T due=2026-12-01", "bad_argument", "Missing targets: Who it is for:"],
      [
        "/content new title=T kind=poster targets=all due=2026-12-01",
        "bad_argument",
        "`poster` is not a valid kind: expected one of documentary, infographic, photo, story, other.",
      ],
    ];
    for (const [line, code, message] of cases) {
      const error = userError(await t.run(line, SCD));
      expect(error.code, line).toBe(code);
      expect(error.message.startsWith(message), `${line}\n${error.message}`).toBe(true);
    }
    const forbidden = userError(
      await t.run("/content new title=T targets=all due=2026-12-01", WASHINGTON_OFFICER),
    );
    expect(forbidden.code).toBe("forbidden");
    expect(countItems(db)).toBe(0);
    expect(listAudit(db, { limit: 10, command: "content new" }).map((a) => a.outcome)).toEqual([
      "denied",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
    ]);
    const stray = userError(
      await t.run("/content answer 1 washington shared https://x.com/a/status/1", WASHINGTON_OFFICER),
    );
    expect(stray.message).toBe("There is no content item #1. Type /content list to see them.");
  });

  it("refuses answers for a mission the item was not sent to, and re-answers after a verified share", async () => {
    const { t } = contentNetwork();
    await t.data(NEW, SCD);
    const karachi = userError(await t.run("/content answer 1 karachi na language", KARACHI_OFFICER));
    expect(karachi.message).toBe(
      "Content #1 “National Day” was not sent to karachi: it is for Americas + riyadh.",
    );
    const bad = userError(await t.run("/content answer 1 washington will tomorrow", WASHINGTON_OFFICER));
    expect(bad.message).toBe(
      "Say on which day you will share it, as YYYY-MM-DD: /content answer 1 washington will 2026-11-28.",
    );
  });
});
