/**
 * `npm run bench`: fleet-scale timings, printed as JSON. Builds its database once under
 * bench/.cache (1,000 missions × 6 handles × 3 years of daily metrics, about 2 million posts),
 * then times the commands against the simplest raw SQL computing the same aggregates (the floor),
 * the Monday digest fan-out (build, then delivery to a rate-limited fake Slack) and the imports.
 * `BENCH_SKIP_IMPORT=1` leaves the import timings out.
 */
import { resolve } from "node:path";
import { allCommands } from "../commands/index.ts";
import { loadConfig } from "../src/config.ts";
import { fixedClock } from "../src/core/clock.ts";
import type { Deps } from "../src/core/command.ts";
import { createDispatcher } from "../src/core/dispatch.ts";
import { silentLogger } from "../src/core/logger.ts";
import { createRegistry } from "../src/core/registry.ts";
import { openDb } from "../src/db/client.ts";
import { loadMissionStats } from "../src/db/repos/mission-stats-repo.ts";
import { getMissionByCode } from "../src/db/repos/missions-repo.ts";
import { fleetMetrics } from "../src/db/repos/stats-repo.ts";
import { parsePeriod } from "../src/domain/period.ts";
import { runDeliveryBench } from "./delivery-bench.ts";
import { runDigestBench } from "./digest-bench.ts";
import { buildFleetDb } from "./fleet-db.ts";
import { rawFleetAggregates, rawMissionAggregates } from "./floor.ts";
import { runImportBench } from "./import-bench.ts";
import { percentiles, round, timeRuns } from "./stats.ts";

const AS_OF = "2026-11-26";
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

async function main() {
  const path = resolve(import.meta.dirname, ".cache/fleet-v1.sqlite");
  const buildStart = Date.now();
  const { built } = buildFleetDb(path, {
    missions: 1000,
    handlesPerMission: 6,
    days: 1095,
    postsPerHandleDay: 0.27,
    lastDay: AS_OF,
  });
  const db = openDb(path);
  const counts = db.$client
    .prepare(
      "SELECT (SELECT count(*) FROM missions) AS missions, (SELECT count(*) FROM handles) AS handles, (SELECT count(*) FROM daily_metrics) AS dailyMetrics, (SELECT count(*) FROM posts) AS posts",
    )
    .get();
  const deps: Deps = {
    db,
    clock: fixedClock("2026-11-27T12:00:00Z"),
    logger: silentLogger(),
    config: loadConfig({}, { dbPath: path }),
  };
  const dispatcher = createDispatcher(createRegistry(allCommands()), deps);
  const caller = { platform: "console" as const, userId: "bench" };
  const code = (i: number) => `m${(i * 37) % 1000}`;
  const period = parsePeriod("30d", AS_OF);

  const statsWhole = await timeRuns(RUNS, (i) =>
    dispatcher.run({ text: `/mission-stats ${code(i)} 30d`, caller, asOf: AS_OF }),
  );
  const statsNoChart = await timeRuns(RUNS, (i) => {
    const mission = getMissionByCode(db, code(i));
    if (mission) loadMissionStats(db, mission, period);
  });
  const statsFloor = await timeRuns(RUNS, (i) => {
    rawMissionAggregates(db, code(i), period);
    rawFleetAggregates(db, period);
  });
  const boardWhole = await timeRuns(RUNS, () =>
    dispatcher.run({ text: "/leaderboard engagement 30d", caller, asOf: AS_OF }),
  );
  const boardNoRender = await timeRuns(RUNS, () => fleetMetrics(db, period));
  const boardFloor = await timeRuns(RUNS, () => rawFleetAggregates(db, period));
  db.$client.close();

  const s = {
    whole: percentiles(statsWhole),
    withoutChart: percentiles(statsNoChart),
    floor: percentiles(statsFloor),
  };
  const b = {
    whole: percentiles(boardWhole),
    withoutRendering: percentiles(boardNoRender),
    floor: percentiles(boardFloor),
  };
  const digests = await runDigestBench(path);
  const delivery = await runDeliveryBench();
  const imports = process.env.BENCH_SKIP_IMPORT
    ? null
    : await runImportBench(resolve(import.meta.dirname, ".cache"));
  const result = {
    fleet: {
      ...(counts as object),
      built,
      buildSeconds: built ? round((Date.now() - buildStart) / 1000) : null,
    },
    missionStats: {
      ...s,
      ratioWithoutChartToFloorP50: round(s.withoutChart.p50 / s.floor.p50),
      ratioWholeToFloorP50: round(s.whole.p50 / s.floor.p50),
      aim: "without chart within 2× of the floor",
    },
    leaderboard: {
      ...b,
      ratioWithoutRenderingToFloorP50: round(b.withoutRendering.p50 / b.floor.p50),
      ratioWholeToFloorP50: round(b.whole.p50 / b.floor.p50),
      aim: "whole /leaderboard over 1,000 missions under 300 ms",
    },
    digests,
    delivery,
    imports,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
