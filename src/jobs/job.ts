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
}

/**
 * A scheduled job. The scheduler asks each job for its scopes, schedules `cron` for each in the
 * scope's zone, and records every run in the ledger (job, scope, periodKey) so that it runs once.
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
}
