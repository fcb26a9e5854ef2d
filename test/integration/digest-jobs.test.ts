import { describe, expect, it } from "vitest";
import type { Deps } from "../../src/core/command.ts";
import type { Db } from "../../src/db/client.ts";
import { getMissionByCode } from "../../src/db/repos/missions-repo.ts";
import { setSetting } from "../../src/db/repos/settings-repo.ts";
import { buildDigests } from "../../src/digest/build-digests.ts";
import { digestJob, digestPeriodKey } from "../../src/jobs/digest-job.ts";
import type { JobDefinition, JobScope, OutgoingMessage } from "../../src/jobs/job.ts";
import { rollupJob } from "../../src/jobs/rollup-job.ts";
import { testDispatcher } from "../helpers/app.ts";
import { tempDb } from "../helpers/db.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";

/** Runs one job for one scope at `now`, as the scheduler would, and returns what it queued. */
async function runJob(job: JobDefinition, deps: Deps, scope: JobScope, now: string, late = false) {
  const sent: OutgoingMessage[] = [];
  const instant = new Date(now);
  const periodKey = job.periodKey(scope, instant);
  await job.run({ deps, now: instant, scope, periodKey, late, enqueue: (m) => sent.push(m) });
  return { sent, periodKey };
}

function setup() {
  const db = tempDb();
  seedFixtureNetwork(db);
  return { db, deps: testDispatcher(db).deps };
}

function scopeOf(deps: Deps, job: JobDefinition, key: string): JobScope {
  const scope = job.scopes(deps).find((s) => s.key === key);
  if (!scope) throw new Error(`no scope ${key}`);
  return scope;
}

function setChannels(db: Db, code: string, slack: string | null, discord: string | null) {
  db.$client
    .prepare("UPDATE missions SET slack_channel = ?, discord_channel = ? WHERE code = ?")
    .run(slack, discord, code);
}

describe("digestJob schedule", () => {
  it("runs for missions with a channel, HQ excepted, on each one's first working day at 09:00", () => {
    const { db, deps } = setup();
    setChannels(db, "riyadh", null, "D-riyadh");
    setChannels(db, "hq", "scd-room", null);
    const scopes = digestJob.scopes(deps);
    expect(scopes.map((s) => [s.key, s.timezone])).toEqual([
      ["riyadh", "Asia/Riyadh"],
      ["washington", "America/New_York"],
    ]);
    expect(digestJob.cron(scopeOf(deps, digestJob, "washington"), deps)).toBe("0 9 * * 1");
    expect(digestJob.cron(scopeOf(deps, digestJob, "riyadh"), deps)).toBe("0 9 * * 7");
    // A scope rebuilt without the weekend still gets the right day from the database.
    expect(digestJob.cron({ key: "riyadh", timezone: "Asia/Riyadh", missionId: null }, deps)).toBe(
      "0 9 * * 7",
    );
  });

  it.each([
    // [zone, weekend, the UTC instant of the local 09:00 slot, week]
    ["America/New_York", "sat-sun", "2026-11-23T14:00:00Z", "2026-W47"],
    ["America/New_York", "sat-sun", "2026-11-02T14:00:00Z", "2026-W44"], // first Monday after DST ends (EST)
    ["America/New_York", "sat-sun", "2026-03-09T13:00:00Z", "2026-W10"], // first Monday of DST (EDT)
    ["Europe/London", "sat-sun", "2026-03-30T08:00:00Z", "2026-W13"], // BST began on 29 March
    ["Europe/London", "sat-sun", "2026-10-26T09:00:00Z", "2026-W43"], // GMT again from 25 October
    ["Asia/Kathmandu", "sat-sun", "2026-11-23T03:15:00Z", "2026-W47"], // +05:45
    ["Asia/Karachi", "sat-sun", "2026-11-23T04:00:00Z", "2026-W47"],
    ["Australia/Sydney", "sat-sun", "2026-11-22T22:00:00Z", "2026-W47"], // still Sunday in UTC
    ["Asia/Riyadh", "fri-sat", "2026-11-22T06:00:00Z", "2026-W47"], // Sunday: 15 to 21 November
    ["Asia/Tehran", "fri", "2026-11-22T05:30:00Z", "2026-W47"],
    ["America/New_York", "sat-sun", "2027-01-04T14:00:00Z", "2026-W53"],
  ])("in %s (%s) the slot %s digests %s", (timezone, weekend, instant, week) => {
    const scope = { key: "m", timezone, missionId: 1, weekend };
    expect(digestJob.periodKey(scope, new Date(instant))).toBe(week);
    // Without the weekend on the scope, a scheduled slot still names the same week.
    expect(digestJob.periodKey({ key: "m", timezone, missionId: 1 }, new Date(instant))).toBe(week);
  });

  it("names the last complete week when run by hand on another day", () => {
    expect(digestPeriodKey("2026-11-25", "sat-sun")).toBe("2026-W47");
    expect(digestPeriodKey("2026-11-25", "fri-sat")).toBe("2026-W47");
    expect(digestPeriodKey("2026-11-22", "sat-sun")).toBe("2026-W46");
    expect(digestPeriodKey("2026-11-25")).toBe("2026-W47");
  });
});

