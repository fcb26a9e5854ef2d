/**
 * Reads what a trend report's facts pack is built from: the mission's (or the network's) figures
 * for the period and the one before, the fleet for ranks, region medians and peers, the best and
 * weakest posts, the period's alerts and content adoption.
 */
import { DateTime } from "luxon";
import type { Db } from "../db/client.ts";
import { adoptionByMission } from "../db/repos/content-ledger-repo.ts";
import { listHandles } from "../db/repos/handles-repo.ts";
import { listMissions, type MissionRow } from "../db/repos/missions-repo.ts";
import { fleetHandleAggregates, fleetMetrics, handleAggregates, topPosts } from "../db/repos/stats-repo.ts";
import {
  bottomPosts,
  networkTopPosts,
  type PeriodAlert,
  periodAlerts,
} from "../db/repos/trend-facts-repo.ts";
import { addDays, localDateOf } from "../domain/dates.ts";
import {
  type AdoptionInput,
  type AlertInput,
  buildMissionFacts,
  type FactsPack,
  type PackPeriod,
  POSTS_LISTED,
} from "../domain/facts.ts";
import { computeHandleMetrics, computeMissionTotals, type HandleMetrics } from "../domain/metrics.ts";
import { buildNetworkFacts, type NetworkMissionInput } from "../domain/network-facts.ts";
import { previousTrendPeriod, type TrendPeriod } from "../domain/trend-period.ts";

/** The name the network brief goes by. */
export const NETWORK_NAME = "All missions";

function packPeriod(p: TrendPeriod): PackPeriod {
  return { start: p.start, end: p.end, days: p.days, label: p.label, key: p.key, words: p.words };
}

/** The instants the local days of `period` span in `zone`: [first midnight, midnight after the last day). */
function instants(period: TrendPeriod, zone: string): { fromIso: string; toIso: string } {
  const at = (date: string) =>
    DateTime.fromISO(date, { zone }).startOf("day").toUTC().toISO() ?? `${date}T00:00:00.000Z`;
  return { fromIso: at(period.start), toIso: at(addDays(period.end, 1)) };
}

function alertInputs(
  alerts: PeriodAlert[],
  period: TrendPeriod,
  zone: (a: PeriodAlert) => string,
  withMission: boolean,
): AlertInput[] {
  return alerts.map((a) => {
    const keyIsDay =
      /^\d{4}-\d{2}-\d{2}$/.test(a.periodKey) && a.periodKey >= period.start && a.periodKey <= period.end;
    let date = a.periodKey;
    if (!keyIsDay) {
      try {
        date = localDateOf(a.createdAt, zone(a));
      } catch {
        date = a.createdAt.slice(0, 10);
      }
    }
    return {
      kind: a.kind,
      severity: a.severity,
      date,
      platform: a.platform,
      handle: a.handle,
      details: a.details,
      ...(withMission ? { mission: a.missionName } : {}),
    };
  });
}

function adoptionOf(entry: { targeted: number; verified: number } | undefined): AdoptionInput | null {
  return entry && entry.targeted > 0 ? { targeted: entry.targeted, verified: entry.verified } : null;
}

