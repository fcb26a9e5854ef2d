import { UserError } from "../core/errors.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { demoDays, noonOffsets, parseDate } from "./calendar.ts";
import { DEMO_CITIES, DEMO_PLATFORMS } from "./cities.ts";
import { collectionTimes, DEMO_SOURCE, generateHandleSeries, type SeriesSink } from "./generate.ts";
import { DEMO_NAMING_STANDARDS } from "./naming.ts";
import { MAX_DEMO_MISSIONS, planDemoNetwork } from "./plan.ts";
import { deleteNetwork } from "./reset.ts";

/** What `dmd demo` can ask for. */
export interface DemoOptions {
  /** How many missions (the ministry included); default 120. Beyond the city list, numbered extra offices up to 1000. */
  missions?: number;
  /** Days of history, ending yesterday; default 400. */
  days?: number;
  /** Same seed, same network; default 1. */
  seed?: string | number;
  /** `YYYY-MM-DD`: the last day with figures is the day before. */
  today: string;
}

/** What was written. */
export interface DemoSummary {
  missions: number;
  handles: number;
  dailyMetrics: number;
  posts: number;
}

/** Missions in a default demo network. */
export const DEFAULT_DEMO_MISSIONS = 120;
/** Days of history in a default demo network. */
export const DEFAULT_DEMO_DAYS = 400;
/** The longest history the demo makes (ten years). */
export const MAX_DEMO_DAYS = 3660;

/** Why a handle stopped being collected, by platform, for the stale demo handles. */
const STALE_REASONS: Record<string, { status: string; error: string }> = {
  facebook: {
    status: "token_expired",
    error: "The page access token expired. A page admin needs to reconnect the page.",
  },
  instagram: {
    status: "token_expired",
    error: "The access token expired. An admin of the linked Facebook page needs to reconnect it.",
  },
  x: {
    status: "quota",
    error: "The X API read quota for this month is used up; collection resumes when it renews.",
  },
};
const STALE_DEFAULT = {
  status: "permission",
  error: "The platform refused access to this account's statistics. Check that the app is still authorised.",
};

/**
 * (Re)creates the demo network of the fictional Republic of Arcadia in one transaction: deletes
 * every mission and what hangs on it (handles, daily metrics, posts, imports, credentials,
 * members of a mission), then writes the missions, handles, `days` days of daily metrics and
 * posts ending the day before `today`, and the settings `network = demo` and `naming.<platform>`.
 * Same options, same rows, byte for byte. Bad options throw a {@link UserError} and change nothing.
 */
