import { describe, expect, it } from "vitest";
import { reply } from "../../src/core/reply.ts";
import type { Db } from "../../src/db/client.ts";
import { claimForSend, getOutboxRow, markFailed, markSent } from "../../src/db/repos/outbox-repo.ts";
import { storeError } from "../../src/delivery/errors.ts";
import { enqueue } from "../../src/delivery/outbox.ts";
import { testDispatcher } from "../helpers/app.ts";
import { tempDb } from "../helpers/db.ts";

const NOW = "2026-11-30T12:00:00.000Z";

function queue(db: Db, key: string, channelId: string, at: string) {
  return enqueue(
    db,
    {
      key,
      platform: "slack",
      channelId,
      kind: key.split(":")[0] ?? "digest",
      reply: reply([{ type: "text", text: key }]),
    },
    new Date(at),
  ).id;
}

/** A failed message, as the worker leaves one after Slack's `channel_not_found`. */
function failed(db: Db, key: string, channel: string): number {
  const id = queue(db, key, channel, "2026-11-30T09:00:00.000Z");
  claimForSend(db, id, "2026-11-30T09:00:00.000Z", "2026-11-30T09:02:00.000Z");
  markFailed(
    db,
    id,
    storeError({
      code: "channel_not_found",
      reason: `Slack cannot find the channel #${channel}.`,
      fix: "Check the mission's slack_channel.",
    }),
    "2026-11-30T09:00:01.000Z",
  );
  return id;
}

describe("/outbox", () => {
  it("lists failed and stuck messages with the reason, the fix and the retry command", async () => {
    const db = tempDb();
    const t = testDispatcher(db, { now: NOW });
    const gone = failed(db, "digest:washington:2026-W48:slack", "dmd-washington");
    // Stuck: queued three hours ago, three attempts so far.
    const stuck = queue(db, "alert:karachi:2026-11-30:7:slack", "C0KAR", "2026-11-30T09:00:00.000Z");
    db.$client
      .prepare("UPDATE outbox SET attempts = 3, next_attempt_at = ?, last_error = ? WHERE id = ?")
      .run(
        "2026-11-30T12:05:00.000Z",
        storeError({ code: "http_503", reason: "Slack answered HTTP 503.", fix: "" }),
        stuck,
      );
    // Neither: waiting a minute, and sent.
    queue(db, "digest:riyadh:2026-W48:slack", "C0RIY", "2026-11-30T11:59:00.000Z");
    const sent = queue(db, "digest:sao-paulo:2026-W48:slack", "C0SAO", "2026-11-30T09:00:00.000Z");
    claimForSend(db, sent, "2026-11-30T09:00:00.000Z", "2026-11-30T09:02:00.000Z");
    markSent(db, sent, "1700000000.000001", "2026-11-30T09:00:01.000Z");

    const outcome = await t.run("/outbox");
    expect(outcome.status).toBe("ok");
    if (outcome.status !== "ok") return;
    const texts = outcome.result.reply.elements.flatMap((e) => ("text" in e ? [e.text] : []));
    expect(texts).toContain("2 messages waiting · 1 failed · 1 sent in the last 7 days");
    expect(texts).toContain(
      [
        `#${gone} · digest digest:washington:2026-W48:slack → #dmd-washington (Slack) — failed after 1 attempt (2026-11-30 09:00 UTC).`,
        "Why: Slack cannot find the channel #dmd-washington.",
        "How to fix: Check the mission's slack_channel.",
        `Then: /outbox retry ${gone}`,
      ].join("\n"),
    );
    expect(texts).toContain(
      [
        `#${stuck} · alert alert:karachi:2026-11-30:7:slack → C0KAR (Slack) — not sent yet: 3 attempts so far, next try 2026-11-30 12:05 UTC.`,
        "Why: Slack answered HTTP 503.",
      ].join("\n"),
    );
    const data = outcome.result.data as { total: number; messages: { id: number; status: string }[] };
    expect(data.total).toBe(2);
    expect(data.messages.map((m) => [m.id, m.status])).toEqual([
      [gone, "failed"],
      [stuck, "pending"],
    ]);
  });

  it("says when nothing is stuck or failed", async () => {
    const db = tempDb();
    const t = testDispatcher(db, { now: NOW });
    const data = await t.data<{ total: number }>("/outbox");
    expect(data.total).toBe(0);
    const outcome = await t.run("/outbox");
    expect(outcome.status === "ok" && outcome.result.reply.fallback).toBe("Outbox: nothing stuck or failed");
  });

  it("retries one failed message, or all, and refuses what cannot be retried, clearly", async () => {
    const db = tempDb();
    const t = testDispatcher(db, { now: NOW });
    const a = failed(db, "digest:washington:2026-W48:slack", "dmd-washington");
    const b = failed(db, "digest:karachi:2026-W48:slack", "dmd-karachi");
    const waiting = queue(db, "digest:riyadh:2026-W48:slack", "C0RIY", NOW);

    expect(await t.data(`/outbox retry ${a}`)).toEqual({
      retried: 1,
      id: a,
      key: "digest:washington:2026-W48:slack",
    });
    expect(getOutboxRow(db, a)).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: NOW });

    const errors: Record<string, string> = {};
    for (const text of [
      "/outbox retry",
      "/outbox retry 999",
      `/outbox retry ${waiting}`,
      `/outbox retry ${a}`,
    ]) {
      const outcome = await t.run(text);
      errors[text] = outcome.status === "user_error" ? outcome.error.message : outcome.status;
    }
    expect(errors).toEqual({
      "/outbox retry":
        "Say which message to retry: /outbox retry 12 (the number /outbox shows), or /outbox retry all.",
      "/outbox retry 999":
        "There is no message 999 in the outbox. /outbox lists the stuck and failed ones with their numbers.",
      [`/outbox retry ${waiting}`]: `Message ${waiting} has not failed: it is retried on its own (next try 2026-11-30 12:00 UTC).`,
      [`/outbox retry ${a}`]: `Message ${a} has not failed: it is retried on its own (next try 2026-11-30 12:00 UTC).`,
    });

    expect(await t.data("/outbox retry all")).toEqual({ retried: 1 });
    expect(getOutboxRow(db, b)?.status).toBe("pending");
    expect(await t.data("/outbox retry all")).toEqual({ retried: 0 });
    const audit = db.$client
      .prepare("SELECT command FROM audit_entries WHERE command = 'outbox.retry'")
      .all();
    expect(audit).toHaveLength(3);
  });

  it("is for admins only", async () => {
    const db = tempDb();
    const t = testDispatcher(db, { now: NOW });
    const outcome = await t.run("/outbox", { platform: "slack", userId: "U0VIEWER" });
    expect(outcome.status === "user_error" && outcome.error.code).toBe("forbidden");
  });
});
