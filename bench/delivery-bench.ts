/**
 * Delivery benchmark: 1,000 digest-sized messages through the real outbox worker and Slack
 * sender to a fake Slack that enforces Slack's pace for `chat.postMessage` (one message per
 * second per channel) plus a workspace-wide limit, answering 429 with `Retry-After` when either
 * is broken. Time is scaled down 10× so the run takes seconds: one second of Slack's limits is
 * 100 ms here. Reports the total time against the minimum the limits allow, and checks that no
 * message was lost or doubled. Run alone with `node --import tsx bench/delivery-bench.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { createSlackSender } from "../src/adapters/slack/sender.ts";
import { silentLogger } from "../src/core/logger.ts";
import { type Reply, reply } from "../src/core/reply.ts";
import { inTransaction, openDb } from "../src/db/client.ts";
import { enqueue } from "../src/delivery/outbox.ts";
import { drainOutbox } from "../src/delivery/worker.ts";
import type { FakeSlackOptions } from "../test/fakes/fake-slack.ts";
import { round } from "./stats.ts";

const MESSAGES = 1000;
/** Messages to one channel (alerts and roll-ups to the SCD's); the rest go one per mission channel. */
const TO_ONE_CHANNEL = 50;
/** 10× faster than real time: Slack's "1 per second" is 1 per 100 ms here. */
const SCALE = 10;
const SECOND = 1000 / SCALE;
/** Slack's pace per channel (per scaled second). */
const PER_CHANNEL = 1;
/** The workspace-wide limit the fake enforces (per scaled second). */
const WORKSPACE = 20;

/** A message the size of a mission's weekly digest (without its chart image). */
function digestSized(i: number): Reply {
  const handles = ["X", "Facebook", "Instagram", "YouTube", "TikTok", "LinkedIn"];
  return reply(
    [
      { type: "header", text: `Weekly digest — Embassy ${i} — week 2026-W48` },
      { type: "context", text: "23–29 November 2026 against 16–22 November · America/New_York" },
      {
        type: "fields",
        fields: [
          { label: "Followers", value: "128.4K (+1.3%)" },
          { label: "Posts", value: "42 (+6)" },
          { label: "Interactions", value: "18.2K (−4.1%)" },
          { label: "Engagement rate", value: "3.2% (−0.2 pt)" },
          { label: "Rank", value: "17 of 120 (↑3)" },
        ],
      },
      {
        type: "table",
        columns: ["Platform", "Handle", "Followers", "Growth", "Posts", "Interactions", "Engagement"],
        align: ["left", "left", "right", "right", "right", "right", "right"],
        rows: handles.map((p, h) => [p, `@ArcadiaMission${i}_${h}`, "21.4K", "+1.1%", "7", "3.0K", "2.9%"]),
      },
      { type: "header", text: "Top posts" },
      ...[1, 2, 3].map((n) => ({
        type: "text" as const,
        text: `${n}. X · 2026-11-2${n} · 1.${n}K interactions — "Our ambassador met the governor to discuss trade and culture…" https://x.com/ArcadiaMission${i}/status/18${n}0000000`,
      })),
      {
        type: "text",
        text: "Inactive for 7+ days: @ArcadiaMission_li (LinkedIn), last post 2026-11-18.",
        tone: "warning",
      },
      {
        type: "text",
        text: "Stale data: Instagram since 2026-11-25 — import the export file, or renew the token.",
        tone: "warning",
      },
      { type: "context", text: "Figures follow METRICS.md · unavailable data shows as n/a" },
    ],
    { ephemeral: false },
  );
}

interface FakeStats {
  keys: string[];
  rateLimitedPosts: number;
  rateLimitedBy: { channel: number; workspace: number };
}

/** The fake Slack on its own thread (see fake-slack-thread.ts). */
async function startFakeThread(options: Omit<FakeSlackOptions, "clock">) {
  const worker = new Worker(new URL("./fake-slack-thread.mjs", import.meta.url), { workerData: options });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
  const { apiUrl, botToken } = await next<{ apiUrl: string; botToken: string }>();
  return {
    apiUrl,
    botToken,
    async stats(): Promise<FakeStats> {
      const reply = next<FakeStats>();
      worker.postMessage("stats");
      return reply;
    },
    async close(): Promise<void> {
      const done = next<string>();
      worker.postMessage("close");
      await done;
      await worker.terminate();
    },
  };
}

