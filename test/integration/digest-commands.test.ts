import { describe, expect, it } from "vitest";
import type { Caller } from "../../src/core/command.ts";
import type { Db } from "../../src/db/client.ts";
import { upsertMember } from "../../src/db/repos/members-repo.ts";
import { testDispatcher } from "../helpers/app.ts";
import { tempDb } from "../helpers/db.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";

const OFFICER: Caller = { platform: "slack", userId: "U-OFFICER" };
const VIEWER: Caller = { platform: "slack", userId: "U-VIEWER" };
const SCD: Caller = { platform: "slack", userId: "U-SCD" };

function setup() {
  const db = tempDb();
  seedFixtureNetwork(db);
  const washington = db.$client.prepare("SELECT id FROM missions WHERE code = 'washington'").get() as {
    id: number;
  };
  upsertMember(db, {
    platform: "slack",
    userId: OFFICER.userId,
    role: "mission_officer",
    missionId: washington.id,
    grantedBy: null,
  });
  upsertMember(db, { platform: "slack", userId: SCD.userId, role: "scd", missionId: null, grantedBy: null });
  return { db, app: testDispatcher(db) };
}

async function userError(app: ReturnType<typeof testDispatcher>, text: string, caller?: Caller) {
  const outcome = await app.run(text, caller);
  if (outcome.status !== "user_error")
    throw new Error(`${text}: expected a user error, got ${outcome.status}`);
  return outcome.error;
}

describe("/digest preview", () => {
  it("shows an officer their own mission's digest for the week just ended", async () => {
    const { app } = setup();
    const outcome = await app.run("/digest preview", OFFICER);
    if (outcome.status !== "ok") throw new Error(outcome.status);
    const data = outcome.result.data as {
      kind: string;
      mission: { code: string };
      week: { label: string; start: string };
    };
    // Now is 2026-11-27: the week just ended in Washington is 16–22 November.
    expect(data).toMatchObject({
      kind: "full",
      mission: { code: "washington" },
      week: { label: "2026-W47", start: "2026-11-16" },
    });
    const reply = outcome.result.reply;
    expect(reply.ephemeral).toBe(true);
    expect(reply.elements[1]).toEqual({
      type: "context",
      text: "Preview of the digest Embassy of Arcadia in Washington's channel receives on 2026-11-23 at 09:00 local time.",
    });
  });

  it("shows any mission and week, the week first when no mission is given", async () => {
    const { db, app } = setup();
    db.$client
      .prepare(
        "INSERT INTO daily_metrics (handle_id, date, followers, source, collected_at) VALUES (1, '2026-11-10', 980, 'test', 'x')",
      )
      .run();
    const riyadh = await app.data<{ week: { start: string; end: string } }>(
      "/digest preview riyadh 2026-w46",
    );
    expect(riyadh.week).toMatchObject({ start: "2026-11-08", end: "2026-11-14" });
    const own = await app.data<{ mission: { code: string }; week: { label: string } }>(
      "/digest preview 2026-W46",
      OFFICER,
    );
    expect(own).toMatchObject({ mission: { code: "washington" }, week: { label: "2026-W46" } });
    const older = await app.run("/digest preview washington 2026-W46");
    const headline =
      older.status === "ok" ? older.result.reply.elements.find((e) => e.type === "text") : undefined;
    expect(headline?.type === "text" && headline.text).toBe(
      "Washington has 980 followers (growth in week 2026-W46 n/a: no earlier figure to compare with); engagement n/a (no posts with interaction counts).",
    );
  });

  it("shows the SCD roll-up", async () => {
    const { app } = setup();
    const data = await app.data<{ week: { label: string }; fleet: { missions: number } }>(
      "/digest preview scd",
      VIEWER,
    );
    expect(data.week.label).toBe("2026-W47");
    expect(data.fleet.missions).toBe(4);
  });

  it("asks which mission when the caller has none, and explains bad weeks", async () => {
    const { app } = setup();
    expect((await userError(app, "/digest preview", VIEWER)).code).toBe("which_mission");
    expect((await userError(app, "/digest preview washington 47")).message).toBe(
      '"47" is not a week: write an ISO week such as 2026-W47 (Monday 16 to Sunday 22 November 2026).',
    );
    expect((await userError(app, "/digest preview washington 2025-W53")).code).toBe("bad_period");
    expect((await userError(app, "/digest preview washington 2026-W49")).message).toBe(
      "Week 2026-W49 has not begun yet for Embassy of Arcadia in Washington (figures run to 2026-11-26). The latest complete week is 2026-W47.",
    );
    expect((await userError(app, "/digest preview hq")).code).toBe("no_digest");
    expect((await userError(app, "/digest preview atlantis")).code).toBe("unknown_mission");
  });
});

