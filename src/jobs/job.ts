import type { Deps } from "../core/command.ts";
import type { Reply } from "../core/reply.ts";

/** One message for the outbox; the key makes enqueueing it twice a no-op. */
export interface OutgoingMessage {
  /** e.g. `digest:washington:2026-W47:slack`. */
  key: string;
  platform: "slack" | "discord";
  channelId: string;
  /** digest, rollup, alert, trend_report, content, reminder, … */
  kind: string;
  missionId?: number | null;
  reply: Reply;
}

/** What a job is run for: one mission (in its own time zone) or the whole fleet (HQ zone). */
export interface JobScope {
  /** A mission code, or `fleet` for HQ-wide jobs. */
  key: string;
  timezone: string;
  missionId: number | null;
}

/** Everything one run of a job gets. */
export interface JobContext {
  deps: Deps;
  /** The instant the run is for (the scheduled time, or `--now`). */
  now: Date;
  scope: JobScope;
  /** The period the run covers, e.g. `2026-W47`; with the job and scope, the ledger key. */
  periodKey: string;
  /** True when the run catches up a slot missed while the bot was down. */
  late: boolean;
  /** Queues a message in the outbox (idempotent by key) inside the run's transaction. */
  enqueue(message: OutgoingMessage): void;
  /**
   * Records the run as `skipped` (instead of `done`) in the ledger, with the reason in words,
   * e.g. "no channel set for the mission". Messages queued before or after still go. Optional
   * so that hand-made contexts in tests need not provide it; the scheduler always does.
   */
  skip?(reason: string): void;
  /** Records a short outcome in the ledger's `detail`, e.g. "42 handles collected, 2 failed". */
  note?(detail: string): void;
}

/**
 * A scheduled job. The scheduler asks each job for its scopes, schedules `cron` for each in the
 * scope's zone, and records every run in the ledger (job, scope, periodKey) so that it runs once.
 *
 * A synchronous `run` executes inside one transaction with its outbox rows and its ledger row:
 * everything it writes (alerts raised, items closed …) commits together with its messages, or
 * nothing does. An `async run` has its messages held until it returns, then committed with its
 * ledger row in one transaction; what it writes itself on the way is its own (so it should be
 * safe to repeat). A `run` that throws leaves the ledger row `failed` and queues nothing.
 */
export interface JobDefinition {
  name: string;
  description: string;
  scopes(deps: Deps): JobScope[];
  /** A node-cron expression in the scope's time zone, e.g. `0 9 * * 1` for Mondays 09:00. */
  cron(scope: JobScope, deps: Deps): string;
  /** The period a run at `instant` covers, e.g. the ISO week just ended. */
  periodKey(scope: JobScope, instant: Date): string;
  run(ctx: JobContext): Promise<void> | void;
  /**
   * Which runs missed while the bot was down (up to 3 days back) are caught up at start:
   * `every` missed slot, or only the `latest`. Default: `latest` for jobs that fire several
   * times a day, `every` otherwise.
   */
  catchUp?: "every" | "latest";
}
