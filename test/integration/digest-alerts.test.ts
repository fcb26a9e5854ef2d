import { describe, expect, it } from "vitest";
import type { Deps } from "../../src/core/command.ts";
import type { Db } from "../../src/db/client.ts";
import { setSetting } from "../../src/db/repos/settings-repo.ts";
import { addDays } from "../../src/domain/dates.ts";
import { alertsJob } from "../../src/jobs/alerts-job.ts";
import type { JobScope, OutgoingMessage } from "../../src/jobs/job.ts";
import { testDispatcher } from "../helpers/app.ts";
import { tempDb } from "../helpers/db.ts";

/**
 * Paris: X @ArcadiaInFrance grows +10/+20 a day from 10,000 on 2026-10-20, then loses 500 on
 * 2026-11-25; it last posted on 2026-11-15. Facebook's token expired on 2026-11-20.
 */
function setup() {
  const db = tempDb();
  const sql = db.$client;
  sql
    .prepare(
      `INSERT INTO missions (id, code, name, kind, country, city, region, timezone, weekend, slack_channel)
       VALUES (1, 'paris', 'Embassy of Arcadia in Paris', 'embassy', 'France', 'Paris', 'Europe', 'Europe/Paris', 'sat-sun', 'C-paris'),
              (2, 'hq', 'Ministry', 'hq', 'Arcadia', 'Arcadia City', 'HQ', 'Europe/Athens', 'sat-sun', NULL)`,
    )
    .run();
  sql
    .prepare(
      `INSERT INTO handles (id, mission_id, platform, handle, verified, collection_status, collection_error, collection_error_since)
       VALUES (1, 1, 'x', 'ArcadiaInFrance', 1, NULL, NULL, NULL),
              (2, 1, 'facebook', 'ArcadiaFrance', 0, 'token_expired',
               'The Facebook token stored for facebook:ArcadiaFrance expired on 2026-11-20: renew it and store the new one with dmd credentials set facebook:ArcadiaFrance.',
               '2026-11-20T08:00:00Z')`,
    )
    .run();
  const daily = sql.prepare(
    "INSERT INTO daily_metrics (handle_id, date, followers, source, collected_at) VALUES (?, ?, ?, 'test', '2026-11-26T00:00:00Z')",
  );
  let followers = 10_000;
  for (let day = "2026-10-20", i = 0; day <= "2026-11-25"; day = addDays(day, 1), i++) {
    if (day === "2026-11-25") followers -= 500;
    else if (i > 0) followers += i % 2 === 0 ? 20 : 10;
    daily.run(1, day, followers);
  }
  sql
    .prepare(
      `INSERT INTO posts (handle_id, external_id, published_at, local_date, likes, source, collected_at)
       VALUES (1, 'p1', '2026-11-15T10:00:00Z', '2026-11-15', 12, 'test', '2026-11-26T00:00:00Z')`,
    )
    .run();
  setSetting(db, "scd.slack_channel", "C-scd");
  setSetting(db, "alerts.silent_days", "7");
  const app = testDispatcher(db);
  return { db, app, deps: app.deps };
}

const PARIS: JobScope = { key: "paris", timezone: "Europe/Paris", missionId: 1 };

function run(deps: Deps, now: string) {
  const sent: OutgoingMessage[] = [];
  const instant = new Date(now);
  const periodKey = alertsJob.periodKey(PARIS, instant);
  alertsJob.run({ deps, now: instant, scope: PARIS, periodKey, late: false, enqueue: (m) => sent.push(m) });
  return { sent, periodKey };
}

function alertRows(db: Db) {
  return db.$client
    .prepare("SELECT kind, subject, period_key AS periodKey, severity FROM alerts ORDER BY id")
    .all();
}