function seedLedger(db: Db) {
  const run = db.$client.prepare(
    `INSERT INTO job_runs (job, scope, period_key, status, late, scheduled_for, started_at, finished_at)
     VALUES ('digest', ?, '2026-W47', 'done', ?, ?, ?, ?)`,
  );
  const out = db.$client.prepare(
    `INSERT INTO outbox (idempotency_key, platform, channel_id, kind, payload, status, next_attempt_at, created_at, sent_at, last_error)
     VALUES (?, 'slack', ?, ?, '{}', ?, '2026-11-23T14:00:00Z', '2026-11-23T14:00:00Z', ?, ?)`,
  );
  db.$client
    .prepare("UPDATE missions SET slack_channel = 'C-' || code WHERE code IN ('riyadh', 'sao-paulo')")
    .run();
  // Washington on time; Riyadh caught up a day late; São Paulo had no data; Karachi has no channel.
  run.run("washington", 0, "2026-11-23T14:00:00Z", "2026-11-23T14:00:01Z", "2026-11-23T14:00:02Z");
  out.run(
    "digest:washington:2026-W47:slack",
    "dmd-washington",
    "digest",
    "sent",
    "2026-11-23T14:00:05Z",
    null,
  );
  run.run("riyadh", 1, "2026-11-22T06:00:00Z", "2026-11-23T08:00:00Z", "2026-11-23T08:00:01Z");
  out.run("digest:riyadh:2026-W47:slack", "C-riyadh", "digest", "sent", "2026-11-23T08:00:03Z", null);
  run.run("sao-paulo", 0, "2026-11-23T12:00:00Z", "2026-11-23T12:00:00Z", "2026-11-23T12:00:01Z");
  out.run(
    "digest:sao-paulo:2026-W47:slack",
    "C-sao-paulo",
    "digest_no_data",
    "sent",
    "2026-11-23T12:00:02Z",
    null,
  );
  // Another week's message is not this week's.
  out.run("digest:karachi:2026-W46:slack", "C-karachi", "digest", "sent", "2026-11-16T04:00:02Z", null);
}

describe("/digest log", () => {
  it("lists the week's digests that were late, skipped or without data", async () => {
    const { db, app } = setup();
    seedLedger(db);
    const outcome = await app.run("/digest log 2026-W47", SCD);
    if (outcome.status !== "ok") throw new Error(outcome.status);
    const data = outcome.result.data as { rows: { mission: string; outcome: string; late: boolean }[] };
    expect(data.rows.map((r) => [r.mission, r.outcome, r.late])).toEqual([
      ["karachi", "no_channel", false],
      ["riyadh", "sent", true],
      ["sao-paulo", "no_data", false],
      ["washington", "sent", false],
    ]);
    const [, summary, rollup, table] = outcome.result.reply.elements;
    expect(summary).toEqual({
      type: "text",
      text: "4 missions: 2 sent (1 late), 1 with no data, 1 skipped for lack of a channel.",
    });
    expect(rollup).toEqual({
      type: "context",
      text: "SCD roll-up: not sent, no SCD channel (an admin runs dmd settings set scd.slack_channel <channel>, or gives the hq mission a channel in the registry).",
    });
    expect(table?.type === "table" && table.rows.map((r) => r.slice(0, 3))).toEqual([
      ["Consulate General of Arcadia in Karachi", "skipped: no channel", "Mon 23 Nov 09:00"],
      ["Embassy of Arcadia in Riyadh", "sent late", "Sun 22 Nov 09:00"],
      [
        "Consulate General of Arcadia in São Paulo",
        "no data: the short message was sent",
        "Mon 23 Nov 09:00",
      ],
    ]);
  });

  it("says which digests are due but were never run, and is for the SCD and admins only", async () => {
    const { app } = setup();
    const data = await app.data<{ rows: { mission: string; outcome: string }[] }>("/digest log", SCD);
    expect(data.rows.find((r) => r.mission === "washington")?.outcome).toBe("missing");
    expect((await userError(app, "/digest log", OFFICER)).code).toBe("forbidden");
  });
});
