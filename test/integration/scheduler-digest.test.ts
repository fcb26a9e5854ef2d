import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import type { Deps } from "../../src/core/command.ts";
import { silentLogger } from "../../src/core/logger.ts";
import type { Db } from "../../src/db/client.ts";
import { digestJob } from "../../src/jobs/digest-job.ts";
import { rollupJob } from "../../src/jobs/rollup-job.ts";
import { createScheduler } from "../../src/jobs/scheduler.ts";
import { createManualClock, type ManualClock } from "../fakes/manual-clock.ts";
import { tempDb } from "../helpers/db.ts";

/** Missions in the zones the issue names, each with a Slack channel. */
const MISSIONS: [code: string, timezone: string, weekend: string][] = [
  ["new-york", "America/New_York", "sat-sun"],
  ["london", "Europe/London", "sat-sun"],
  ["kathmandu", "Asia/Kathmandu", "sat-sun"],
  ["karachi", "Asia/Karachi", "sat-sun"],
  ["sydney", "Australia/Sydney", "sat-sun"],
  ["riyadh", "Asia/Riyadh", "fri-sat"],
  ["tehran", "Asia/Tehran", "fri"],
];

function seed(db: Db): void {
  const insert = db.$client.prepare(
    `INSERT INTO missions (code, name, kind, country, city, region, timezone, weekend, slack_channel)
     VALUES (?, ?, 'embassy', 'X', 'Y', 'Z', ?, ?, ?)`,
  );
  for (const [code, tz, weekend] of MISSIONS) insert.run(code, `Embassy ${code}`, tz, weekend, `dmd-${code}`);
}

function deps(db: Db, clock: ManualClock): Deps {
  return {
    db,
    clock,
    logger: silentLogger(),
    config: loadConfig({ DMD_TIMEZONE: "Europe/Athens" }, { dbPath: ":memory:" }),
  };
}

function nextDigests(db: Db, at: string): Record<string, string | undefined> {
  const s = createScheduler({ deps: deps(db, createManualClock(at)), jobs: [digestJob] });
  return Object.fromEntries(s.plan().map((p) => [p.scope, p.next?.toISOString()]));
}

describe("weekly digests: each mission's first working day at 09:00 local", () => {
  it("in late November: Monday for sat-sun, Sunday for fri-sat and fri, in every zone", () => {
    const db = tempDb();
    seed(db);
    expect(nextDigests(db, "2026-11-25T12:00:00Z")).toEqual({
      "new-york": "2026-11-30T14:00:00.000Z",
      london: "2026-11-30T09:00:00.000Z",
      kathmandu: "2026-11-30T03:15:00.000Z",
      karachi: "2026-11-30T04:00:00.000Z",
      sydney: "2026-11-29T22:00:00.000Z",
      riyadh: "2026-11-29T06:00:00.000Z",
      tehran: "2026-11-29T05:30:00.000Z",
    });
  });

  it("across the autumn DST changes (London 25 Oct, New York 1 Nov)", () => {
    const db = tempDb();
    seed(db);
    const before = nextDigests(db, "2026-10-14T12:00:00Z");
    expect([before["new-york"], before.london]).toEqual([
      "2026-10-19T13:00:00.000Z",
      "2026-10-19T08:00:00.000Z",
    ]);
    const between = nextDigests(db, "2026-10-21T12:00:00Z");
    expect([between["new-york"], between.london]).toEqual([
      "2026-10-26T13:00:00.000Z",
      "2026-10-26T09:00:00.000Z",
    ]);
    const after = nextDigests(db, "2026-10-28T12:00:00Z");
    expect([after["new-york"], after.london]).toEqual([
      "2026-11-02T14:00:00.000Z",
      "2026-11-02T09:00:00.000Z",
    ]);
  });

  it("across the spring DST changes (New York 8 Mar, London 29 Mar, Sydney back to standard time 5 Apr)", () => {
    const db = tempDb();
    seed(db);
    const march = nextDigests(db, "2026-03-04T12:00:00Z");
    expect([march["new-york"], march.london]).toEqual([
      "2026-03-09T13:00:00.000Z",
      "2026-03-09T09:00:00.000Z",
    ]);
    const late = nextDigests(db, "2026-03-25T12:00:00Z");
    expect([late.london, late.sydney]).toEqual(["2026-03-30T08:00:00.000Z", "2026-03-29T22:00:00.000Z"]);
    expect(nextDigests(db, "2026-04-01T12:00:00Z").sydney).toBe("2026-04-05T23:00:00.000Z");
  });

  it("runs at the slot for the week just ended, once, and catches up a missed one as late", async () => {
    const db = tempDb();
    seed(db);
    // Kathmandu's Monday 09:00 (+05:45).
    const clock = createManualClock("2026-11-30T03:15:00.000Z");
    const s = createScheduler({ deps: deps(db, clock), jobs: [digestJob] });
    const onTime = await s.runDue({ scope: "kathmandu" });
    expect(onTime.map((o) => [o.periodKey, o.status, o.late, o.queued])).toEqual([
      ["2026-W48", "done", false, 1],
    ]);
    expect(await s.runDue({ scope: "kathmandu" })).toEqual([]);
    // Riyadh's Sunday slot was 21 hours earlier: caught up, late, for the same named week.
    const late = await s.runDue({ scope: "riyadh" });
    expect(late.map((o) => [o.periodKey, o.status, o.late])).toEqual([["2026-W48", "done", true]]);
    const keys = db.$client
      .prepare("SELECT idempotency_key AS k, channel_id AS c FROM outbox ORDER BY id")
      .all();
    expect(keys).toEqual([
      { k: "digest:kathmandu:2026-W48:slack", c: "dmd-kathmandu" },
      { k: "digest:riyadh:2026-W48:slack", c: "dmd-riyadh" },
    ]);
  });

  it("the SCD roll-up follows HQ's zone: Mondays 09:00 Athens", () => {
    const db = tempDb();
    seed(db);
    const s = createScheduler({
      deps: deps(db, createManualClock("2026-11-25T12:00:00Z")),
      jobs: [rollupJob],
    });
    expect(s.plan().map((p) => [p.scope, p.timezone, p.next?.toISOString()])).toEqual([
      ["fleet", "Europe/Athens", "2026-11-30T07:00:00.000Z"],
    ]);
  });
});
