import { describe, expect, it } from "vitest";
import { reply } from "../../src/core/reply.ts";
import { getOutboxRow } from "../../src/db/repos/outbox-repo.ts";
import { backoffDelay } from "../../src/delivery/backoff.ts";
import { readStoredError, storeError } from "../../src/delivery/errors.ts";
import { deserializeReply, enqueue, serializeReply } from "../../src/delivery/outbox.ts";
import { createRateLimiter } from "../../src/delivery/rate-limit.ts";
import type { OutgoingMessage } from "../../src/jobs/job.ts";
import { tempDb } from "../helpers/db.ts";

const NOW = new Date("2026-11-30T09:00:00Z");

function message(key: string, text = "Weekly digest"): OutgoingMessage {
  return {
    key,
    platform: "slack",
    channelId: "C0WASH",
    kind: "digest",
    reply: reply([{ type: "text", text }], { ephemeral: false }),
  };
}

describe("enqueue", () => {
  it("is idempotent by key: the second enqueue changes nothing and says so", () => {
    const db = tempDb();
    const first = enqueue(db, message("digest:washington:2026-W48:slack"), NOW);
    const second = enqueue(
      db,
      message("digest:washington:2026-W48:slack", "another text"),
      new Date("2026-11-30T10:00:00Z"),
    );
    expect(first).toEqual({ id: first.id, created: true });
    expect(second).toEqual({ id: first.id, created: false });
    const row = getOutboxRow(db, first.id);
    expect(row).toMatchObject({
      idempotencyKey: "digest:washington:2026-W48:slack",
      status: "pending",
      attempts: 0,
      nextAttemptAt: "2026-11-30T09:00:00.000Z",
      createdAt: "2026-11-30T09:00:00.000Z",
      messageId: null,
    });
    expect(deserializeReply(row?.payload ?? "").elements).toEqual([{ type: "text", text: "Weekly digest" }]);
    const count = db.$client.prepare("SELECT count(*) AS n FROM outbox").get() as { n: number };
    expect(count.n).toBe(1);
  });

  it("refuses a message without a key or a channel (a bug in the job)", () => {
    const db = tempDb();
    expect(() => enqueue(db, message(" "), NOW)).toThrow(/needs a key/);
    expect(() => enqueue(db, { ...message("k"), channelId: "" }, NOW)).toThrow(/no channel/);
  });
});

describe("serializeReply", () => {
  it("round-trips a reply with a chart, its PNG bytes as base64", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    const original = reply(
      [
        { type: "header", text: "Digest" },
        { type: "chart", png, altText: "Rising", title: "Followers", sparkline: "▁▅█" },
        { type: "table", columns: ["A"], rows: [["1"]], align: ["right"] },
      ],
      { ephemeral: false, fallback: "Digest" },
    );
    const json = serializeReply(original);
    expect(json).toContain(Buffer.from(png).toString("base64"));
    expect(deserializeReply(json)).toEqual(original);
  });

  it("refuses text that is not a stored reply", () => {
    expect(() => deserializeReply('{"v":1}')).toThrow(/not a reply/);
  });
});

describe("delivery helpers", () => {
  it("backs off exponentially with jitter in [half, full) of the delay, capped", () => {
    const policy = { baseMs: 1000, capMs: 10_000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(1500);
    expect(backoffDelay(3, policy, () => 0.999)).toBe(3998);
    expect(backoffDelay(20, policy, () => 0)).toBe(5000);
  });

  it("keeps each channel an interval after its last answer, and the workspace within its window", () => {
    const limiter = createRateLimiter({ perChannelPerSecond: 1, globalPerSecond: 2 });
    expect(limiter.readyAt("C1")).toBe(0);
    limiter.take("C1", 1000);
    limiter.take("C2", 1000);
    // Two in flight fill the workspace's 1 s window: the next waits for an answer.
    expect(limiter.readyAt("C3")).toBe(Number.POSITIVE_INFINITY);
    limiter.answered("C1", 1300);
    // Slack counts arrivals, somewhere before the answer: a full interval from the answer.
    expect(limiter.readyAt("C1")).toBe(2300);
    // And the workspace frees when that answer leaves the window.
    expect(limiter.readyAt("C3")).toBe(2300);
    limiter.answered("C2", 1500);
    expect(limiter.readyAt("C3")).toBe(2300);
    limiter.pause("C3", 5000);
    expect(limiter.readyAt("C3")).toBe(5000);
    limiter.pause(null, 6000);
    expect(limiter.readyAt("C1")).toBe(6000);
    expect(() => createRateLimiter({ perChannelPerSecond: 0, globalPerSecond: 1 })).toThrow(RangeError);
  });

  it("stores a failure as readable text and reads it back", () => {
    const text = storeError({
      code: "not_in_channel",
      reason: "The bot is not a member.",
      fix: "Invite it.",
    });
    expect(text).toBe("[not_in_channel] The bot is not a member.\nHow to fix: Invite it.");
    expect(readStoredError(text)).toEqual({
      code: "not_in_channel",
      reason: "The bot is not a member.",
      fix: "Invite it.",
    });
    expect(readStoredError("[ratelimited] Slow down.")).toEqual({
      code: "ratelimited",
      reason: "Slow down.",
      fix: "",
    });
    expect(readStoredError("plain words")).toEqual({ code: "error", reason: "plain words", fix: "" });
    expect(readStoredError(null)).toBeNull();
  });
});
