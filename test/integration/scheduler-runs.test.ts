import cron from "node-cron";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import type { Deps } from "../../src/core/command.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { textReply } from "../../src/core/reply.ts";
import { type Db, openDb } from "../../src/db/client.ts";
import { getRun, listRuns } from "../../src/db/repos/job-runs-repo.ts";
import { getSetting, setSetting } from "../../src/db/repos/settings-repo.ts";
import { localDateOf } from "../../src/domain/dates.ts";
import type { JobContext, JobDefinition, JobScope } from "../../src/jobs/job.ts";
import { createScheduler, FIRST_START_SETTING, type ScheduleFn } from "../../src/jobs/scheduler.ts";
import { createManualClock, type ManualClock } from "../fakes/manual-clock.ts";
import { tempDb } from "../helpers/db.ts";

const SCOPES: JobScope[] = [
  { key: "washington", timezone: "America/New_York", missionId: null },
  { key: "riyadh", timezone: "Asia/Riyadh", missionId: null },
];

function deps(db: Db, clock: ManualClock): Deps {
  return {
    db,
    clock,
    logger: silentLogger(),
    config: loadConfig({ DMD_TIMEZONE: "Europe/Athens" }, { dbPath: ":memory:" }),
  };
}

/** A weekly job (Monday 09:00 in Washington, Sunday 09:00 in Riyadh) that queues one message per run. */
function weeklyJob(log: string[], extra: Partial<JobDefinition> = {}): JobDefinition {
  return {
    name: "weekly",
    description: "test",
    scopes: () => SCOPES,
    cron: (scope) => (scope.key === "riyadh" ? "0 9 * * 0" : "0 9 * * 1"),
    periodKey: (scope, instant) => localDateOf(instant.toISOString(), scope.timezone),
    run(ctx: JobContext) {
      log.push(`${ctx.scope.key} ${ctx.now.toISOString()}${ctx.late ? " late" : ""}`);
      ctx.enqueue({
        key: `weekly:${ctx.scope.key}:${ctx.periodKey}:slack`,
        platform: "slack",
        channelId: "C0TEST",
        kind: "weekly",
        reply: textReply("hello"),
      });
    },
    ...extra,
  };
}

/** A daily 06:00 (Athens) fleet job. */
function dailyJob(log: string[], catchUp?: "every" | "latest"): JobDefinition {
  return {
    name: "daily",
    description: "test",
    scopes: () => [{ key: "fleet", timezone: "Europe/Athens", missionId: null }],
    cron: () => "0 6 * * *",
    periodKey: (scope, instant) => localDateOf(instant.toISOString(), scope.timezone),
    ...(catchUp ? { catchUp } : {}),
    run(ctx) {
      log.push(`${ctx.periodKey}${ctx.late ? " late" : ""}`);
    },
  };
}

const outboxKeys = (db: Db) =>
  (db.$client.prepare("SELECT idempotency_key AS k FROM outbox ORDER BY id").all() as { k: string }[]).map(
    (r) => r.k,
  );

