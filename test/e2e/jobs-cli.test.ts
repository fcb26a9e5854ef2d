import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDb } from "../../src/db/client.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";

const BIN = resolve(import.meta.dirname, "../../bin/dmd.js");

let fake: FakeSlack | undefined;
let dir: string | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Runs `dmd` without blocking this process, where the fake Slack answers. */
async function dmd(env: NodeJS.ProcessEnv, ...args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: "silent", DMD_TIMEZONE: "Europe/Athens", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += String(d);
  });
  child.stderr.on("data", (d) => {
    stderr += String(d);
  });
  const [code] = await once(child, "exit");
  return { code: code as number | null, stdout, stderr };
}

describe("dmd jobs (spawned)", () => {
  it("jobs run at an instant queues the mission's digest and delivers it to Slack; jobs list shows the next one", async () => {
    dir = mkdtempSync(join(tmpdir(), "dmd-jobs-"));
    const dbPath = join(dir, "dmd.sqlite");
    const db = openDb(dbPath);
    seedFixtureNetwork(db);
    db.$client.close();
    fake = await startFakeSlack({ channels: [{ id: "C0WASH", name: "dmd-washington", isMember: true }] });
    const env = { SLACK_BOT_TOKEN: fake.options.botToken, SLACK_API_URL: fake.apiUrl };

    const run = await dmd(
      env,
      "--db",
      dbPath,
      "jobs",
      "run",
      "digest",
      "--now",
      "2026-11-30T09:00:00-05:00",
      "--mission",
      "washington",
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      [
        "digest at 2026-11-30T14:00:00.000Z:",
        "  washington 2026-W48 (slot 2026-11-30T14:00:00.000Z): done; 1 new message queued",
        "Delivered 1; 0 failed (see /outbox); 0 still waiting for a retry (the running bot delivers them).",
        "",
      ].join("\n"),
    );
    expect(
      fake.messages.map((m) => [
        m.channel,
        (m.params.metadata as { event_payload: { key: string } }).event_payload.key,
      ]),
    ).toEqual([["C0WASH", "digest:washington:2026-W48:slack"]]);

    const list = await dmd(
      {},
      "--db",
      dbPath,
      "jobs",
      "list",
      "--job",
      "digest",
      "--at",
      "2026-11-30T15:00:00Z",
    );
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(
      /washington\s+Mondays at 09:00\s+America\/New_York\s+Mon 2026-12-07 09:00 EST\s+Mon 2026-12-07 16:00/,
    );

    const bad = await dmd({}, "--db", dbPath, "jobs", "run", "digests");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('There is no job called "digests". Jobs: collect, alerts, digest, rollup');
  });
});
