import type { Db } from "../db/client.ts";
import { listAllActiveHandles } from "../db/repos/handles-repo.ts";
import { listMissions } from "../db/repos/missions-repo.ts";
import { digestWeek, previousDigestWeek } from "../domain/digest-week.ts";
import { buildRollup, type Rollup, type RollupMissionInput } from "../domain/rollup.ts";
import { groupHandles } from "./build-digests.ts";
import { createWeekFiguresCache, handleMetricsOf, totalsOf } from "./week-figures.ts";

/** Options of {@link buildFleetRollup}. */
export interface BuildRollupOptions {
  /** How the headline names the week; default "last week". */
  weekWords?: string;
  /** Days without a post that make a handle silent; default 7, as in the digests. */
  silentDays?: number;
}

/**
 * The SCD roll-up for the ISO week `week` (Monday to Sunday for every mission, as the
 * leaderboard counts it) against the week before, over the missions abroad.
 *
 * @throws RangeError when `week` is not an ISO week such as `2026-W47`.
 */
export function buildFleetRollup(db: Db, week: string, options: BuildRollupOptions = {}): Rollup {
  const period = digestWeek(week, 1);
  const previousWeek = previousDigestWeek(period);
  const fleet = listMissions(db);
  const figuresFor = createWeekFiguresCache(db, fleet);
  const current = figuresFor(period);
  const before = figuresFor(previousWeek);
  const handles = groupHandles(listAllActiveHandles(db));
  const missions: RollupMissionInput[] = fleet
    .filter((m) => m.kind !== "hq")
    .map((m) => ({
      mission: { id: m.id, code: m.code, name: m.name, city: m.city, region: m.region },
      handles: (handles.get(m.id) ?? []).map((h) => ({
        platform: h.platform,
        handle: h.handle,
        current: handleMetricsOf(current, h.id),
        previous: handleMetricsOf(before, h.id),
      })),
      current: totalsOf(current, m.id),
      previous: totalsOf(before, m.id),
    }));
  return buildRollup({
    week: period,
    previousWeek,
    missions,
    silentDays: options.silentDays,
    weekWords: options.weekWords,
  });
}
