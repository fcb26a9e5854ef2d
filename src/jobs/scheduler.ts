/**
 * The scheduler: one node-cron schedule per job and scope, in the scope's time zone, plus a
 * sweep every 15 minutes; each trigger runs what is due through the run ledger, so each job runs
 * once per scope and period whatever fires how often. On start, slots missed while the bot was
 * down (up to 3 days back) are caught up and marked late. A job still running for a scope is
 * not started again for it.
 *
 * Which slots are due is computed from the cron expressions with the injected clock
 * (`cron-slots.ts`), not taken from node-cron, so tests and `dmd jobs run --now` drive exactly
 * what the timers would.
 */
import cron from "node-cron";
import type { Deps } from "../core/command.ts";
import { getRun } from "../db/repos/job-runs-repo.ts";
import { getSetting, setSetting } from "../db/repos/settings-repo.ts";
import { type CronSchedule, firesPerDay, nextSlot, parseCron, slotsBetween } from "./cron-slots.ts";
import type { JobDefinition, JobScope } from "./job.ts";
import { type RunOutcome, runJobOnce } from "./run-job.ts";

export type { RunOutcome } from "./run-job.ts";

/** A started timer. */
export interface ScheduledTimer {
  destroy(): void | Promise<void>;
}

/** Starts a timer firing `fire` on `expression` in `timezone` (node-cron by default). */
export type ScheduleFn = (
  expression: string,
  fire: () => void,
  options: { timezone: string; name: string },
) => ScheduledTimer;

/** How the scheduler runs. */
export interface SchedulerOptions {
  deps: Deps;
  jobs: JobDefinition[];
  /** Called when a run queued messages (hand in the outbox worker's `kick`). */
  onQueued?: (count: number) => void;
  /** The outbox's clock (default `deps.clock`); `dmd jobs run --now` keeps the wall clock here. */
  enqueueClock?: () => Date;
  /** How far back missed slots are caught up (default 3 days). */
  catchUpMs?: number;
  /** A run starting this long after its slot is marked late (default 15 min). */
  lateAfterMs?: number;
  /** A slot this close ahead counts as due (default 1 min): a timer may fire a little early. */
  earlyMs?: number;
  /** A `running` ledger row older than this was abandoned by a dead process (default 1 h). */
  runLeaseMs?: number;
  /** The sweep's cron expression, in UTC (default every 15 minutes). */
  sweepCron?: string;
  /** The timer factory (default node-cron's `schedule`). */
  schedule?: ScheduleFn;
}

/** The setting holding when the scheduler first started on this database: nothing before it was missed. */
export const FIRST_START_SETTING = "scheduler.first_start";

/** Which runs {@link Scheduler.runDue} considers. */
export interface DueFilter {
  /** Only this job (by name). */
  job?: string;
  /** Only this scope (a mission code, or `fleet`). */
  scope?: string;
  /** The instant to act at (default: the clock's now). */
  at?: Date;
  /** Take over failed runs too (start-up and `dmd jobs run` do; timers do not). */
  retryFailed?: boolean;
  /** Slots before this instant are not caught up (default: the 3-day window alone decides). */
  notBefore?: Date;
}

/** One job and scope's next run, for `dmd jobs list`. */
export interface PlannedRun {
  job: string;
  description: string;
  scope: string;
  timezone: string;
  cron: string;
  /** Null when the cron expression is unusable (`problem` says why) or never fires. */
  next: Date | null;
  problem?: string;
}

/** A running scheduler. */
export interface Scheduler {
  /**
   * Starts the timers, then catches up missed runs; resolves with the catch-up's outcomes. The
   * first start on a database records itself, and catches up nothing from before it: a new
   * installation missed nothing.
   */
  start(): Promise<RunOutcome[]>;
  /** Stops the timers and waits for runs in progress. */
  stop(): Promise<void>;
  /** Does what the scheduler does at `at`: every due slot not yet in the ledger runs. */
  runDue(filter?: DueFilter): Promise<RunOutcome[]>;
  /** Every job and scope with its next run after `at` (default now). */
  plan(at?: Date): PlannedRun[];
}

