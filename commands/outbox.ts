import { z } from "zod";
import { type Context, defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { type ReplyElement, reply } from "../src/core/reply.ts";
import {
  countByStatus,
  countSentSince,
  getOutboxRow,
  listProblems,
  type OutboxRow,
  retryFailed,
} from "../src/db/repos/outbox-repo.ts";
import { readStoredError } from "../src/delivery/errors.ts";

/** Unsent messages older than this, or tried this many times, count as stuck. */
const STUCK_AFTER_MS = 15 * 60_000;
const STUCK_ATTEMPTS = 3;
const SHOWN = 15;

function utc(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : "n/a";
}

function channelText(row: OutboxRow): string {
  const platform = row.platform === "slack" ? "Slack" : row.platform === "discord" ? "Discord" : row.platform;
  const channel = /^[CGD][A-Z0-9]{2,}$|^\d+$/.test(row.channelId)
    ? row.channelId
    : `#${row.channelId.replace(/^#/, "")}`;
  return `${channel} (${platform})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** What an admin reads about one stuck or failed message. */
function describe(row: OutboxRow) {
  const error = readStoredError(row.lastError);
  const failed = row.status === "failed";
  const state = failed
    ? `failed after ${plural(row.attempts, "attempt")} (${utc(row.updatedAt)})`
    : `not sent yet: ${plural(row.attempts, "attempt")} so far, next try ${utc(row.nextAttemptAt)}`;
  const lines = [`#${row.id} · ${row.kind} ${row.idempotencyKey} → ${channelText(row)} — ${state}.`];
  if (error) lines.push(`Why: ${error.reason}`);
  else if (!failed) lines.push("Why: waiting for its turn (rate limits) or for the chat platform's answer.");
  if (error?.fix) lines.push(`How to fix: ${error.fix}`);
  if (failed) lines.push(`Then: /outbox retry ${row.id}`);
  return {
    text: lines.join("\n"),
    data: {
      id: row.id,
      key: row.idempotencyKey,
      kind: row.kind,
      platform: row.platform,
      channel: row.channelId,
      status: row.status,
      attempts: row.attempts,
      reason: error?.reason ?? null,
      fix: error?.fix ?? null,
      createdAt: row.createdAt,
      nextAttemptAt: failed ? null : row.nextAttemptAt,
    },
  };
}

/**
 * `/outbox [retry <number|all>]` (admins): the messages the bot sends on its own that are stuck
 * or failed, each with the reason and how to fix it; `retry` sends a failed one again.
 */
export default defineCommand({
  name: "outbox",
  summary: "Stuck and failed outgoing messages (digests, alerts…), why, and how to fix them; retry one.",
  examples: ["outbox", "outbox retry 12", "outbox retry all"],
  args: z.object({
    action: z
      .enum(["list", "retry"])
      .default("list")
      .describe("list: show stuck and failed messages; retry: send a failed message again"),
    id: z.string().optional().describe("For retry: the message number shown by /outbox, or all"),
  }),
  positional: ["action", "id"],
  minRole: "admin",
  execute(args, ctx) {
    const { db, clock } = ctx.deps;
    const now = clock.now();
    if (args.action === "retry") return retry(args.id, ctx, now);

    const counts = countByStatus(db);
    const sentWeek = countSentSince(db, new Date(now.getTime() - 7 * 86_400_000).toISOString());
    const waiting = (counts.pending ?? 0) + (counts.sending ?? 0);
    const { rows, total } = listProblems(db, {
      stuckBefore: new Date(now.getTime() - STUCK_AFTER_MS).toISOString(),
      stuckAttempts: STUCK_ATTEMPTS,
      limit: SHOWN,
    });
    const described = rows.map(describe);
    const elements: ReplyElement[] = [
      { type: "header", text: "Outbox" },
      {
        type: "context",
        text: `${plural(waiting, "message")} waiting · ${counts.failed ?? 0} failed · ${sentWeek} sent in the last 7 days`,
      },
    ];
    if (described.length === 0) {
      elements.push({
        type: "text",
        text:
          waiting === 0
            ? "Nothing is stuck or failed: every message was delivered."
            : "Nothing is stuck or failed. The messages waiting are on their way (sent within the chat platforms' rate limits).",
      });
    } else {
      for (const [i, d] of described.entries()) {
        elements.push({
          type: "text",
          text: d.text,
          tone: rows[i]?.status === "failed" ? "warning" : "normal",
        });
      }
      if (total > rows.length) elements.push({ type: "context", text: `… and ${total - rows.length} more.` });
      elements.push({
        type: "context",
        text: "/outbox retry <number> sends a failed message again once the cause is fixed; /outbox retry all retries every failed one.",
      });
    }
    return {
      reply: reply(elements, {
        fallback:
          described.length === 0 ? "Outbox: nothing stuck or failed" : `Outbox: ${total} stuck or failed`,
      }),
      data: {
        waiting,
        failed: counts.failed ?? 0,
        sentLast7Days: sentWeek,
        total,
        messages: described.map((d) => d.data),
      },
    };
  },
});

function retry(id: string | undefined, ctx: Context, now: Date) {
  const { db } = ctx.deps;
  const at = now.toISOString();
  if (id === undefined || id.trim() === "") {
    throw new UserError(
      "missing_id",
      "Say which message to retry: /outbox retry 12 (the number /outbox shows), or /outbox retry all.",
    );
  }
  if (id.trim().toLowerCase() === "all") {
    const n = retryFailed(db, null, at);
    ctx.audit("outbox.retry", { id: "all", messages: n });
    const text =
      n === 0
        ? "There are no failed messages to retry."
        : `${plural(n, "failed message")} will be sent again within a minute. Any whose cause is not fixed will fail again and show in /outbox.`;
    return { reply: reply([{ type: "text", text }]), data: { retried: n } };
  }
  const number = Number(id.trim().replace(/^#/, ""));
  const row = Number.isInteger(number) && number > 0 ? getOutboxRow(db, number) : undefined;
  if (!row) {
    throw new UserError(
      "unknown_message",
      `There is no message ${id.trim().slice(0, 20)} in the outbox. /outbox lists the stuck and failed ones with their numbers.`,
    );
  }
  if (row.status === "sent") {
    throw new UserError(
      "already_sent",
      `Message ${row.id} was delivered on ${utc(row.sentAt)}: there is nothing to retry.`,
    );
  }
  if (row.status === "pending" || row.status === "sending") {
    throw new UserError(
      "not_failed",
      `Message ${row.id} has not failed: it is retried on its own (next try ${utc(row.nextAttemptAt)}).`,
    );
  }
  if (row.status !== "failed") {
    throw new UserError("not_failed", `Message ${row.id} was ${row.status}: it cannot be retried.`);
  }
  retryFailed(db, row.id, at);
  ctx.audit("outbox.retry", { id: row.id, key: row.idempotencyKey });
  return {
    reply: reply([
      {
        type: "text",
        text: `Message ${row.id} (${row.idempotencyKey}) will be sent again within a minute. If its cause is not fixed, it will fail again and show in /outbox.`,
      },
    ]),
    data: { retried: 1, id: row.id, key: row.idempotencyKey },
  };
}
