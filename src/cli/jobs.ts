import type { Writable } from "node:stream";
import { DateTime } from "luxon";
import { fixedClock } from "../core/clock.ts";
import { UserError } from "../core/errors.ts";
import { drainOutbox } from "../delivery/worker.ts";
import { describeCron } from "../jobs/cron-slots.ts";
import type { JobDefinition } from "../jobs/job.ts";
import { allJobs, findJob } from "../jobs/registry.ts";
import { createScheduler, type RunOutcome } from "../jobs/scheduler.ts";
import { outboxSenders } from "./senders.ts";
import { reportUserError, withApp } from "./with-app.ts";

/** Options of `dmd jobs list`. */
export interface JobsListOptions {
  dbPath?: string;
  /** Only this job. */
  job?: string;
  /** Only this scope (a mission code, or `fleet`). */
  mission?: string;
  /** Next runs after this instant (default now). */
  at?: string;
  env?: NodeJS.ProcessEnv;
  out?: Writable;
}

/** Options of `dmd jobs run`. */
export interface JobsRunOptions {
  dbPath?: string;
  job: string;
  /** The instant to act at, ISO-8601 with a zone (`2026-11-30T09:00:00Z`); default now. */
  now?: string;
  /** Only this mission (code), for jobs that run per mission. */
  mission?: string;
  /** Longest wait for a message's next attempt while delivering (default 60 s). */
  maxWaitMs?: number;
  env?: NodeJS.ProcessEnv;
  out?: Writable;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Reads `--now`: an ISO-8601 instant with its zone.
 *
 * @throws UserError `bad_instant` otherwise.
 */
export function parseInstant(text: string): Date {
  const at = INSTANT.test(text.trim()) ? new Date(text.trim()) : null;
  if (!at || Number.isNaN(at.getTime())) {
    throw new UserError(
      "bad_instant",
      `"${text}" is not an instant: write it as ISO-8601 with its zone, e.g. 2026-11-30T09:00:00Z or 2026-11-30T09:00:00-05:00.`,
    );
  }
  return at;
}

function when(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("ccc yyyy-LL-dd HH:mm ZZZZ");
}

function pad(cells: string[][]): string {
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length))) ?? [];
  return cells
    .map((row) =>
      row
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * `dmd jobs list [--job j] [--mission m] [--at instant]`: every job's schedule per scope, with
 * the next run in the scope's local time and in HQ time.
 */
export async function runJobsList(options: JobsListOptions): Promise<number> {
  const out = options.out ?? process.stdout;
  const at = options.at ? parseInstant(options.at) : undefined;
  const wiring = { dbPath: options.dbPath, env: options.env, ...(at ? { clock: fixedClock(at) } : {}) };
  return withApp(wiring, (app) => {
    const jobs = options.job ? [findJob(allJobs(), options.job)] : allJobs();
    const scheduler = createScheduler({ deps: app.deps, jobs });
    const hq = app.config.hqTimezone;
    const plan = scheduler
      .plan(at)
      .filter((p) => options.mission === undefined || p.scope === options.mission.trim().toLowerCase());
    const sections: string[] = [];
    for (const job of jobs) {
      const rows = plan.filter((p) => p.job === job.name);
      const header = `${job.name}: ${job.description}`;
      if (rows.length === 0) {
        sections.push(
          `${header}\n  (nothing to run: no mission has what this job needs${options.mission ? `, or ${options.mission} is not one of them` : ""})`,
        );
        continue;
      }
      const table = [
        ["Scope", "Schedule (local)", "Zone", "Next run (local)", `Next run (HQ, ${hq})`],
        ...rows.map((p) => [
          p.scope,
          p.problem ? `unusable: ${p.problem}` : describeCron(p.cron),
          p.timezone,
          p.next ? when(p.next, p.timezone) : "never",
          p.next ? when(p.next, hq) : "never",
        ]),
      ];
      sections.push(`${header}\n${pad(table).replace(/^/gm, "  ")}`);
    }
    out.write(`${sections.join("\n\n")}\n`);
    return 0;
  });
}

function scopeFilter(job: JobDefinition, mission: string | undefined, scopes: string[]): string | undefined {
  if (mission === undefined) return undefined;
  const code = mission.trim().toLowerCase();
  if (scopes.length === 1 && scopes[0] === "fleet") {
    throw new UserError(
      "fleet_job",
      `The ${job.name} job runs for the whole network, not per mission: leave out --mission.`,
    );
  }
  if (!scopes.includes(code)) {
    throw new UserError(
      "unknown_scope",
      `The ${job.name} job does not run for "${mission}": it runs for missions with what it needs (e.g. a Slack or Discord channel). Check the code with dmd ask "/missions".`,
    );
  }
  return code;
}

function outcomeLine(o: RunOutcome): string {
  const slot = `${o.scope} ${o.periodKey} (slot ${o.scheduledFor})`;
  switch (o.status) {
    case "done":
    case "skipped":
      return `${slot}: ${o.status}${o.late ? ", late" : ""}; ${o.queued} new message${o.queued === 1 ? "" : "s"} queued${o.detail ? ` — ${o.detail}` : ""}`;
    case "failed":
      return `${slot}: FAILED — ${o.detail ?? "unknown error"} (it is retried at the next start or dmd jobs run)`;
    case "already":
      return `${slot}: already in the ledger (${o.detail ?? "done"}); nothing to do`;
    case "busy":
      return `${slot}: still running in this process`;
  }
}

/**
 * `dmd jobs run <job> [--now instant] [--mission code]`: does exactly what the scheduler does at
 * that instant (every due slot of the job not yet in the ledger runs, late when more than 15
 * minutes past), then delivers the outbox as the worker would, waiting through retries up to
 * `maxWaitMs`. Returns 0, or 2 when a run failed.
 */
export async function runJobsRun(options: JobsRunOptions): Promise<number> {
  const out = options.out ?? process.stdout;
  let at: Date;
  try {
    at = options.now ? parseInstant(options.now) : new Date();
  } catch (err) {
    return reportUserError(err);
  }
  return withApp({ dbPath: options.dbPath, env: options.env, clock: fixedClock(at) }, async (app) => {
    const job = findJob(allJobs(), options.job);
    const scope = scopeFilter(
      job,
      options.mission,
      job.scopes(app.deps).map((s) => s.key),
    );
    const scheduler = createScheduler({ deps: app.deps, jobs: [job], enqueueClock: () => new Date() });
    const outcomes = await scheduler.runDue({ job: job.name, scope, at, retryFailed: true });
    out.write(`${job.name} at ${at.toISOString()}:\n`);
    if (outcomes.length === 0) {
      const next = scheduler.plan(at).filter((p) => scope === undefined || p.scope === scope);
      const soonest = next
        .flatMap((p) => (p.next ? [p.next] : []))
        .sort((a, b) => a.getTime() - b.getTime())[0];
      out.write(
        `  nothing due (every slot in the last 3 days is in the ledger)${soonest ? `; the next slot is ${soonest.toISOString()}` : ""}\n`,
      );
    }
    for (const o of outcomes) out.write(`  ${outcomeLine(o)}\n`);

    const senders = await outboxSenders(app.config, app.deps.logger);
    if (senders.length === 0) {
      const queued = outcomes.reduce((n, o) => n + o.queued, 0);
      out.write(
        `${queued} message${queued === 1 ? "" : "s"} queued. No chat platform is configured (SLACK_BOT_TOKEN, DISCORD_TOKEN): the outbox delivers them when the bot runs with one.\n`,
      );
    } else {
      const result = await drainOutbox(app.deps.db, {
        senders,
        logger: app.deps.logger,
        maxWaitMs: options.maxWaitMs ?? 60_000,
      });
      out.write(
        `Delivered ${result.sent}; ${result.failed} failed (see /outbox); ${result.waiting} still waiting for a retry (the running bot delivers them).\n`,
      );
    }
    return outcomes.some((o) => o.status === "failed") ? 2 : 0;
  });
}
