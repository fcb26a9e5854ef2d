/**
 * The outbox: every message the bot sends on its own is first stored here, under an idempotency
 * key, and delivered by the worker (`worker.ts`). Enqueueing the same key twice is a no-op, so a
 * job that runs again cannot queue a second copy.
 */
import type { Reply, ReplyElement } from "../core/reply.ts";
import type { Db } from "../db/client.ts";
import { insertOutboxRow } from "../db/repos/outbox-repo.ts";
import type { OutgoingMessage } from "../jobs/job.ts";

const FORMAT_VERSION = 1;

/** A chart element as stored: the PNG as base64. */
interface StoredChart {
  type: "chart";
  pngBase64: string;
  altText: string;
  title: string;
  sparkline?: string;
}

type StoredElement = Exclude<ReplyElement, { type: "chart" }> | StoredChart;

/**
 * Queues `message` for delivery, due at once (`now`). Idempotent by `message.key`: a second
 * enqueue of the same key changes nothing and returns `created: false` with the first one's id.
 * Runs in the caller's transaction when there is one.
 *
 * @throws Error when the key or the channel is empty (a bug in the job, not a user error).
 */
export function enqueue(db: Db, message: OutgoingMessage, now: Date): { id: number; created: boolean } {
  if (message.key.trim() === "") throw new Error("outbox: an outgoing message needs a key");
  if (message.channelId.trim() === "") throw new Error(`outbox: message ${message.key} has no channel`);
  return insertOutboxRow(db, {
    idempotencyKey: message.key,
    platform: message.platform,
    channelId: message.channelId.trim(),
    kind: message.kind,
    missionId: message.missionId ?? null,
    payload: serializeReply(message.reply),
    at: now.toISOString(),
  });
}

/** A reply as JSON for the outbox, charts' PNG bytes as base64. */
export function serializeReply(reply: Reply): string {
  const elements: StoredElement[] = reply.elements.map((el) => {
    if (el.type !== "chart") return el;
    const { png, ...rest } = el;
    return { ...rest, pngBase64: Buffer.from(png).toString("base64") };
  });
  return JSON.stringify({ v: FORMAT_VERSION, reply: { ...reply, elements } });
}

/**
 * The reply stored by {@link serializeReply}.
 *
 * @throws Error when the text is not a stored reply.
 */
export function deserializeReply(json: string): Reply {
  const parsed: unknown = JSON.parse(json);
  if (!parsed || typeof parsed !== "object" || !("reply" in parsed)) {
    throw new Error("outbox: the stored message is not a reply");
  }
  const stored = parsed.reply as { elements?: unknown; ephemeral?: unknown; fallback?: unknown };
  if (!Array.isArray(stored.elements) || typeof stored.fallback !== "string") {
    throw new Error("outbox: the stored message is not a reply");
  }
  const elements = (stored.elements as StoredElement[]).map((el): ReplyElement => {
    if (el.type !== "chart") return el;
    const { pngBase64, ...rest } = el;
    return { ...rest, png: new Uint8Array(Buffer.from(pngBase64, "base64")) };
  });
  return { elements, ephemeral: stored.ephemeral === true, fallback: stored.fallback };
}