/** node-cron's `schedule`, as a {@link ScheduleFn}. */
export const nodeCronSchedule: ScheduleFn = (expression, fire, options) => {
  const task = cron.schedule(expression, () => fire(), {
    timezone: options.timezone,
    name: options.name,
    noOverlap: true,
  });
  return { destroy: () => task.destroy() };
};

const DAY_MS = 86_400_000;

/** Creates the scheduler (nothing starts before {@link Scheduler.start}). */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { deps, jobs } = options;
  const log = deps.logger.child({ part: "scheduler" });
  const catchUpMs = options.catchUpMs ?? 3 * DAY_MS;
  const lateAfterMs = options.lateAfterMs ?? 15 * 60_000;
  const earlyMs = options.earlyMs ?? 60_000;
  const runLeaseMs = options.runLeaseMs ?? 60 * 60_000;
  const scheduleTimer = options.schedule ?? nodeCronSchedule;
  const enqueueAt = options.enqueueClock ?? (() => deps.clock.now());
  const running = new Set<string>();
  const inFlight = new Set<Promise<unknown>>();
  const timers = new Map<string, { expression: string; timezone: string; timer: ScheduledTimer }>();
  let sweep: ScheduledTimer | null = null;
  let stopped = false;
  let firstStart: Date | undefined;

  function scopesOf(job: JobDefinition): JobScope[] {
    try {
      return job.scopes(deps);
    } catch (err) {
      log.error({ job: job.name, err: String(err) }, "job scopes failed");
      return [];
    }
  }

  function cronOf(job: JobDefinition, scope: JobScope): CronSchedule | null {
    try {
      return parseCron(job.cron(scope, deps));
    } catch (err) {
      log.error({ job: job.name, scope: scope.key, err: String(err) }, "job cron expression unusable");
      return null;
    }
  }

  async function runScope(
    job: JobDefinition,
    scope: JobScope,
    cronSchedule: CronSchedule,
    at: Date,
    retryFailed: boolean,
    notBefore: Date | undefined,
  ): Promise<RunOutcome[]> {
    const from = Math.max(at.getTime() - catchUpMs, (notBefore?.getTime() ?? 0) - 1);
    let slots = slotsBetween(cronSchedule, scope.timezone, new Date(from), new Date(at.getTime() + earlyMs));
    const mode = job.catchUp ?? (firesPerDay(cronSchedule) > 1 ? "latest" : "every");
    if (mode === "latest") slots = slots.slice(-1);
    const outcomes: RunOutcome[] = [];
    const key = `${job.name}\u0000${scope.key}`;
    const seen = new Set<string>();
    const pending = slots.filter((slot) => {
      const periodKey = job.periodKey(scope, slot);
      if (seen.has(periodKey)) return false;
      seen.add(periodKey);
      const row = getRun(deps.db, job.name, scope.key, periodKey);
      return !row || row.status === "running" || (row.status === "failed" && retryFailed);
    });
    if (pending.length === 0) return outcomes;
    if (running.has(key)) {
      const slot = pending[pending.length - 1] as Date;
      outcomes.push({
        job: job.name,
        scope: scope.key,
        periodKey: job.periodKey(scope, slot),
        scheduledFor: slot.toISOString(),
        status: "busy",
        late: false,
        queued: 0,
        detail: "still running for this scope",
      });
      return outcomes;
    }
    running.add(key);
    try {
      for (const slot of pending) {
        const outcome = await runJobOnce({
          deps,
          job,
          scope,
          slot,
          late: slot.getTime() < at.getTime() - lateAfterMs,
          enqueueAt,
          runLeaseMs,
          retryFailed,
        });
        outcomes.push(outcome);
        if (outcome.status !== "already") {
          log.info(
            {
              job: outcome.job,
              scope: outcome.scope,
              periodKey: outcome.periodKey,
              status: outcome.status,
              late: outcome.late,
              queued: outcome.queued,
            },
            "job run",
          );
        }
        if (outcome.queued > 0) options.onQueued?.(outcome.queued);
      }
    } finally {
      running.delete(key);
    }
    return outcomes;
  }

  async function runDue(filter: DueFilter = {}): Promise<RunOutcome[]> {
    const at = filter.at ?? deps.clock.now();
    const outcomes: RunOutcome[] = [];
    for (const job of jobs) {
      if (filter.job !== undefined && job.name !== filter.job) continue;
      for (const scope of scopesOf(job)) {
        if (filter.scope !== undefined && scope.key !== filter.scope) continue;
        const cronSchedule = cronOf(job, scope);
        if (!cronSchedule) continue;
        outcomes.push(
          ...(await runScope(job, scope, cronSchedule, at, filter.retryFailed ?? false, filter.notBefore)),
        );
      }
    }
    return outcomes;
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight.add(promise);
    promise
      .catch((err: unknown) => log.error({ err: String(err) }, "scheduled run failed"))
      .finally(() => inFlight.delete(promise));
    return promise;
  }

  /** Brings the timers in line with the jobs' current scopes (missions added, removed, moved). */
  function refreshTimers(): void {
    const wanted = new Set<string>();
    for (const job of jobs) {
      for (const scope of scopesOf(job)) {
        const cronSchedule = cronOf(job, scope);
        if (!cronSchedule) continue;
        const { expression } = cronSchedule;
        const key = `${job.name}\u0000${scope.key}`;
        wanted.add(key);
        const current = timers.get(key);
        if (current && current.expression === expression && current.timezone === scope.timezone) continue;
        if (current) void current.timer.destroy();
        try {
          const timer = scheduleTimer(
            expression,
            () => {
              if (!stopped) void track(runDue({ job: job.name, scope: scope.key, notBefore: firstStart }));
            },
            { timezone: scope.timezone, name: `${job.name}:${scope.key}` },
          );
          timers.set(key, { expression, timezone: scope.timezone, timer });
        } catch (err) {
          log.error({ job: job.name, scope: scope.key, err: String(err) }, "could not schedule the job");
        }
      }
    }
    for (const [key, current] of timers) {
      if (wanted.has(key)) continue;
      void current.timer.destroy();
      timers.delete(key);
    }
  }

  return {
    async start() {
      stopped = false;
      const recorded = getSetting(deps.db, FIRST_START_SETTING);
      if (recorded === null) {
        firstStart = deps.clock.now();
        setSetting(deps.db, FIRST_START_SETTING, firstStart.toISOString());
      } else {
        firstStart = new Date(recorded);
      }
      refreshTimers();
      sweep = scheduleTimer(
        options.sweepCron ?? "*/15 * * * *",
        () => {
          if (stopped) return;
          refreshTimers();
          void track(runDue({ notBefore: firstStart }));
        },
        { timezone: "UTC", name: "dmd-sweep" },
      );
      return track(runDue({ retryFailed: true, notBefore: firstStart }));
    },
    async stop() {
      stopped = true;
      await sweep?.destroy();
      sweep = null;
      for (const { timer } of timers.values()) await timer.destroy();
      timers.clear();
      await Promise.allSettled([...inFlight]);
    },
    runDue,
    plan(at) {
      const from = at ?? deps.clock.now();
      const out: PlannedRun[] = [];
      for (const job of jobs) {
        for (const scope of scopesOf(job)) {
          const run = {
            job: job.name,
            description: job.description,
            scope: scope.key,
            timezone: scope.timezone,
          };
          let expression = "";
          try {
            expression = job.cron(scope, deps);
            const next = nextSlot(expression, scope.timezone, from);
            out.push({ ...run, cron: expression, next });
          } catch (err) {
            out.push({
              ...run,
              cron: expression,
              next: null,
              problem: err instanceof Error ? err.message : String(err),
            });
          }
        }
      }
      return out;
    },
  };
}
