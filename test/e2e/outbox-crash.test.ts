import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDb } from "../../src/db/client.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";

const SCRIPT = resolve(import.meta.dirname, "fixtures/outbox-fanout.ts");
const FANOUT = 100;
const channelOf = (i: number) => `C${String(i).padStart(4, "0")}`;

let fake: FakeSlack | undefined;
let dir: string | undefined;
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  await fake?.close();
  fake = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function fanout(dbPath: string, apiUrl: string): { child: ChildProcess; stdout: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, dbPath, apiUrl], {
    cwd: resolve(import.meta.dirname, "../.."),
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  return { child, stdout: () => out };
}

describe("exactly once across a crash", () => {
  it("a process killed with SIGKILL mid-fan-out, then restarted: every channel has exactly one digest", async () => {
    dir = mkdtempSync(join(tmpdir(), "dmd-crash-"));
    const dbPath = join(dir, "dmd.sqlite");
    // Real timestamps (history look-ups compare them), and answers a little behind the posts,
    // so the kill lands between a post and its confirmation.
    fake = await startFakeSlack({ clock: () => new Date(), postResponseDelayMs: 25 });
    const f = fake;

    const first = fanout(dbPath, f.apiUrl);
    await f.waitFor(() => f.messages.length >= 40, "40 digests posted", 30_000);
    first.child.kill("SIGKILL");
    await once(first.child, "exit");
    const beforeRestart = f.messages.length;
    expect(beforeRestart).toBeGreaterThanOrEqual(40);
    expect(beforeRestart).toBeLessThan(FANOUT);

    const db = openDb(dbPath);
    try {
      const states = db.$client
        .prepare("SELECT status, count(*) AS n FROM outbox GROUP BY status ORDER BY status")
        .all() as { status: string; n: number }[];
      // Posted but never confirmed: the crash left them in `sending`.
      expect(states.find((s) => s.status === "sending")?.n ?? 0).toBeGreaterThanOrEqual(1);

      const second = fanout(dbPath, f.apiUrl);
      const [code] = await once(second.child, "exit");
      expect(code, second.stdout()).toBe(0);
      const summary = JSON.parse(second.stdout().trim().split("\n").pop() ?? "{}");
      expect(summary).toMatchObject({ created: 0, failed: 0, waiting: 0 });

      const perChannel = new Map<string, number>();
      for (const m of f.messages) perChannel.set(m.channel, (perChannel.get(m.channel) ?? 0) + 1);
      expect(perChannel.size).toBe(FANOUT);
      for (let i = 0; i < FANOUT; i++) expect(perChannel.get(channelOf(i)), channelOf(i)).toBe(1);

      // The unconfirmed posts were found by their key before anything was resent.
      expect(f.callsTo("conversations.history").length).toBeGreaterThanOrEqual(1);
      const rows = db.$client
        .prepare(
          "SELECT channel_id AS channel, status, message_id AS messageId FROM outbox ORDER BY channel_id",
        )
        .all() as { channel: string; status: string; messageId: string }[];
      expect(rows).toHaveLength(FANOUT);
      const tsByChannel = new Map(f.messages.map((m) => [m.channel, m.ts]));
      for (const row of rows) {
        expect(row.status).toBe("sent");
        expect(row.messageId).toBe(tsByChannel.get(row.channel));
      }
    } finally {
      db.$client.close();
    }
  });
});