/** Runs the benchmark and returns its figures. */
export async function runDeliveryBench(): Promise<object> {
  const dir = mkdtempSync(join(tmpdir(), "dmd-delivery-bench-"));
  const fake = await startFakeThread({
    limits: {
      perChannel: { count: PER_CHANNEL, windowMs: SECOND },
      workspace: { count: WORKSPACE, windowMs: SECOND },
      retryAfterSeconds: 1,
    },
  });
  const db = openDb(join(dir, "bench.sqlite"));
  try {
    const channelOf = (i: number) =>
      i % (MESSAGES / TO_ONE_CHANNEL) === 0 ? "C0SCD" : `C${String(i).padStart(5, "0")}`;
    const payloadBytes = JSON.stringify(digestSized(0)).length;
    inTransaction(db, () => {
      for (let i = 0; i < MESSAGES; i++) {
        enqueue(
          db,
          {
            key: `digest:m${i}:2026-W48:slack`,
            platform: "slack",
            channelId: channelOf(i),
            kind: "digest",
            reply: digestSized(i),
          },
          new Date(),
        );
      }
    });
    const logger = silentLogger();
    const start = process.hrtime.bigint();
    const result = await drainOutbox(db, {
      senders: [createSlackSender({ token: fake.botToken, apiUrl: fake.apiUrl, logger })],
      logger,
      perChannelPerSecond: PER_CHANNEL * SCALE,
      globalPerSecond: WORKSPACE * SCALE,
      rateWindowMs: SECOND,
      concurrency: 16,
      maxWaitMs: 60_000,
    });
    const totalMs = Number(process.hrtime.bigint() - start) / 1e6;

    const channels = new Set(Array.from({ length: MESSAGES }, (_, i) => channelOf(i)));
    const stats = await fake.stats();
    const posts = new Map<string, number>();
    for (const key of stats.keys) posts.set(key, (posts.get(key) ?? 0) + 1);
    let lost = 0;
    let doubled = 0;
    for (let i = 0; i < MESSAGES; i++) {
      const n = posts.get(`digest:m${i}:2026-W48:slack`) ?? 0;
      if (n === 0) lost += 1;
      doubled += Math.max(0, n - 1);
    }
    // The limits' minimum: the workspace limit spaces all messages, the channel limit the busiest channel's.
    const minimumMs = Math.max(
      ((MESSAGES - 1) / (WORKSPACE * SCALE)) * 1000,
      ((TO_ONE_CHANNEL - 1) / (PER_CHANNEL * SCALE)) * 1000,
    );
    return {
      messages: MESSAGES,
      channels: channels.size,
      messagesInBusiestChannel: TO_ONE_CHANNEL,
      payloadBytes,
      timeScale: `Slack's limits scaled ${SCALE}× faster: 1 s of Slack time = ${SECOND} ms here`,
      limits: {
        perChannel: `${PER_CHANNEL} message per ${SECOND} ms (Slack: 1 per second per channel)`,
        workspace: `${WORKSPACE} messages per ${SECOND} ms (Slack-time: ${WORKSPACE} per second across the workspace)`,
      },
      workerLimits: "the same as the fake's, kept on send-to-answer spans (see src/delivery/rate-limit.ts)",
      chartsIncluded: false,
      minimumMs: round(minimumMs),
      totalMs: round(totalMs),
      ratioToMinimum: round(totalMs / minimumMs),
      aim: "within 1.2× the limits' minimum, zero lost or doubled",
      sent: result.sent,
      failed: result.failed,
      lost,
      doubled,
      answered429: stats.rateLimitedPosts,
      answered429By: stats.rateLimitedBy,
    };
  } finally {
    db.$client.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${JSON.stringify(await runDeliveryBench(), null, 2)}\n`);
}
