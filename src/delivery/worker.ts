/**
 * The outbox worker: delivers due messages with a per-channel and a workspace-wide rate limit,
 * exponential backoff with jitter, and the platform's `Retry-After` honoured.
 *
 * Exactly once: a message is claimed (`sending`, one more attempt) in a committed write before
 * the platform is called, and marked `sent` only with the platform's message id. If the process
 * dies in between, the row stays in `sending`; once its lease runs out, the next pass looks the
 * message up in its channel by its key before sending anything (`reconcile.ts`).
 */
import type { Db } from "../db/client.ts";
import type { OutboxRow } from "../db/repos/outbox-repo.ts";
import {
  claimForSend,
  countUnsent,
  duePending,
  markFailed,
  markSent,
  nextDueAt,
} from "../db/repos/outbox-repo.ts";
import {
  type Delivery,
  type DeliveryOptions,
  type DeliveryTally,
  isoAfter,
  limitersFor,
  resolveDelivery,
} from "./context.ts";
import { storeError } from "./errors.ts";
import { recordSendFailure } from "./failures.ts";
import { deserializeReply } from "./outbox.ts";
import { reconcileDue } from "./reconcile.ts";

export type { DeliveryOptions, DeliveryTally } from "./context.ts";

/**
 * One pass over the due messages: first the ones left in `sending` are looked up, then pending
 * ones are sent, in parallel across channels and one at a time per channel, within the limits.
 * Messages that fail are rescheduled (not waited for), so a pass ends once each due message had
 * its turn.
 */
export async function deliverDue(
  db: Db,
  options: DeliveryOptions,
): Promise<{ sent: number; retried: number; failed: number }> {
  const d = resolveDelivery(options);
  await reconcileDue(db, d);
  const rows = duePending(db, d.platforms, d.now().toISOString(), d.batchSize);
  await sendAll(db, d, rows);
  return { ...d.tally };
}

interface ChannelQueue {
  key: string;
  platform: string;
  channel: string;
  rows: OutboxRow[];
  busy: boolean;
}

/** The longest a pass waits for a channel to be ready before leaving it to a later pass. */
const PASS_HORIZON_MS = 5_000;

/** The pause after a pass that could do nothing although messages are due (channels held back by a 429). */
const IDLE_WHEN_HELD_MS = 250;

async function sendAll(db: Db, d: Delivery, rows: OutboxRow[]): Promise<void> {
  const queues = new Map<string, ChannelQueue>();
  for (const row of rows) {
    const key = `${row.platform}\u0000${row.channelId}`;
    let queue = queues.get(key);
    if (!queue) {
      queue = { key, platform: row.platform, channel: row.channelId, rows: [], busy: false };
      queues.set(key, queue);
    }
    queue.rows.push(row);
  }
  const inFlight = new Set<Promise<void>>();
  for (;;) {
    const waiting = [...queues.values()].filter((q) => q.rows.length > 0 && !q.busy);
    if (waiting.length === 0 || inFlight.size >= d.concurrency) {
      if (inFlight.size === 0) return;
      await Promise.race(inFlight);
      continue;
    }
    // The channel that may send soonest goes next, so one busy channel never holds up the others.
    let best = waiting[0] as ChannelQueue;
    let bestAt = d.limiters.for(best.platform).readyAt(best.channel);
    for (const q of waiting) {
      const at = d.limiters.for(q.platform).readyAt(q.channel);
      if (at < bestAt) {
        best = q;
        bestAt = at;
      }
    }
    const now = d.now().getTime();
    if (Number.isFinite(bestAt) && bestAt > now + PASS_HORIZON_MS) {
      // Every channel left is held back for long (a 429's Retry-After): their messages stay
      // due and go in a later pass, so this one does not hold up messages queued meanwhile.
      for (const q of waiting) q.rows = [];
      continue;
    }
    if (bestAt > now) {
      // Infinity: the workspace budget is held by requests in flight; the next answer frees it.
      await Promise.race(
        Number.isFinite(bestAt) || inFlight.size === 0
          ? [d.sleep(Math.min(bestAt - now, 60_000)), ...inFlight]
          : inFlight,
      );
      continue;
    }
    d.limiters.for(best.platform).take(best.channel, now);
    const row = best.rows.shift() as OutboxRow;
    const queue = best;
    queue.busy = true;
    const task: Promise<void> = sendOne(db, d, row)
      .catch((err: unknown) => d.logger.error({ id: row.id, err: String(err) }, "outbox send crashed"))
      .finally(() => {
        d.limiters.for(queue.platform).answered(queue.channel, d.now().getTime());
        queue.busy = false;
        inFlight.delete(task);
      });
    inFlight.add(task);
  }
}