export function seedDemoNetwork(db: Db, options: DemoOptions): DemoSummary {
  const { missionCount, dayCount, seed, today } = checkOptions(options);
  const plan = planDemoNetwork(missionCount, seed);
  const days = demoDays(today, dayCount);
  const createdAt = `${days[0]?.date ?? today}T00:00:00.000Z`;
  const sqlite = db.$client;

  return inTransaction(db, () => {
    deleteNetwork(sqlite);

    const insertMission = sqlite.prepare(
      `INSERT INTO missions (code, name, kind, country, city, region, timezone, weekend, slack_channel,
         discord_channel, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL)`,
    );
    const insertHandle = sqlite.prepare(
      `INSERT INTO handles (mission_id, platform, handle, url, external_id, verified, active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?, NULL)`,
    );
    const updateCollection = sqlite.prepare(
      `UPDATE handles SET collection_status = ?, collection_error = ?, collection_error_since = ?,
         last_collected_at = ? WHERE id = ?`,
    );
    const insertDaily = sqlite.prepare(
      `INSERT INTO daily_metrics (handle_id, date, followers, followers_gained, followers_lost, impressions, views,
         posts_published, likes, comments, shares, source, collected_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertPost = sqlite.prepare(
      `INSERT INTO posts (handle_id, external_id, published_at, local_date, url, type, caption, likes, comments,
         shares, saves, views, impressions, counts_as_of, source, collected_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const sink: SeriesSink = {
      daily: (row) => insertDaily.run(row),
      post: (row) => insertPost.run(row),
    };

    const summary: DemoSummary = { missions: 0, handles: 0, dailyMetrics: 0, posts: 0 };
    const offsetCache = new Map<string, number[]>();
    for (const mission of plan) {
      const missionId = Number(
        insertMission.run(
          mission.code,
          mission.name,
          mission.kind,
          mission.country,
          mission.city,
          mission.region,
          mission.timezone,
          mission.weekend,
          mission.slackChannel,
          createdAt,
        ).lastInsertRowid,
      );
      summary.missions++;
      const offsets = noonOffsets(mission.timezone, days, offsetCache);
      const calendar = { days, offsets, collectedAt: collectionTimes(days, offsets) };

      for (const handle of mission.handles) {
        const handleId = Number(
          insertHandle.run(
            missionId,
            handle.platform,
            handle.handle,
            handle.url,
            handle.externalId,
            handle.verified ? 1 : 0,
            createdAt,
          ).lastInsertRowid,
        );
        summary.handles++;
        const result = generateHandleSeries(mission, handle, handleId, calendar, sink);
        summary.dailyMetrics += result.dailyRows;
        summary.posts += result.posts;

        const lastCollected = result.lastIndex >= 0 ? (calendar.collectedAt[result.lastIndex] ?? null) : null;
        if (handle.staleDays === null) {
          updateCollection.run("ok", null, null, lastCollected, handleId);
        } else {
          const reason = STALE_REASONS[handle.platform] ?? STALE_DEFAULT;
          const since = calendar.collectedAt[result.lastIndex + 1] ?? null;
          updateCollection.run(reason.status, reason.error, since, lastCollected, handleId);
        }
      }
    }

    const setSetting = sqlite.prepare(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    sqlite.prepare("DELETE FROM settings WHERE key LIKE 'naming.%'").run();
    setSetting.run("network", DEMO_SOURCE);
    for (const platform of DEMO_PLATFORMS)
      setSetting.run(`naming.${platform}`, DEMO_NAMING_STANDARDS[platform]);
    setSetting.run("demo.seed", seed);
    setSetting.run("demo.today", today);
    setSetting.run("demo.days", String(dayCount));
    return summary;
  });
}

function checkOptions(options: DemoOptions): {
  missionCount: number;
  dayCount: number;
  seed: string;
  today: string;
} {
  const missionCount = options.missions ?? DEFAULT_DEMO_MISSIONS;
  if (!Number.isInteger(missionCount) || missionCount < 1 || missionCount > MAX_DEMO_MISSIONS) {
    throw new UserError(
      "bad_option",
      `--missions must be a whole number from 1 to ${MAX_DEMO_MISSIONS}; got ${options.missions}.`,
      [
        `The city list has ${DEMO_CITIES.length} missions; larger networks add numbered extra offices.`,
        `Leave it out for the default ${DEFAULT_DEMO_MISSIONS}.`,
      ],
    );
  }
  const dayCount = options.days ?? DEFAULT_DEMO_DAYS;
  if (!Number.isInteger(dayCount) || dayCount < 1 || dayCount > MAX_DEMO_DAYS) {
    throw new UserError(
      "bad_option",
      `--days must be a whole number from 1 to ${MAX_DEMO_DAYS}; got ${options.days}.`,
      [`Leave it out for the default ${DEFAULT_DEMO_DAYS} days.`],
    );
  }
  const seed = String(options.seed ?? 1).trim();
  if (seed === "") {
    throw new UserError("bad_option", "--seed must not be empty.", [
      "Use any word or number, e.g. --seed 7.",
    ]);
  }
  if (parseDate(options.today) === null) {
    throw new UserError(
      "bad_option",
      `The demo's today must be a date written YYYY-MM-DD; got "${options.today}".`,
      ["For example 2026-11-27."],
    );
  }
  return { missionCount, dayCount, seed, today: options.today };
}
