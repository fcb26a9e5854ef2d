import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { runJobsList, runJobsRun } from "../../src/cli/jobs.ts";
import { getRun } from "../../src/db/repos/job-runs-repo.ts";
import { getOutboxByKey } from "../../src/db/repos/outbox-repo.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import { tempDb } from "../helpers/db.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";

let fake: FakeSlack | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function sink() {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { out, text: () => chunks.join("") };
}

const ENV = { DMD_TIMEZONE: "Europe/Athens", LOG_LEVEL: "silent" };

describe("dmd jobs", () => {
  it("list: each job's schedule per scope, next run in local and HQ time", async () => {
    const db = tempDb();
    seedFixtureNetwork(db);
    const { out, text } = sink();
    const code = await runJobsList({
      dbPath: db.$client.name,
      job: "digest",
      at: "2026-11-25T12:00:00Z",
      env: ENV,
      out,
    });
    expect(code).toBe(0);
    const lines = text().split("\n");
    expect(lines[0]).toBe(
      "digest: Weekly digest to each mission's channel, on its first working day at 09:00 local",
    );
    const washington = lines.find((l) => l.trim().startsWith("washington")) ?? "";
    expect(washington).toMatch(
      /Mondays at 09:00\s+America\/New_York\s+Mon 2026-11-30 09:00 EST\s+Mon 2026-11-30 16:00 /,
    );
  });

  it("list: an unknown job is a clear error", async () => {
    const db = tempDb();
    const { out } = sink();
    expect(await runJobsList({ dbPath: db.$client.name, job: "digests", env: ENV, out })).toBe(1);
  });

  it("run: does what the scheduler does at --now — the digest is queued and delivered, once", async () => {
    const db = tempDb();
    seedFixtureNetwork(db);
    fake = await startFakeSlack({ channels: [{ id: "C0WASH", name: "dmd-washington", isMember: true }] });
    const env = { ...ENV, SLACK_BOT_TOKEN: fake.options.botToken, SLACK_API_URL: fake.apiUrl };
    const first = sink();
    const code = await runJobsRun({
      dbPath: db.$client.name,
      job: "digest",
      now: "2026-11-30T09:00:00-05:00",
      mission: "washington",
      env,
      out: first.out,
    });
    expect(code).toBe(0);
    expect(first.text()).toContain(
      "washington 2026-W48 (slot 2026-11-30T14:00:00.000Z): done; 1 new message queued",
    );
    expect(first.text()).toContain("Delivered 1; 0 failed");
    expect(fake.messages.map((m) => m.channel)).toEqual(["C0WASH"]);
    expect(fake.messages[0]?.params.metadata).toMatchObject({
      event_payload: { key: "digest:washington:2026-W48:slack" },
    });
    expect(getOutboxByKey(db, "digest:washington:2026-W48:slack")).toMatchObject({
      status: "sent",
      messageId: fake.messages[0]?.ts,
    });
    expect(getRun(db, "digest", "washington", "2026-W48")).toMatchObject({ status: "done", late: false });

    const again = sink();
    expect(
      await runJobsRun({
        dbPath: db.$client.name,
        job: "digest",
        now: "2026-11-30T14:30:00Z",
        mission: "washington",
        env,
        out: again.out,
      }),
    ).toBe(0);
    expect(again.text()).toContain("nothing due");
    expect(fake.messages).toHaveLength(1);
  });

  it("run: bad input changes nothing and says what to fix", async () => {
    const db = tempDb();
    seedFixtureNetwork(db);
    const { out, text } = sink();
    expect(await runJobsRun({ dbPath: db.$client.name, job: "digest", now: "monday", env: ENV, out })).toBe(
      1,
    );
    expect(
      await runJobsRun({ dbPath: db.$client.name, job: "rollup", mission: "washington", env: ENV, out }),
    ).toBe(1);
    expect(
      await runJobsRun({ dbPath: db.$client.name, job: "digest", mission: "atlantis", env: ENV, out }),
    ).toBe(1);
    expect(text()).toBe("");
    const runs = db.$client.prepare("SELECT count(*) AS n FROM job_runs").get() as { n: number };
    expect(runs.n).toBe(0);
  });

  it("run: without a chat token the messages stay queued for the bot", async () => {
    const db = tempDb();
    seedFixtureNetwork(db);
    const { out, text } = sink();
    expect(
      await runJobsRun({
        dbPath: db.$client.name,
        job: "digest",
        now: "2026-11-30T14:00:00Z",
        mission: "washington",
        env: ENV,
        out,
      }),
    ).toBe(0);
    expect(text()).toContain("1 message queued. No chat platform is configured");
    expect(getOutboxByKey(db, "digest:washington:2026-W48:slack")?.status).toBe("pending");
  });
});
