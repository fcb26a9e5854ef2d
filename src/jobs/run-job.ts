/**
 * One run of one job for one scope and slot, exactly once: claim the ledger row, run, then
 * commit the run's messages with its ledger row in one transaction.
 */
import type { Deps } from "../core/command.ts";
import { inTransaction } from "../db/client.ts";
import { claimRun, finishRun } from "../db/repos/job-runs-repo.ts";
import { enqueue } from "../delivery/outbox.ts";
import type { JobContext, JobDefinition, JobScope, OutgoingMessage } from "./job.ts";

/** How one attempt to run ended. */
export interface RunOutcome {
  job: string;
  scope: string;
  periodKey: string;
  /** ISO instant of the slot the run is for. */
  scheduledFor: string;
  /**
   * `done`, `skipped` or `failed`: this call ran it. `already`: the ledger says it ran (or is
   * running elsewhere); `busy`: this process is still running the job for that scope.
   */
  status: "done" | "skipped" | "failed" | "already" | "busy";
  late: boolean;
  /** Messages the run queued that were not in the outbox yet. */
  queued: number;
  detail: string | null;
}

/** What {@link runJobOnce} needs. */
export interface RunInput {
  deps: Deps;
  job: JobDefinition;
  scope: JobScope;
  /** The slot the run is for (its `ctx.now`). */
  slot: Date;
  late: boolean;
  /** The outbox's clock: when messages are queued (the wall clock, also under `--now`). */
  enqueueAt: () => Date;
  /** A `running` ledger row older than this was abandoned by a dead process. */
  runLeaseMs: number;
  retryFailed: boolean;
}

class RunSuperseded extends Error {
  override name = "RunSuperseded";
}

function isAsyncFunction(fn: unknown): boolean {
  return typeof fn === "function" && fn.constructor.name === "AsyncFunction";
}

/**
 * Runs `job` for `scope` at `slot` unless the ledger says it already ran. A synchronous `run`
 * executes inside the transaction that writes its messages and finishes its ledger row; an
 * `async run` has its messages held and written in that transaction when it returns. A run
 * that throws leaves the ledger row `failed` and queues nothing.
 */
export async function runJobOnce(input: RunInput): Promise<RunOutcome> {
  const { deps, job, scope, slot, late } = input;
  const { db } = deps;
  const periodKey = job.periodKey(scope, slot);
  const startedAt = deps.clock.now();
  const base = { job: job.name, scope: scope.key, periodKey, scheduledFor: slot.toISOString(), late };
  const claim = claimRun(db, {
    job: job.name,
    scope: scope.key,
    periodKey,
    late,
    scheduledFor: slot.toISOString(),
    startedAt: startedAt.toISOString(),
    abandonedBefore: new Date(startedAt.getTime() - input.runLeaseMs).toISOString(),
    retryFailed: input.retryFailed,
  });
  if (!claim.claimed) {
    return {
      ...base,
      status: "already",
      late: claim.existing.late,
      queued: 0,
      detail: claim.existing.status,
    };
  }

  let skipped: string | null = null;
  let note: string | null = null;
  let queued = 0;
  let open = true;
  let direct = false;
  const held: OutgoingMessage[] = [];
  const write = (message: OutgoingMessage) => {
    if (enqueue(db, message, input.enqueueAt()).created) queued += 1;
  };
  const ctx: JobContext = {
    deps,
    now: slot,
    scope,
    periodKey,
    late,
    enqueue(message) {
      if (!open) throw new Error(`job ${job.name}: enqueue after the run ended`);
      if (direct) write(message);
      else held.push(message);
    },
    skip(reason) {
      skipped = reason;
    },
    note(detail) {
      note = detail;
    },
  };
  const finish = () => {
    for (const message of held) write(message);
    const status = skipped === null ? "done" : "skipped";
    const ended = finishRun(db, claim.id, startedAt.toISOString(), {
      status,
      detail: skipped ?? note,
      finishedAt: deps.clock.now().toISOString(),
    });
    if (!ended) throw new RunSuperseded("another process took this run over");
    return status;
  };

  try {
    let status: "done" | "skipped";
    if (isAsyncFunction(job.run)) {
      await job.run(ctx);
      status = inTransaction(db, finish);
    } else {
      direct = true;
      status = inTransaction(db, () => {
        const result = job.run(ctx);
        if (result && typeof (result as Promise<void>).then === "function") {
          // Its writes before the first await are rolled back with this throw; the rest cannot be.
          throw new Error(`job ${job.name}: run returned a promise; declare it \`async run\``);
        }
        return finish();
      });
    }
    open = false;
    return { ...base, status, queued, detail: skipped ?? note };
  } catch (err) {
    open = false;
    queued = 0;
    if (err instanceof RunSuperseded) return { ...base, status: "already", queued: 0, detail: err.message };
    const detail = err instanceof Error ? err.message : String(err);
    deps.logger.error({ job: job.name, scope: scope.key, periodKey, err: detail }, "job run failed");
    finishRun(db, claim.id, startedAt.toISOString(), {
      status: "failed",
      detail: detail.slice(0, 500),
      finishedAt: deps.clock.now().toISOString(),
    });
    return { ...base, status: "failed", queued: 0, detail };
  }
}
