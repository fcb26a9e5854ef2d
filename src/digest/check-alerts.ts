import { DateTime } from "luxon";
import type { Db } from "../db/client.ts";
import {
  type AlertRow,
  recentPostsWithCounts,
  recordAlert,
  recordedVerificationLosses,
} from "../db/repos/alerts-repo.ts";
import { listHandles } from "../db/repos/handles-repo.ts";
import type { MissionRow } from "../db/repos/missions-repo.ts";
import { getSetting, setSetting } from "../db/repos/settings-repo.ts";
import { followerSeries, handleAggregates } from "../db/repos/stats-repo.ts";
import {
  DEFAULT_FOLLOWER_RULES,
  DEFAULT_SILENT_DAYS,
  DEFAULT_VIRAL_RULES,
  type DetectedAlert,
  detectFollowerAnomalies,
  detectSilent,
  detectTokenExpired,
  detectVerificationLost,
  detectViralPosts,
  type FollowerReading,
} from "../domain/alerts.ts";
import { addDays, localDateOf } from "../domain/dates.ts";
import type { AlertToSend } from "./alert-reply.ts";

/** Days back from yesterday that a run looks at: data imported late still raises its alerts. */
export const ALERT_LOOKBACK_DAYS = 7;

/** The setting that overrides {@link DEFAULT_SILENT_DAYS}. */
export const SILENT_DAYS_SETTING = "alerts.silent_days";

/** A newly raised alert, stored and ready to be sent. */
export interface RaisedAlert extends AlertToSend {
  id: number;
}

/**
 * Days without a post before a handle counts as silent: setting `alerts.silent_days` (a whole
 * number from 1 to 365), else {@link DEFAULT_SILENT_DAYS}.
 */
export function silentDaysSetting(db: Db): number {
  const raw = getSetting(db, SILENT_DAYS_SETTING)?.trim() ?? "";
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isInteger(n) && n >= 1 && n <= 365 ? n : DEFAULT_SILENT_DAYS;
}

/**
 * Runs every alert check on a mission's active handles for the local day `today` (figures up to
 * yesterday, looking back {@link ALERT_LOOKBACK_DAYS} days), records the alerts, and returns
 * only those not raised before: one alert per kind, handle and period, ever.
 */
export function checkMissionAlerts(db: Db, mission: MissionRow, today: string, now: Date): RaisedAlert[] {
  const handles = listHandles(db, mission.id);
  if (handles.length === 0) return [];
  const asOf = addDays(today, -1);
  const from = addDays(asOf, -(ALERT_LOOKBACK_DAYS - 1));
  const ids = handles.map((h) => h.id);
  const detected: DetectedAlert[] = [];

  const readings = new Map<number, FollowerReading[]>();
  const seriesStart = addDays(from, -(DEFAULT_FOLLOWER_RULES.baselineDays + 1));
  for (const point of followerSeries(db, ids, seriesStart, asOf)) {
    const list = readings.get(point.handleId) ?? [];
    list.push({ date: point.date, followers: point.followers });
    readings.set(point.handleId, list);
  }
  const days = Array.from({ length: ALERT_LOOKBACK_DAYS }, (_, i) => addDays(from, i));
  const aggregates = handleAggregates(db, ids, { start: asOf, end: asOf, days: 1, label: asOf });
  const silentDays = silentDaysSetting(db);

  for (const h of handles) {
    detected.push(...detectFollowerAnomalies(h.id, readings.get(h.id) ?? [], days));
    const posts = recentPostsWithCounts(db, h.id, from, asOf, DEFAULT_VIRAL_RULES.window);
    detected.push(...detectViralPosts(h.id, posts, from, asOf));
    const agg = aggregates.get(h.id);
    const silent = detectSilent(
      { handleId: h.id, lastPostAt: agg?.lastPostAt ?? null, followersAsOf: agg?.followers?.date ?? null },
      asOf,
      silentDays,
    );
    if (silent) detected.push(silent);
    const token = detectTokenExpired({
      handleId: h.id,
      collectionStatus: h.collectionStatus,
      collectionError: h.collectionError,
      since: h.collectionErrorSince ? safeLocalDate(h.collectionErrorSince, mission.timezone) : null,
    });
    if (token) detected.push(token);
  }

  const snapshotKey = `alerts.verified.${mission.code}`;
  const byName = new Map(handles.map((h) => [`${h.platform}:${h.handle.toLowerCase()}`, h.id]));
  const lookFrom = DateTime.fromISO(addDays(from, -1), { zone: "utc" }).toISO() ?? "";
  const recordedLosses = recordedVerificationLosses(db, lookFrom, now.toISOString()).flatMap((loss) => {
    const handleId = byName.get(`${loss.platform}:${loss.handle.toLowerCase()}`);
    return handleId === undefined ? [] : [{ handleId, date: localDateOf(loss.at, mission.timezone) }];
  });
  const verification = detectVerificationLost({
    handles: handles.map((h) => ({ id: h.id, verified: h.verified })),
    snapshot: readSnapshot(getSetting(db, snapshotKey)),
    recordedLosses,
    today,
  });
  detected.push(...verification.alerts);
  setSetting(db, snapshotKey, JSON.stringify(verification.snapshot));

  const byId = new Map(handles.map((h) => [h.id, h]));
  const raised: RaisedAlert[] = [];
  for (const alert of detected) {
    const row: AlertRow | null = recordAlert(db, {
      missionId: mission.id,
      handleId: alert.handleId,
      subject: alert.subject,
      kind: alert.kind,
      periodKey: alert.periodKey,
      severity: alert.severity,
      details: alert.details,
      createdAt: now.toISOString(),
    });
    const handle = byId.get(alert.handleId);
    if (!row || !handle) continue;
    raised.push({
      id: row.id,
      kind: alert.kind,
      severity: alert.severity,
      details: alert.details,
      handle: { platform: handle.platform, handle: handle.handle },
      mission: { code: mission.code, name: mission.name },
    });
  }
  return raised;
}

function readSnapshot(text: string | null): number[] | null {
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((v): v is number => typeof v === "number") : null;
  } catch {
    return null;
  }
}

function safeLocalDate(instant: string, zone: string): string | null {
  try {
    return localDateOf(instant, zone);
  } catch {
    return null;
  }
}
