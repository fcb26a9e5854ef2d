/**
 * The delivery options with their defaults filled in, and what every step of a delivery pass
 * shares: the clock, the limiters, the tallies. Internal to `src/delivery`.
 */
import type { Logger } from "../core/logger.ts";
import { type BackoffPolicy, DEFAULT_BACKOFF } from "./backoff.ts";
import { createRateLimiterSet, DEFAULT_RATE_LIMITS, type RateLimiterSet } from "./rate-limit.ts";
import type { Sender } from "./sender.ts";

/** What one delivery pass did. */
export interface DeliveryTally {
  /** Messages the platform confirmed in this pass (including ones found already posted). */
  sent: number;
  /** Messages that will be tried again later. */
  retried: number;
  /** Messages given up on in this pass (permanent errors, or out of attempts). */
  failed: number;
}

/** How the outbox delivers. */
export interface DeliveryOptions {
  /** One sender per platform; messages of a platform without a sender wait in the outbox. */
  senders: Sender[];
  /** The clock (default: the wall clock). */
  now?: () => Date;
  /** Every wait of a pass goes through it (rate limits); tests advance a manual clock instead. */
  sleep?: (ms: number) => Promise<void>;
  /** Default 1 (Slack's pace for one channel). Ignored when `limiters` is given. */
  perChannelPerSecond?: number;
  /** Default 10. Ignored when `limiters` is given. */
  globalPerSecond?: number;
  /** The window the workspace limit is counted over (default 1,000 ms). Ignored when `limiters` is given. */
  rateWindowMs?: number;
  /** Attempts that reached the platform before a message is given up on (default 12, about 1.7 h of backoff). */
  maxAttempts?: number;
  logger: Logger;
  /** The limiters' state, kept across passes by the worker; a fresh one per pass otherwise. */
  limiters?: RateLimiterSet;
  /** The jitter source (default Math.random). */
  random?: () => number;
  /** Default 5 s doubling up to 30 min. */
  backoff?: BackoffPolicy;
  /**
   * How long a message stays claimed by the process sending it (default 2 min). Past it, another
   * worker treats the attempt as abandoned (a crash) and looks the message up before resending.
   * Must exceed a sender's own request timeout.
   */
  sendingLeaseMs?: number;
  /** Messages in flight at once across channels (default 8; one at a time per channel). */
  concurrency?: number;
  /** The most messages one pass takes (default 2,000). */
  batchSize?: number;
}

/** {@link DeliveryOptions} with every default applied. */
export interface Delivery {
  senders: Map<string, Sender>;
  platforms: string[];
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  maxAttempts: number;
  logger: Logger;
  limiters: RateLimiterSet;
  random: () => number;
  backoff: BackoffPolicy;
  leaseMs: number;
  concurrency: number;
  batchSize: number;
  tally: DeliveryTally;
}

/** Real waiting, for production. */
export function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** The limiters `options` hands in, or new ones with its rates. */
export function limitersFor(options: DeliveryOptions): RateLimiterSet {
  return (
    options.limiters ??
    createRateLimiterSet({
      perChannelPerSecond: options.perChannelPerSecond ?? DEFAULT_RATE_LIMITS.perChannelPerSecond,
      globalPerSecond: options.globalPerSecond ?? DEFAULT_RATE_LIMITS.globalPerSecond,
      ...(options.rateWindowMs === undefined ? {} : { windowMs: options.rateWindowMs }),
    })
  );
}

/** Fills in the defaults of `options` for one pass. */
export function resolveDelivery(options: DeliveryOptions): Delivery {
  const senders = new Map(options.senders.map((s) => [s.platform as string, s]));
  return {
    senders,
    platforms: [...senders.keys()],
    now: options.now ?? (() => new Date()),
    sleep: options.sleep ?? realSleep,
    maxAttempts: options.maxAttempts ?? 12,
    logger: options.logger.child({ part: "outbox" }),
    limiters: limitersFor(options),
    random: options.random ?? Math.random,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    leaseMs: options.sendingLeaseMs ?? 120_000,
    concurrency: Math.max(1, options.concurrency ?? 8),
    batchSize: Math.max(1, options.batchSize ?? 2_000),
    tally: { sent: 0, retried: 0, failed: 0 },
  };
}

/** An ISO instant `ms` after `from`. */
export function isoAfter(from: Date, ms: number): string {
  return new Date(from.getTime() + Math.max(0, ms)).toISOString();
}