/** One mission's facts pack for `period` (compared with the period before it). */
export function loadMissionFacts(db: Db, mission: MissionRow, period: TrendPeriod): FactsPack {
  const previous = previousTrendPeriod(period);
  const fleetNow = fleetMetrics(db, period);
  const fleetBefore = fleetMetrics(db, previous);
  const current =
    fleetNow.find((r) => r.missionId === mission.id)?.totals ?? computeMissionTotals([], period);
  const before =
    fleetBefore.find((r) => r.missionId === mission.id)?.totals ?? computeMissionTotals([], previous);
  const active = listHandles(db, mission.id);
  const ids = active.map((h) => h.id);
  const aggregates = handleAggregates(db, ids, period);
  const handles = active.map((h) => {
    const agg = aggregates.get(h.id);
    return {
      platform: h.platform,
      handle: h.handle,
      stale: agg ? computeHandleMetrics(agg, period).stale : true,
    };
  });
  const { fromIso, toIso } = instants(period, mission.timezone);
  const alerts = periodAlerts(db, { missionId: mission.id, period, fromIso, toIso });
  const toPost = (p: {
    platform: string;
    handle: string;
    localDate: string;
    interactions: number;
    caption: string | null;
  }) => ({
    platform: p.platform,
    handle: p.handle,
    date: p.localDate,
    interactions: p.interactions,
    caption: p.caption,
  });
  return buildMissionFacts({
    mission: { code: mission.code, name: mission.name, region: mission.region, language: mission.language },
    period: packPeriod(period),
    previous: packPeriod(previous),
    current,
    before,
    handles,
    fleet: fleetNow
      .filter((r) => r.kind !== "hq")
      .map((r) => ({ code: r.code, region: r.region, totals: r.totals })),
    topPosts: topPosts(db, ids, period, POSTS_LISTED).map(toPost),
    bottomPosts: bottomPosts(db, ids, period, POSTS_LISTED * 2).map(toPost),
    alerts: alertInputs(alerts, period, () => mission.timezone, false),
    adoption: adoptionOf(adoptionByMission(db, period).get(mission.id)),
  });
}

/** The network's facts pack for `period` (the SCD's brief), over the missions abroad. */
export function loadNetworkFacts(
  db: Db,
  period: TrendPeriod,
  options: { hqTimezone: string; language: string | null },
): FactsPack {
  const previous = previousTrendPeriod(period);
  const abroad = listMissions(db).filter((m) => m.kind !== "hq");
  const metrics = (p: TrendPeriod) => {
    const out = new Map<number, { missionId: number; metrics: HandleMetrics }>();
    for (const row of fleetHandleAggregates(db, p)) {
      out.set(row.handleId, { missionId: row.missionId, metrics: computeHandleMetrics(row.aggregate, p) });
    }
    return out;
  };
  const now = metrics(period);
  const before = metrics(previous);
  const nothing = computeHandleMetrics(
    { followers: null, base: null, posts: 0, interactions: null, lastPostAt: null },
    previous,
  );
  const byMission = new Map<number, NetworkMissionInput["handles"]>();
  for (const [handleId, v] of now) {
    const list = byMission.get(v.missionId) ?? [];
    list.push({ current: v.metrics, before: before.get(handleId)?.metrics ?? nothing });
    byMission.set(v.missionId, list);
  }
  const missions: NetworkMissionInput[] = abroad.map((m) => {
    const handles = byMission.get(m.id) ?? [];
    return {
      code: m.code,
      name: m.name,
      region: m.region,
      current: computeMissionTotals(
        handles.map((h) => h.current),
        period,
      ),
      before: computeMissionTotals(
        handles.map((h) => h.before),
        previous,
      ),
      handles,
    };
  });
  const zones = new Map(abroad.map((m) => [m.id, m.timezone]));
  const { fromIso, toIso } = instants(period, options.hqTimezone);
  const alerts = periodAlerts(db, { period, fromIso, toIso }).filter((a) => zones.has(a.missionId));
  let targeted = 0;
  let verified = 0;
  for (const [missionId, entry] of adoptionByMission(db, period)) {
    if (!zones.has(missionId)) continue;
    targeted += entry.targeted;
    verified += entry.verified;
  }
  return buildNetworkFacts({
    name: NETWORK_NAME,
    language: options.language,
    period: packPeriod(period),
    previous: packPeriod(previous),
    missions,
    topPosts: networkTopPosts(db, period, POSTS_LISTED).map((p) => ({
      platform: p.platform,
      handle: p.handle,
      date: p.localDate,
      interactions: p.interactions,
      caption: p.caption,
      mission: p.missionName,
    })),
    alerts: alertInputs(alerts, period, (a) => zones.get(a.missionId) ?? options.hqTimezone, true),
    adoption: targeted > 0 ? { targeted, verified } : null,
  });
}