describe("alertsJob", () => {
  it("runs daily at 10:00 local for every mission abroad", () => {
    const { deps } = setup();
    expect(alertsJob.scopes(deps)).toEqual([PARIS]);
    expect(alertsJob.cron(PARIS, deps)).toBe("0 10 * * *");
    expect(alertsJob.periodKey(PARIS, new Date("2026-11-26T09:00:00Z"))).toBe("2026-11-26");
  });

  it("raises each alert once, to the mission, and the serious ones to the SCD as well", () => {
    const { db, deps } = setup();
    const first = run(deps, "2026-11-26T09:00:00Z");
    expect(alertRows(db)).toEqual([
      { kind: "follower_drop", subject: "handle:1", periodKey: "2026-11-25", severity: "serious" },
      { kind: "silent", subject: "handle:1", periodKey: "2026-11-15", severity: "warning" },
      { kind: "token_expired", subject: "handle:2", periodKey: "2026-11-20", severity: "serious" },
    ]);
    const firstId = (db.$client.prepare("SELECT min(id) AS id FROM alerts").get() as { id: number }).id;
    expect(first.sent.map((m) => [m.key, m.channelId, m.kind])).toEqual([
      [`alert:paris:2026-11-26:${firstId}:slack`, "C-paris", "alert"],
      [`alert-scd:paris:2026-11-26:${firstId}:slack`, "C-scd", "alert"],
    ]);
    const own = first.sent[0]?.reply.elements ?? [];
    expect(own[0]).toEqual({ type: "header", text: "3 alerts — Embassy of Arcadia in Paris" });
    const texts = own.flatMap((e) => (e.type === "text" ? [e.text] : []));
    // The 28 changes before 25 Nov alternate +10/+20: mean 15, standard deviation 5.
    expect(texts[0]).toBe(
      "X @ArcadiaInFrance lost 500 followers on Wed 25 Nov (-4.8%), far outside its usual change (usually +15 ± 5 a day over the previous 28 days). Check whether the account was restricted or hacked, or whether the platform removed fake followers.",
    );
    expect(texts[1]).toBe(
      "X @ArcadiaInFrance has not posted for 10 days (last post Sun 15 Nov). Post again, or tell the SCD if the account is paused on purpose.",
    );
    expect(texts[2]).toContain("Facebook @ArcadiaFrance: its API token has expired (since Fri 20 Nov)");
    const scd = first.sent[1]?.reply.elements ?? [];
    expect(scd[0]).toEqual({ type: "header", text: "Serious alerts — Embassy of Arcadia in Paris" });
    expect(scd.filter((e) => e.type === "text")).toHaveLength(2);

    // The same day again (a forced re-run), and the next day: nothing new, nothing sent.
    expect(run(deps, "2026-11-26T09:00:00Z").sent).toEqual([]);
    expect(run(deps, "2026-11-27T09:00:00Z").sent).toEqual([]);
    expect(alertRows(db)).toHaveLength(3);
  });

  it("raises a lost verification badge once, dated when it was recorded", async () => {
    const { db, deps } = setup();
    run(deps, "2026-11-26T09:00:00Z");
    const later = testDispatcher(db, { now: "2026-11-26T23:30:00Z" });
    expect((await later.run("/handle verify paris x ArcadiaInFrance no")).status).toBe("ok");
    const next = run(deps, "2026-11-27T09:00:00Z");
    // 23:30 UTC on the 26th is already the 27th in Paris.
    expect(alertRows(db).at(-1)).toEqual({
      kind: "verification_lost",
      subject: "handle:1",
      periodKey: "2026-11-27",
      severity: "serious",
    });
    expect(next.sent.map((m) => m.channelId)).toEqual(["C-paris", "C-scd"]);
    const text = next.sent[0]?.reply.elements.find((e) => e.type === "text");
    expect(text?.type === "text" && text.text).toBe(
      "X @ArcadiaInFrance lost its verification badge (Fri 27 Nov). Ask the platform to restore it; once it is back, record it with /handle verify paris x ArcadiaInFrance yes.",
    );
    expect(run(deps, "2026-11-28T09:00:00Z").sent).toEqual([]);
  });

  it("notices a badge lost without /handle verify (e.g. a registry import) from the last check", () => {
    const { db, deps } = setup();
    run(deps, "2026-11-26T09:00:00Z");
    db.$client.prepare("UPDATE handles SET verified = 0 WHERE id = 1").run();
    run(deps, "2026-11-27T09:00:00Z");
    expect(alertRows(db).at(-1)).toEqual({
      kind: "verification_lost",
      subject: "handle:1",
      periodKey: "2026-11-27",
      severity: "serious",
    });
  });

  it("reads the silent threshold from alerts.silent_days, 14 by default", () => {
    const { db, deps } = setup();
    setSetting(db, "alerts.silent_days", "14");
    run(deps, "2026-11-26T09:00:00Z");
    expect(alertRows(db).map((r) => (r as { kind: string }).kind)).not.toContain("silent");
    run(deps, "2026-11-30T09:00:00Z");
    // Silent from the 15th: 14 days are reached on the 29th, but the data only reach the 25th.
    expect(alertRows(db).map((r) => (r as { kind: string }).kind)).not.toContain("silent");
  });
});
