/** Shared setup of the API collection tests: a mission, its handles, a captured logger, a recorded sleep. */
import { Writable } from "node:stream";
import pino from "pino";
import type { Logger } from "../../src/core/logger.ts";
import type { Db } from "../../src/db/client.ts";
import { handles, missions, type Platform } from "../../src/db/schema.ts";
import type { CollectOptions } from "../../src/ingest/api/collect.ts";
import type { FakePlatformApis } from "../fakes/platform-apis.ts";

/** The collection instant of the tests: 10:00 in New York, 07:00 in Los Angeles, 00:00 next day in Tokyo. */
export const NOW = new Date("2026-11-20T15:00:00Z");

/** A 32-byte key as 64 hex characters. */
export const SECRET_KEY = "4f1c2b9a0d3e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";

/** Adds a mission (default: Washington, America/New_York) and returns its id. */
export function seedMission(db: Db, code = "washington", timezone = "America/New_York"): number {
  const row = db
    .insert(missions)
    .values({
      code,
      name: `Embassy ${code}`,
      kind: "embassy",
      country: "Somewhere",
      city: code,
      region: "Americas",
      timezone,
      weekend: "sat-sun",
    })
    .returning({ id: missions.id })
    .get();
  return row.id;
}

/** Adds a handle and returns its id. */
export function seedHandle(
  db: Db,
  missionId: number,
  platform: Platform,
  handle: string,
  externalId: string | null = null,
): number {
  return db
    .insert(handles)
    .values({ missionId, platform, handle, externalId })
    .returning({ id: handles.id })
    .get().id;
}

/** A logger whose JSON lines are kept for assertions. */
export function captureLogger(): {
  logger: Logger;
  lines: () => Record<string, unknown>[];
  text: () => string;
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: "debug" }, stream);
  const text = () => chunks.join("");
  return {
    logger,
    text,
    lines: () =>
      text()
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** A sleep that returns at once and remembers what it was asked to wait. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    sleep: async (ms: number) => {
      calls.push(ms);
    },
  };
}

/** Collect options pointed at the fake, with the fake's valid X bearer and YouTube key. */
export function optionsFor(
  fake: FakePlatformApis,
  logger: Logger,
  sleep: (ms: number) => Promise<void>,
  overrides: Partial<CollectOptions> = {},
): CollectOptions {
  return {
    now: NOW,
    logger,
    sleep,
    env: {
      X_BEARER_TOKEN: fake.state.x.bearer,
      YOUTUBE_API_KEY: fake.state.youtube.apiKey,
      DMD_SECRET_KEY: SECRET_KEY,
      X_API_URL: fake.xUrl,
      GRAPH_API_URL: fake.graphUrl,
      YOUTUBE_API_URL: fake.youtubeUrl,
    },
    ...overrides,
  };
}

/** All daily rows of a handle, by date. */
export function dailyRows(db: Db, handleId: number): Record<string, unknown>[] {
  return db.$client
    .prepare(
      `SELECT date, followers, followers_gained, followers_lost, impressions, views, posts_published, likes, comments,
         shares, source, collected_at FROM daily_metrics WHERE handle_id = ? ORDER BY date`,
    )
    .all(handleId) as Record<string, unknown>[];
}

/** All posts of a handle, by external id. */
export function postRows(db: Db, handleId: number): Record<string, unknown>[] {
  return db.$client
    .prepare(
      `SELECT external_id, published_at, local_date, url, type, caption, likes, comments, shares, saves, views,
         impressions, counts_as_of, source FROM posts WHERE handle_id = ? ORDER BY external_id`,
    )
    .all(handleId) as Record<string, unknown>[];
}

/** A handle's collection state. */
export function handleState(db: Db, handleId: number): Record<string, unknown> {
  return db.$client
    .prepare(
      "SELECT collection_status, collection_error, collection_error_since, last_collected_at, external_id FROM handles WHERE id = ?",
    )
    .get(handleId) as Record<string, unknown>;
}
