import { UserError } from "../core/errors.ts";
import { alertsJob } from "./alerts-job.ts";
import { collectJob } from "./collect-job.ts";
import { contentJobs } from "./content-jobs.ts";
import { digestJob } from "./digest-job.ts";
import type { JobDefinition } from "./job.ts";
import { rollupJob } from "./rollup-job.ts";
import { monthlyTrendJob, weeklyScdBriefJob } from "./trends-job.ts";

/**
 * Every scheduled job, in the order `dmd jobs list` shows them. An explicit list, not a folder
 * scan: adding a job is one import and one line here.
 */
export function allJobs(): JobDefinition[] {
  return [collectJob, alertsJob, digestJob, rollupJob, monthlyTrendJob, weeklyScdBriefJob, ...contentJobs];
}

/**
 * The job with this name.
 *
 * @throws UserError `unknown_job`, listing the job names, when there is none.
 */
export function findJob(jobs: JobDefinition[], name: string): JobDefinition {
  const job = jobs.find((j) => j.name === name.trim().toLowerCase());
  if (!job) {
    throw new UserError(
      "unknown_job",
      `There is no job called "${name}". Jobs: ${jobs.map((j) => j.name).join(", ")}.`,
    );
  }
  return job;
}