async function sendOne(db: Db, d: Delivery, row: OutboxRow): Promise<void> {
  const sender = d.senders.get(row.platform);
  if (!sender) return;
  const claimedAt = d.now();
  if (!claimForSend(db, row.id, claimedAt.toISOString(), isoAfter(claimedAt, d.leaseMs))) return;
  const attempts = row.attempts + 1;
  let reply: ReturnType<typeof deserializeReply>;
  try {
    reply = deserializeReply(row.payload);
  } catch (err) {
    markFailed(
      db,
      row.id,
      storeError({
        code: "unreadable",
        reason: `The stored message cannot be read (${err instanceof Error ? err.message : String(err)}).`,
        fix: "This is a bug: report it to the developers with the message id.",
      }),
      claimedAt.toISOString(),
    );
    d.tally.failed += 1;
    return;
  }
  try {
    const { messageId } = await sender.send(row.channelId, reply, { key: row.idempotencyKey });
    markSent(db, row.id, messageId, d.now().toISOString());
    d.tally.sent += 1;
  } catch (err) {
    recordSendFailure(db, d, row, attempts, err);
  }
}

/** A running worker. */
export interface OutboxWorker {
  /** Starts a pass now instead of at the next interval (e.g. right after a job queued messages). */
  kick(): void;
  /** Finishes the pass in progress and stops. */
  stop(): Promise<void>;
}

/**
 * Delivers in the background: a pass, then a wait until the next message is due (at most
 * `intervalMs`, default 1 s) or until {@link OutboxWorker.kick}. The rate limiters live as long
 * as the worker, so passes never burst past a limit. A failing pass is logged and retried.
 */
export function startOutboxWorker(db: Db, options: DeliveryOptions & { intervalMs?: number }): OutboxWorker {
  const interval = options.intervalMs ?? 1_000;
  const now = options.now ?? (() => new Date());
  const limiters = limitersFor(options);
  const log = options.logger.child({ part: "outbox" });
  const platforms = options.senders.map((s) => s.platform as string);
  let stopped = false;
  let wake: (() => void) | null = null;
  let kicked = false;

  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      if (kicked || stopped) {
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const loop = (async () => {
    while (!stopped) {
      kicked = false;
      let progress = true;
      try {
        const pass = await deliverDue(db, { ...options, limiters });
        progress = pass.sent + pass.failed + pass.retried > 0;
      } catch (err) {
        log.error({ err: err instanceof Error ? err.message : String(err) }, "outbox pass failed");
      }
      if (stopped) break;
      const next = nextDueAt(db, platforms);
      const untilNext = next === null ? interval : Date.parse(next) - now().getTime();
      await idle(Math.min(interval, Math.max(progress ? 50 : IDLE_WHEN_HELD_MS, untilNext)));
    }
  })();

  return {
    kick() {
      kicked = true;
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

/**
 * Delivers until nothing is left to do now: passes run back to back while messages are due or
 * become due within `maxWaitMs` (waiting through backoff and `Retry-After`). Used by
 * `dmd jobs run`, by tests and by the benchmark. Returns the totals and how many messages are
 * still waiting (due later than `maxWaitMs`).
 */
export async function drainOutbox(
  db: Db,
  options: DeliveryOptions & { maxWaitMs?: number },
): Promise<DeliveryTally & { waiting: number }> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxWait = options.maxWaitMs ?? 60_000;
  const limiters = limitersFor(options);
  const platforms = options.senders.map((s) => s.platform as string);
  const total: DeliveryTally = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const pass = await deliverDue(db, { ...options, limiters });
    total.sent += pass.sent;
    total.failed += pass.failed;
    total.retried += pass.retried;
    const next = nextDueAt(db, platforms);
    if (next === null) return { ...total, waiting: 0 };
    const wait = Date.parse(next) - now().getTime();
    if (wait > maxWait) {
      return { ...total, waiting: countUnsent(db, platforms) };
    }
    const progress = pass.sent + pass.failed + pass.retried > 0;
    if (wait > 0 || !progress) await sleep(Math.max(wait, progress ? 0 : IDLE_WHEN_HELD_MS));
  }
}
