import type { Deps } from "../core/command.ts";
import type { Sender } from "../delivery/sender.ts";
import { startOutboxWorker } from "../delivery/worker.ts";
import type { JobDefinition } from "./job.ts";
import { allJobs } from "./registry.ts";
import { createScheduler } from "./scheduler.ts";

/** The scheduler and the outbox worker, running. */
export interface Background {
  /** Stops the timers, waits for runs in progress, then stops the worker after its pass. */
  stop(): Promise<void>;
}

/**
 * Starts what `dmd start` runs beside the chat adapters: the outbox worker delivering through
 * `senders`, and the scheduler (with its catch-up of missed runs, in the background so the bot
 * answers at once), whose runs kick the worker as soon as they queue messages.
 */
export function startBackground(
  deps: Deps,
  senders: Sender[],
  options: { jobs?: JobDefinition[] } = {},
): Background {
  const log = deps.logger.child({ part: "background" });
  const worker = startOutboxWorker(deps.db, { senders, logger: deps.logger, now: () => deps.clock.now() });
  const scheduler = createScheduler({
    deps,
    jobs: options.jobs ?? allJobs(),
    onQueued: () => worker.kick(),
  });
  scheduler
    .start()
    .then((outcomes) => {
      const ran = outcomes.filter((o) => o.status !== "already" && o.status !== "busy");
      const late = ran.filter((o) => o.late).length;
      const failed = ran.filter((o) => o.status === "failed").length;
      log.info({ runs: ran.length, late, failed }, "scheduler started; missed runs caught up");
    })
    .catch((err: unknown) => log.error({ err: String(err) }, "scheduler catch-up failed"));
  return {
    async stop() {
      await scheduler.stop();
      await worker.stop();
    },
  };
}
