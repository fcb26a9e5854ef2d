/**
 * Times building the weekly digests of every mission of the bench fleet (1,000 missions × 6
 * handles) in one batch, as the scheduler's Monday fan-out needs them, and the peak memory it
 * takes. The aim: all digests built in under 2 s.
 */
import { openDb } from "../src/db/client.ts";
import { listMissions } from "../src/db/repos/missions-repo.ts";
import { buildDigests } from "../src/digest/build-digests.ts";
import { buildFleetRollup } from "../src/digest/build-rollup.ts";
import { digestReply } from "../src/digest/reply.ts";
import { round } from "./stats.ts";

/** The week the bench times: the last complete ISO week of the bench fleet (data to 2026-11-26). */
const WEEK = "2026-W47";

/** Warm runs timed after the first (cold) one. */
const WARM_RUNS = 3;

/** Digests whose chart is rendered, to report the per-digest chart cost beside the batch. */
const CHART_SAMPLE = 5;

/**
 * Builds every digest of the fleet database at `dbPath` (made by bench/fleet-db.ts) for
 * {@link WEEK}: the first run (cold caches) and the median of warm runs, the peak resident
 * memory, the time to turn them all into messages without charts, a chart's cost, and the
 * roll-up's time.
 */
export async function runDigestBench(dbPath: string): Promise<object> {
  const db = openDb(dbPath);
  try {
    const missions = listMissions(db).filter((m) => m.kind !== "hq");
    const rssBefore = process.memoryUsage().rss;
    const time = <T>(fn: () => T): { ms: number; value: T } => {
      const start = process.hrtime.bigint();
      const value = fn();
      return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
    };
    const first = time(() => buildDigests(db, missions, WEEK));
    const warm: number[] = [];
    let digests = first.value;
    for (let i = 0; i < WARM_RUNS; i++) {
      const run = time(() => buildDigests(db, missions, WEEK));
      warm.push(run.ms);
      digests = run.value;
    }
    warm.sort((a, b) => a - b);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;

    const replyStart = process.hrtime.bigint();
    for (const digest of digests) await digestReply(digest, { chart: false });
    const repliesMs = Number(process.hrtime.bigint() - replyStart) / 1e6;

    const chartStart = process.hrtime.bigint();
    for (const digest of digests.slice(0, CHART_SAMPLE)) await digestReply(digest);
    const chartMs =
      Number(process.hrtime.bigint() - chartStart) / 1e6 / Math.min(CHART_SAMPLE, digests.length || 1);

    const rollup = time(() => buildFleetRollup(db, WEEK));
    return {
      week: WEEK,
      missions: missions.length,
      full: digests.filter((d) => d.kind === "full").length,
      noData: digests.filter((d) => d.kind === "no_data").length,
      buildFirstMs: round(first.ms),
      buildWarmMedianMs: round(warm[Math.floor(warm.length / 2)] ?? Number.NaN),
      peakRssMb: round(peakRssMb),
      rssGrowthMb: round((process.memoryUsage().rss - rssBefore) / 1024 / 1024),
      repliesWithoutChartsMs: round(repliesMs),
      chartPerDigestMs: round(chartMs),
      rollupMs: round(rollup.ms),
      aim: "all digests built in under 2 s",
    };
  } finally {
    db.$client.close();
  }
}