describe("digestJob run", () => {
  it("queues one digest per platform channel under its idempotency key", async () => {
    const { db, deps } = setup();
    setChannels(db, "washington", "C-washington", "D-washington");
    const scope = scopeOf(deps, digestJob, "washington");
    const { sent, periodKey } = await runJob(digestJob, deps, scope, "2026-11-23T14:00:00Z");
    expect(periodKey).toBe("2026-W47");
    expect(sent.map((m) => [m.key, m.platform, m.channelId, m.kind, m.missionId])).toEqual([
      ["digest:washington:2026-W47:slack", "slack", "C-washington", "digest", scope.missionId],
      ["digest:washington:2026-W47:discord", "discord", "D-washington", "digest", scope.missionId],
    ]);
    const mission = getMissionByCode(db, "washington");
    const [digest] = mission ? buildDigests(db, [mission], "2026-W47") : [];
    const message = sent[0]?.reply;
    expect(message?.ephemeral).toBe(false);
    expect(message?.elements[0]).toEqual({
      type: "header",
      text: "Weekly digest — Embassy of Arcadia in Washington",
    });
    expect(message?.elements.find((e) => e.type === "text")).toEqual({
      type: "text",
      text: digest?.headline,
    });
    expect(message?.elements.some((e) => e.type === "chart")).toBe(true);
  });

  it("sends a mission from which nothing arrived the short no-data message", async () => {
    const { db, deps } = setup();
    setChannels(db, "sao-paulo", "C-sp", null);
    const { sent } = await runJob(
      digestJob,
      deps,
      scopeOf(deps, digestJob, "sao-paulo"),
      "2026-11-23T12:00:00Z",
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]?.key).toBe("digest:sao-paulo:2026-W47:slack");
    expect(sent[0]?.kind).toBe("digest_no_data");
    expect(sent[0]?.reply.elements[0]).toEqual({
      type: "header",
      text: "Weekly digest — Consulate General of Arcadia in São Paulo: no data received",
    });
  });

  it("says so when a digest is caught up late, and sends nothing for a mission without a channel", async () => {
    const { db, deps } = setup();
    const late = await runJob(
      digestJob,
      deps,
      scopeOf(deps, digestJob, "washington"),
      "2026-11-24T10:00:00Z",
      true,
    );
    expect(late.periodKey).toBe("2026-W47");
    const context = late.sent[0]?.reply.elements[1];
    expect(context?.type === "context" && context.text).toContain(
      "Sent late: the bot was offline when this digest was due.",
    );
    setChannels(db, "washington", null, null);
    const none = await runJob(
      digestJob,
      deps,
      { key: "washington", timezone: "America/New_York", missionId: 1 },
      "2026-11-23T14:00:00Z",
    );
    expect(none.sent).toEqual([]);
  });
});

describe("digestJob slots", () => {
  it("builds every digest of a slot from one snapshot of the network, once", async () => {
    const { db, deps } = setup();
    db.$client
      .prepare(
        `INSERT INTO missions (code, name, kind, country, city, region, timezone, weekend, slack_channel)
         VALUES ('new-york', 'Consulate General of Arcadia in New York', 'consulate', 'United States', 'New York',
                 'Americas', 'America/New_York', 'sat-sun', 'C-ny')`,
      )
      .run();
    db.$client
      .prepare(
        "INSERT INTO handles (id, mission_id, platform, handle) VALUES (7, (SELECT id FROM missions WHERE code = 'new-york'), 'x', 'ArcadiaInNY')",
      )
      .run();
    db.$client
      .prepare(
        "INSERT INTO daily_metrics (handle_id, date, followers, source, collected_at) VALUES (7, '2026-11-20', 4000, 'test', 'x')",
      )
      .run();
    const slot = "2026-11-23T14:00:00Z";
    await runJob(digestJob, deps, scopeOf(deps, digestJob, "washington"), slot);
    // Figures changing in the middle of the fan-out do not split the slot into two snapshots.
    db.$client.prepare("DELETE FROM daily_metrics WHERE handle_id = 7").run();
    const ny = await runJob(digestJob, deps, scopeOf(deps, digestJob, "new-york"), slot);
    expect(ny.sent[0]?.kind).toBe("digest");
    const headline = ny.sent[0]?.reply.elements.find((e) => e.type === "text");
    expect(headline?.type === "text" && headline.text).toMatch(/^New York has 4,000 followers/);
    // The next slot sees the network as it is then.
    const later = await runJob(digestJob, deps, scopeOf(deps, digestJob, "new-york"), "2026-11-23T15:00:00Z");
    expect(later.sent[0]?.kind).toBe("digest_no_data");
  });
});

describe("rollupJob", () => {
  it("sends the week's roll-up to the SCD channel on Monday 09:00 HQ time", async () => {
    const { db, deps } = setup();
    const [scope] = rollupJob.scopes(deps);
    expect(scope).toEqual({ key: "fleet", timezone: "Europe/Athens", missionId: null });
    if (!scope) return;
    expect(rollupJob.cron(scope, deps)).toBe("0 9 * * 1");
    // No SCD channel anywhere: nothing to send.
    expect((await runJob(rollupJob, deps, scope, "2026-11-23T07:00:00Z")).sent).toEqual([]);

    setSetting(db, "scd.slack_channel", "C-scd");
    setChannels(db, "hq", "C-hq", "D-hq");
    const { sent, periodKey } = await runJob(rollupJob, deps, scope, "2026-11-23T07:00:00Z");
    expect(periodKey).toBe("2026-W47");
    // The setting wins on Slack; Discord falls back to the HQ mission's channel.
    expect(sent.map((m) => [m.key, m.platform, m.channelId, m.kind])).toEqual([
      ["rollup:2026-W47:slack", "slack", "C-scd", "rollup"],
      ["rollup:2026-W47:discord", "discord", "D-hq", "rollup"],
    ]);
    const message = sent[0]?.reply;
    expect(message?.elements[0]).toEqual({ type: "header", text: "Network roll-up — week 2026-W47" });
    const headline = message?.elements.find((e) => e.type === "text");
    // The four missions abroad (HQ excluded) over Monday 16 to Sunday 22 November.
    expect(headline?.type === "text" && headline.text).toMatch(/^The 4 missions /);
  });
});
