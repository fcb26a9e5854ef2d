import { DateTime } from "luxon";
import type { Db } from "../db/client.ts";
import { alertsInPeriod, recordedVerificationLosses } from "../db/repos/alerts-repo.ts";
import { contentDigestLines } from "../db/repos/content-ledger-repo.ts";
import { missionIdsWithDeliveries } from "../db/repos/content-repo.ts";
import { topPostsByMission, weeklyFollowers } from "../db/repos/digest-repo.ts";
import { type HandleWithMission, listAllActiveHandles } from "../db/repos/handles-repo.ts";
import { listMissions, type MissionRow } from "../db/repos/missions-repo.ts";
import { addDays, localDateOf } from "../domain/dates.ts";
import {
  buildDigest,
  DIGEST_TOP_POSTS,
  type Digest,
  type DigestHandleFigures,
  historyWeekEnds,
  type VerificationLoss,
} from "../domain/digest.ts";
import { digestWeek, previousDigestWeek } from "../domain/digest-week.ts";
import type { Period } from "../domain/period.ts";
import { firstWorkingDay } from "../domain/working-week.ts";
import {
  createWeekFiguresCache,
  handleMetricsOf,
  ranksOf,
  totalsOf,
  type WeekFigures,
} from "./week-figures.ts";

/** Weeks the follower chart covers. */
export const CHART_WEEKS = 12;

/** Options of {@link buildDigests}. */
export interface BuildDigestsOptions {
  /** How headlines name the week; default "last week". */
  weekWords?: string;
}

/**
 * Builds the digests of `missions` for the week named `week` (e.g. `2026-W47`): each mission's
 * own seven days (Monday to Sunday, or Sunday to Saturday where the working week starts on
 * Sunday) against the seven before. The whole network's figures (for ranks) are computed once
 * per distinct week and shared; top posts, chart readings and lost badges are one query per
 * week for the whole batch. Digests come back in the order of `missions`.
 *
 * @throws RangeError when `week` is not an ISO week such as `2026-W47`.
 */
export function buildDigests(
  db: Db,
  missions: MissionRow[],
  week: string,
  options: BuildDigestsOptions = {},
): Digest[] {
  const fleet = listMissions(db);
  const figuresFor = createWeekFiguresCache(db, fleet);
  const handlesByMission = groupHandles(listAllActiveHandles(db));
  const sentContent = missionIdsWithDeliveries(db);

  // Missions sharing a working week share their period and every batch query over it.
  const groups = new Map<string, { period: Period; missions: MissionRow[] }>();
  for (const mission of missions) {
    const period = digestWeek(week, firstWorkingDay(mission.weekend));
    const key = period.start;
    const group = groups.get(key);
    if (group) group.missions.push(mission);
    else groups.set(key, { period, missions: [mission] });
  }

  const built = new Map<number, Digest>();
  for (const { period, missions: members } of groups.values()) {
    const previous = previousDigestWeek(period);
    const current = figuresFor(period);
    const before = figuresFor(previous);
    const handleIds = members.flatMap((m) => (handlesByMission.get(m.id) ?? []).map((h) => h.id));
    const posts = topPostsByMission(db, handleIds, period, DIGEST_TOP_POSTS);
    const weekEnds = historyWeekEnds(period, CHART_WEEKS);
    const history = weeklyFollowers(db, handleIds, weekEnds);
    const losses = verificationLosses(db, period, members, handlesByMission);
    for (const mission of members) {
      const handles = handlesByMission.get(mission.id) ?? [];
      built.set(
        mission.id,
        buildDigest({
          mission: {
            id: mission.id,
            code: mission.code,
            name: mission.name,
            city: mission.city,
            timezone: mission.timezone,
          },
          week: period,
          previousWeek: previous,
          handles: handles.map((h) => handleFigures(h, current, before)),
          totals: {
            current: totalsOf(current, mission.id),
            previous: totalsOf(before, mission.id),
          },
          rank: { current: ranksOf(current, mission.id), previous: ranksOf(before, mission.id) },
          topPosts: posts.get(mission.id) ?? [],
          verificationLost: losses.get(mission.id) ?? [],
          historyWeekEnds: weekEnds,
          history: handles.map((h) => ({ handleId: h.id, values: history.get(h.id) ?? [] })),
          weekWords: options.weekWords,
          content: sentContent.has(mission.id) ? contentDigestLines(db, mission.id, period) : [],
        }),
      );
    }
  }
  return missions.flatMap((m) => {
    const digest = built.get(m.id);
    return digest ? [digest] : [];
  });
}

/** Active handles by mission id, in listing order. */
export function groupHandles(all: HandleWithMission[]): Map<number, HandleWithMission[]> {
  const out = new Map<number, HandleWithMission[]>();
  for (const h of all) {
    const list = out.get(h.missionId);
    if (list) list.push(h);
    else out.set(h.missionId, [h]);
  }
  return out;
}

function handleFigures(h: HandleWithMission, current: WeekFigures, before: WeekFigures): DigestHandleFigures {
  return {
    handle: {
      id: h.id,
      platform: h.platform,
      handle: h.handle,
      url: h.url,
      verified: h.verified,
      collectionStatus: h.collectionStatus,
      collectionError: h.collectionError,
      collectionErrorSince: h.collectionErrorSince,
    },
    current: handleMetricsOf(current, h.id),
    previous: handleMetricsOf(before, h.id),
  };
}

/**
 * Badges lost during the week, per mission: `/handle verify … no` entries (dated in the mission's
 * zone) and verification alerts whose day lies in the week.
 */
function verificationLosses(
  db: Db,
  period: Period,
  missions: MissionRow[],
  handlesByMission: Map<number, HandleWithMission[]>,
): Map<number, VerificationLoss[]> {
  const out = new Map<number, VerificationLoss[]>();
  const owner = new Map<string, { missionId: number; handleId: number; zone: string }>();
  const byHandleId = new Map<number, number>();
  for (const mission of missions) {
    for (const h of handlesByMission.get(mission.id) ?? []) {
      owner.set(`${h.platform}:${h.handle.toLowerCase()}`, {
        missionId: mission.id,
        handleId: h.id,
        zone: mission.timezone,
      });
      byHandleId.set(h.id, mission.id);
    }
  }
  const push = (missionId: number, loss: VerificationLoss) => {
    const list = out.get(missionId);
    if (list) list.push(loss);
    else out.set(missionId, [loss]);
  };
  // A local day lies within a day either side of the same UTC day, whatever the zone.
  const from = DateTime.fromISO(addDays(period.start, -1), { zone: "utc" }).toISO() ?? "";
  const to = DateTime.fromISO(addDays(period.end, 2), { zone: "utc" }).toISO() ?? "";
  for (const entry of recordedVerificationLosses(db, from, to)) {
    const found = owner.get(`${entry.platform}:${entry.handle.toLowerCase()}`);
    if (!found) continue;
    const date = localDateOf(entry.at, found.zone);
    if (date >= period.start && date <= period.end) push(found.missionId, { handleId: found.handleId, date });
  }
  for (const alert of alertsInPeriod(db, "verification_lost", period.start, period.end)) {
    const missionId = alert.handleId === null ? undefined : byHandleId.get(alert.handleId);
    if (missionId !== undefined && alert.handleId !== null) {
      push(missionId, { handleId: alert.handleId, date: alert.periodKey });
    }
  }
  return out;
}