describe("scheduler runs, through the ledger", () => {
  it("runs a slot once, on time, with its message; a second trigger does nothing", async () => {
    const db = tempDb();
    const clock = createManualClock("2026-11-30T14:00:00.000Z");
    const log: string[] = [];
    const queued: number[] = [];
    const s = createScheduler({
      deps: deps(db, clock),
      jobs: [weeklyJob(log)],
      onQueued: (n) => queued.push(n),
    });
    const first = await s.runDue({ job: "weekly", scope: "washington" });
    expect(first.map((o) => [o.status, o.periodKey, o.late, o.queued])).toEqual([
      ["done", "2026-11-30", false, 1],
    ]);
    expect(log).toEqual(["washington 2026-11-30T14:00:00.000Z"]);
    clock.advance(30_000);
    expect(await s.runDue({ scope: "washington" })).toEqual([]);
    expect(log).toHaveLength(1);
    expect(outboxKeys(db)).toEqual(["weekly:washington:2026-11-30:slack"]);
    expect(queued).toEqual([1]);
    expect(getRun(db, "weekly", "washington", "2026-11-30")).toMatchObject({
      status: "done",
      late: false,
      scheduledFor: "2026-11-30T14:00:00.000Z",
      startedAt: "2026-11-30T14:00:00.000Z",
    });
  });

  it("on start, catches up the slots missed in the last 3 days, marked late, and no older ones", async () => {
    const db = tempDb();
    // Down since before Sunday: Riyadh's Sunday 06:00Z and Washington's Monday 14:00Z were missed;
    // the Sunday and Monday a week earlier are more than 3 days back.
    const clock = createManualClock("2026-12-02T04:00:00.000Z");
    // The bot ran here before (it first started in October).
    setSetting(db, FIRST_START_SETTING, "2026-10-01T00:00:00.000Z");
    const log: string[] = [];
    const timers: string[] = [];
    const schedule: ScheduleFn = (expression, _fire, o) => {
      timers.push(`${o.name} ${expression} ${o.timezone}`);
      return { destroy: () => {} };
    };
    const s = createScheduler({ deps: deps(db, clock), jobs: [weeklyJob(log)], schedule });
    const outcomes = await s.start();
    expect(outcomes.map((o) => [o.scope, o.periodKey, o.status, o.late])).toEqual([
      ["washington", "2026-11-30", "done", true],
      ["riyadh", "2026-11-29", "done", true],
    ]);
    expect(log).toEqual(["washington 2026-11-30T14:00:00.000Z late", "riyadh 2026-11-29T06:00:00.000Z late"]);
    expect(listRuns(db, { late: true }).map((r) => r.scope)).toEqual(["washington", "riyadh"]);
    // One timer per job and scope, in the scope's own zone, and the sweep.
    expect(timers).toEqual([
      "weekly:washington 0 9 * * 1 America/New_York",
      "weekly:riyadh 0 9 * * 0 Asia/Riyadh",
      "dmd-sweep */15 * * * * UTC",
    ]);
    await s.stop();
  });

  it("a first start on a new database catches up nothing (nothing was missed) and records itself", async () => {
    const db = tempDb();
    const clock = createManualClock("2026-12-02T04:00:00.000Z");
    const log: string[] = [];
    const s = createScheduler({
      deps: deps(db, clock),
      jobs: [weeklyJob(log)],
      schedule: () => ({ destroy() {} }),
    });
    expect(await s.start()).toEqual([]);
    await s.stop();
    expect(log).toEqual([]);
    expect(getSetting(db, FIRST_START_SETTING)).toBe("2026-12-02T04:00:00.000Z");
  });

  it("catches up every missed day of a daily job, or only the latest when the job says so", async () => {
    const clock = createManualClock("2026-11-30T09:00:00.000Z");
    const every: string[] = [];
    const dbA = tempDb();
    await createScheduler({ deps: deps(dbA, clock), jobs: [dailyJob(every)] }).runDue();
    // 06:00 Athens is 04:00Z: 27 Nov 04:00Z is more than 3 days before 30 Nov 09:00Z.
    expect(every).toEqual(["2026-11-28 late", "2026-11-29 late", "2026-11-30 late"]);
    const latest: string[] = [];
    const dbB = tempDb();
    await createScheduler({ deps: deps(dbB, clock), jobs: [dailyJob(latest, "latest")] }).runDue();
    expect(latest).toEqual(["2026-11-30 late"]);
  });

  it("never runs a job twice at once for one scope", async () => {
    const db = tempDb();
    const clock = createManualClock("2026-11-30T14:00:00.000Z");
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let runs = 0;
    const slow = weeklyJob([], {
      async run(ctx) {
        runs += 1;
        await gate;
        ctx.enqueue({ key: "slow", platform: "slack", channelId: "C1", kind: "t", reply: textReply("x") });
      },
    });
    const s = createScheduler({ deps: deps(db, clock), jobs: [slow] });
    const first = s.runDue({ scope: "washington" });
    await new Promise((r) => setImmediate(r));
    const second = await s.runDue({ scope: "washington" });
    expect(second.map((o) => o.status)).toEqual(["busy"]);
    release();
    expect((await first).map((o) => o.status)).toEqual(["done"]);
    expect(runs).toBe(1);
    expect(outboxKeys(db)).toEqual(["slow"]);
  });

  it("runs a slot once even when two processes race for it", async () => {
    const db = tempDb();
    const other = openDb(db.$client.name);
    try {
      const clock = createManualClock("2026-11-30T14:00:00.000Z");
      const log: string[] = [];
      const job = weeklyJob(log, {
        async run(ctx) {
          log.push(ctx.scope.key);
          await new Promise((r) => setTimeout(r, 20));
          ctx.enqueue({
            key: `weekly:${ctx.scope.key}:${ctx.periodKey}:slack`,
            platform: "slack",
            channelId: "C0TEST",
            kind: "weekly",
            reply: textReply("hello"),
          });
        },
      });
      const a = createScheduler({ deps: deps(db, clock), jobs: [job] });
      const b = createScheduler({ deps: deps(other, clock), jobs: [job] });
      const [ra, rb] = await Promise.all([
        a.runDue({ scope: "washington" }),
        b.runDue({ scope: "washington" }),
      ]);
      expect([...ra, ...rb].map((o) => o.status).sort()).toEqual(["already", "done"]);
      expect(log).toHaveLength(1);
      expect(outboxKeys(db)).toEqual(["weekly:washington:2026-11-30:slack"]);
    } finally {
      other.$client.close();
    }
  });

  it("a failing run queues nothing and rolls back its own writes; it is retried at start, not by timers", async () => {
    const db = tempDb();
    const clock = createManualClock("2026-11-30T14:00:00.000Z");
    let fail = true;
    const job = weeklyJob([], {
      run(ctx) {
        setSetting(ctx.deps.db, "written.by.job", "yes");
        ctx.enqueue({ key: "k1", platform: "slack", channelId: "C1", kind: "t", reply: textReply("x") });
        if (fail) throw new Error("the data source is down");
      },
    });
    const s = createScheduler({ deps: deps(db, clock), jobs: [job] });
    const [failed] = await s.runDue({ scope: "washington" });
    expect(failed).toMatchObject({ status: "failed", queued: 0, detail: "the data source is down" });
    expect(outboxKeys(db)).toEqual([]);
    expect(getSetting(db, "written.by.job")).toBeNull();
    expect(getRun(db, "weekly", "washington", "2026-11-30")?.status).toBe("failed");

    clock.advance(16 * 60_000);
    fail = false;
    expect(await s.runDue({ scope: "washington" })).toEqual([]);
    const [retried] = await s.runDue({ scope: "washington", retryFailed: true });
    expect(retried).toMatchObject({ status: "done", queued: 1, late: true });
    expect(getSetting(db, "written.by.job")).toBe("yes");
  });

  it("an async run's messages are held until it returns: a throw after enqueue queues nothing", async () => {
    const db = tempDb();
    const clock = createManualClock("2026-11-30T14:00:00.000Z");
    const job = weeklyJob([], {
      async run(ctx) {
        ctx.enqueue({ key: "early", platform: "slack", channelId: "C1", kind: "t", reply: textReply("x") });
        await Promise.resolve();
        expect(outboxKeys(ctx.deps.db)).toEqual([]);
        throw new Error("chart renderer crashed");
      },
    });
    const [outcome] = await createScheduler({ deps: deps(db, clock), jobs: [job] }).runDue({
      scope: "washington",
    });
    expect(outcome?.status).toBe("failed");
    expect(outboxKeys(db)).toEqual([]);
  });

  it("takes over a run abandoned by a dead process after an hour, not before", async () => {
    const db = tempDb();
    const clock = createManualClock("2026-11-30T14:20:00.000Z");
    db.$client
      .prepare(
        "INSERT INTO job_runs (job, scope, period_key, status, late, scheduled_for, started_at) VALUES ('weekly', 'washington', '2026-11-30', 'running', 0, ?, ?)",
      )
      .run("2026-11-30T14:00:00.000Z", "2026-11-30T14:00:00.000Z");
    const log: string[] = [];
    const s = createScheduler({ deps: deps(db, clock), jobs: [weeklyJob(log)] });
    expect((await s.runDue({ scope: "washington" })).map((o) => o.status)).toEqual(["already"]);
    clock.set("2026-11-30T15:01:00.000Z");
    expect((await s.runDue({ scope: "washington" })).map((o) => [o.status, o.late])).toEqual([
      ["done", true],
    ]);
    expect(log).toEqual(["washington 2026-11-30T14:00:00.000Z late"]);
  });

  it("records skipped runs and notes in the ledger", async () => {
    const db = tempDb();
    const clock = createManualClock("2026-11-30T14:00:00.000Z");
    const job = weeklyJob([], {
      run(ctx) {
        if (ctx.scope.key === "washington") ctx.skip?.("no channel set for the mission");
        else ctx.note?.("3 handles");
      },
    });
    await createScheduler({ deps: deps(db, clock), jobs: [job] }).runDue({
      at: new Date("2026-11-30T14:00:00Z"),
    });
    expect(getRun(db, "weekly", "washington", "2026-11-30")).toMatchObject({
      status: "skipped",
      detail: "no channel set for the mission",
    });
    expect(getRun(db, "weekly", "riyadh", "2026-11-29")).toMatchObject({
      status: "done",
      detail: "3 handles",
      late: true,
    });
  });

  it("fires from the timers: a trigger runs its own scope's due slot", async () => {
    const db = tempDb();
    const clock = createManualClock("2026-11-30T13:58:00.000Z");
    const fires = new Map<string, () => void>();
    const schedule: ScheduleFn = (_e, fire, o) => {
      fires.set(o.name, fire);
      return { destroy: () => {} };
    };
    const log: string[] = [];
    const s = createScheduler({ deps: deps(db, clock), jobs: [weeklyJob(log)], schedule, catchUpMs: 60_000 });
    await s.start();
    expect(log).toEqual([]);
    clock.set("2026-11-30T14:00:00.020Z");
    fires.get("weekly:washington")?.();
    await s.stop();
    expect(log).toEqual(["washington 2026-11-30T14:00:00.000Z"]);
  });

  it("starts real node-cron timers in each scope's zone and removes them all on stop", async () => {
    const db = tempDb();
    const clock = createManualClock("2026-11-25T12:00:00.000Z");
    const before = cron.getTasks().size;
    const s = createScheduler({ deps: deps(db, clock), jobs: [weeklyJob([])] });
    await s.start();
    const ours = [...cron.getTasks().values()].filter(
      (t) => t.name?.startsWith("weekly:") || t.name === "dmd-sweep",
    );
    expect(ours.map((t) => [t.name, t.getPattern()]).sort()).toEqual([
      ["dmd-sweep", "*/15 * * * *"],
      ["weekly:riyadh", "0 9 * * 0"],
      ["weekly:washington", "0 9 * * 1"],
    ]);
    await s.stop();
    expect(cron.getTasks().size).toBe(before);
  });
});
