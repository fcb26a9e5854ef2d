import { distance } from "fastest-levenshtein";
import { DateTime } from "luxon";
import { isUserError, UserError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { type Db, inTransaction } from "../../db/client.ts";
import {
  type CollectionHandle,
  createCollectionRepo,
  FINAL_COLLECTION_STATUSES,
} from "../../db/repos/collection-repo.ts";
import { createMetricsWriter } from "../../db/repos/metrics-writer.ts";
import { PLATFORMS } from "../../db/schema.ts";
import { verifySharesForPosts } from "../content-verify.ts";
import { readToken, storeTokenCommand } from "./credentials.ts";
import { createFacebookClient } from "./facebook.ts";
import { createGraphPacer, createGraphRequester, GRAPH_API_URL } from "./graph.ts";
import { createHttpClient } from "./http.ts";
import { createInstagramClient } from "./instagram.ts";
import {
  API_PLATFORMS,
  type ApiPlatform,
  CollectError,
  type CollectedData,
  type CollectStatus,
  createRemovedMetrics,
  PLATFORM_LABEL,
  type PlatformClient,
  realSleep,
} from "./types.ts";
import { createXClient, X_API_URL } from "./x.ts";
import { createYoutubeClient, YOUTUBE_API_URL } from "./youtube.ts";

export { readToken, storeToken } from "./credentials.ts";

/** What {@link collect} collects, and with what. */
export interface CollectOptions {
  /** Only this platform. */
  platform?: string;
  /** Only this handle: `platform:handle` or a bare handle (every platform where it exists). */
  handle?: string;
  /** The collection instant: daily snapshots go under its local date in each mission's zone. */
  now: Date;
  env: {
    X_BEARER_TOKEN?: string;
    YOUTUBE_API_KEY?: string;
    DMD_SECRET_KEY?: string;
    X_API_URL?: string;
    GRAPH_API_URL?: string;
    YOUTUBE_API_URL?: string;
  };
  logger: Logger;
  /** Injectable for tests: every wait of the run (rate limits, backoff) goes through it. */
  sleep?: (ms: number) => Promise<void>;
}

/** How one handle's collection ended. */
export interface CollectResult {
  handle: string;
  platform: string;
  status: CollectStatus;
  /** For people: what happened, and for a failure what to do. */
  message: string;
  /** Distinct dates written to daily_metrics. */
  daysWritten: number;
  /** Posts inserted or refreshed. */
  postsWritten: number;
  /** Metrics the platform refused as removed (they were skipped, the rest collected). */
  removedMetrics: string[];
}

const NEEDS = {
  facebook: "read_insights and pages_read_engagement",
  instagram: "instagram_basic, instagram_manage_insights and pages_read_engagement",
} as const;

/**
 * Collects every active handle of the API platforms (or the ones the options select) from the
 * X, Graph (Facebook, Instagram) and YouTube APIs, and writes, per handle in one transaction,
 * its daily figures and its recent posts, then its collection status. Running it twice the
 * same day updates the same rows. One handle's failure never stops the others; a failure that
 * would repeat for every handle of a platform (a spent quota, a bad app token) stops that
 * platform for the run. Unknown `platform`/`handle` filters are a {@link UserError}.
 */
export async function collect(db: Db, options: CollectOptions): Promise<CollectResult[]> {
  const sleep = options.sleep ?? realSleep;
  const log = options.logger.child({ part: "collect" });
  const targets = selectTargets(db, options);
  const repo = createCollectionRepo(db);
  const writer = createMetricsWriter(db);
  const now = options.now;
  const nowIso = now.toISOString();

  const http = createHttpClient({ sleep, logger: log });
  const removed = createRemovedMetrics(log);
  const pacer = createGraphPacer(sleep);
  const graphDeps = { http, baseUrl: options.env.GRAPH_API_URL ?? GRAPH_API_URL, sleep, pacer };
  const quota = { used: 0 };
  const clients: Record<ApiPlatform, PlatformClient> = {
    x: createXClient({ http, baseUrl: options.env.X_API_URL ?? X_API_URL, sleep, now }),
    facebook: createFacebookClient({
      graphGet: createGraphRequester(graphDeps, "facebook"),
      now,
      removed,
      storeCommand: storeTokenCommand,
    }),
    instagram: createInstagramClient({
      graphGet: createGraphRequester(graphDeps, "instagram"),
      now,
      removed,
      storeCommand: storeTokenCommand,
    }),
    youtube: createYoutubeClient({
      http,
      baseUrl: options.env.YOUTUBE_API_URL ?? YOUTUBE_API_URL,
      sleep,
      now,
      quota,
    }),
  };

  const results = new Map<number, CollectResult>();
  const byPlatform = new Map<string, CollectionHandle[]>();
  for (const t of targets) byPlatform.set(t.platform, [...(byPlatform.get(t.platform) ?? []), t]);

  // Platforms run side by side (each has its own limits); a platform's handles run one by one.
  await Promise.all(
    [...byPlatform].map(async ([platform, list]) => {
      let stopped: CollectError | undefined;
      for (const target of list) {
        const result = await collectOne(target);
        results.set(target.id, result.result);
        if (result.stop) stopped = result.stop;
      }

      async function collectOne(
        target: CollectionHandle,
      ): Promise<{ result: CollectResult; stop?: CollectError }> {
        const base = { handle: target.handle, platform: target.platform };
        if (!isApiPlatform(platform)) {
          return {
            result: {
              ...base,
              status: "skipped",
              message: `${platform} has no API collection: import its exports with \`dmd import <file> --handle ${platform}:${target.handle}\`.`,
              daysWritten: 0,
              postsWritten: 0,
              removedMetrics: [],
            },
          };
        }
        if (stopped) return { result: fail(target, stopped, false) };
        const credential = resolveCredential(db, target, platform, options.env, now);
        if ("skipped" in credential) {
          return {
            result: {
              ...base,
              status: "skipped",
              message: credential.skipped,
              daysWritten: 0,
              postsWritten: 0,
              removedMetrics: [],
            },
          };
        }
        if ("failed" in credential) return { result: fail(target, credential.failed, true) };
        let data: CollectedData;
        try {
          data = await clients[platform].collect(
            {
              id: target.id,
              platform,
              handle: target.handle,
              externalId: target.externalId,
              zone: target.timezone,
            },
            credential.token,
          );
        } catch (err) {
          const error = asCollectError(err, log, `${platform}:${target.handle}`, credential.token);
          return { result: fail(target, error, true), stop: error.scope === "platform" ? error : undefined };
        }
        try {
          return { result: write(target, platform, data) };
        } catch (err) {
          return {
            result: fail(
              target,
              asCollectError(err, log, `${platform}:${target.handle}`, credential.token),
              true,
            ),
          };
        }
      }
    }),
  );

  const list = targets.flatMap((t) => {
    const r = results.get(t.id);
    return r ? [r] : [];
  });
  const counts: Record<string, number> = {};
  for (const r of list) counts[r.status] = (counts[r.status] ?? 0) + 1;
  log.info({ handles: list.length, ...counts, youtubeUnits: quota.used }, "collection finished");
  return list;

  function write(target: CollectionHandle, platform: ApiPlatform, data: CollectedData): CollectResult {
    const source = `api:${platform}`;
    const localDate = DateTime.fromJSDate(now).setZone(target.timezone).toISODate() ?? nowIso.slice(0, 10);
    const dates = new Set<string>();
    inTransaction(db, () => {
      for (const { date, ...fields } of data.days) {
        writer.upsertDaily({ handleId: target.id, date, ...fields, source, collectedAt: nowIso });
        dates.add(date);
      }
      // Written after the dated days: "now" is the freshest reading of the collection day.
      if (Object.values(data.snapshot).some((v) => v !== undefined)) {
        writer.upsertDaily({
          handleId: target.id,
          date: localDate,
          ...data.snapshot,
          source,
          collectedAt: nowIso,
        });
        dates.add(localDate);
      }
      for (const post of data.posts) {
        writer.upsertPost({
          handleId: target.id,
          ...post,
          localDate:
            DateTime.fromISO(post.publishedAt).setZone(target.timezone).toISODate() ??
            post.publishedAt.slice(0, 10),
          countsAsOf: localDate,
          source,
          collectedAt: nowIso,
        });
      }
      if (data.externalId && !target.externalId) repo.setExternalId(target.id, data.externalId);
      repo.markOk(target.id, nowIso);
    });
    if (data.posts.length > 0) {
      try {
        verifySharesForPosts(db, [target.id], now);
      } catch (err) {
        // The figures are stored; a failed share check must not turn the collection into a failure.
        log.warn({ err, handle: target.handle }, "content share verification failed");
      }
    }
    const removedNote =
      data.removedMetrics.length > 0
        ? ` ${PLATFORM_LABEL[platform]} no longer provides ${data.removedMetrics.join(", ")}; the other metrics were collected.`
        : "";
    return {
      handle: target.handle,
      platform,
      status: "ok",
      message: `Collected ${plural(dates.size, "day")} of account figures and ${plural(data.posts.length, "post")}.${removedNote}`,
      daysWritten: dates.size,
      postsWritten: data.posts.length,
      removedMetrics: data.removedMetrics,
    };
  }

  /**
   * Records a failure. `attempted` is false for handles a platform-wide stop kept from being
   * tried: those keep a problem a person must fix (an expired token) rather than hide it
   * behind a passing one.
   */
  function fail(target: CollectionHandle, error: CollectError, attempted: boolean): CollectResult {
    const keepSince = target.collectionStatus === error.status && target.collectionErrorSince;
    const since = keepSince ? (target.collectionErrorSince as string) : nowIso;
    const sinceDate = DateTime.fromISO(since).setZone(target.timezone).toISODate() ?? since.slice(0, 10);
    const message = error.dated
      ? `${error.problem} since ${sinceDate}: ${error.remedy}.`
      : `${error.problem}: ${error.remedy}.`;
    const hidesFinal =
      !attempted &&
      FINAL_COLLECTION_STATUSES.includes(target.collectionStatus ?? "") &&
      target.collectionStatus !== error.status;
    if (!hidesFinal) repo.markFailed(target.id, error.status, message, since);
    log.warn({ platform: target.platform, handle: target.handle, status: error.status }, error.problem);
    return {
      handle: target.handle,
      platform: target.platform,
      status: error.status,
      message,
      daysWritten: 0,
      postsWritten: 0,
      removedMetrics: [],
    };
  }
}

function isApiPlatform(platform: string): platform is ApiPlatform {
  return (API_PLATFORMS as readonly string[]).includes(platform);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Any failure as a {@link CollectError}, with the credential cut out of its words: some APIs
 * echo a malformed token in their error messages, and these words are stored and shown.
 */
function asCollectError(err: unknown, log: Logger, handleRef: string, secret: string): CollectError {
  const clean = (text: string) => (secret.length >= 4 ? text.split(secret).join("[token]") : text);
  if (err instanceof CollectError) {
    const problem = clean(err.problem);
    const remedy = clean(err.remedy);
    if (problem === err.problem && remedy === err.remedy) return err;
    return new CollectError(err.status, problem, remedy, err.scope, { dated: err.dated });
  }
  const message = clean(err instanceof Error ? err.message : String(err));
  log.error({ handle: handleRef, error: message }, "unexpected collection failure");
  return new CollectError(
    "error",
    `Collection failed unexpectedly (${message})`,
    "the next collection tries again; tell an administrator if this repeats",
  );
}

type Credential = { token: string } | { skipped: string } | { failed: CollectError };

function resolveCredential(
  db: Db,
  target: CollectionHandle,
  platform: ApiPlatform,
  env: CollectOptions["env"],
  now: Date,
): Credential {
  const handleRef = `${platform}:${target.handle}`;
  const label = PLATFORM_LABEL[platform];
  let stored: ReturnType<typeof readToken>;
  try {
    stored = readToken(db, target.id, env.DMD_SECRET_KEY);
  } catch (err) {
    if (!isUserError(err)) throw err;
    return {
      failed: new CollectError(
        "error",
        `The token stored for ${handleRef} cannot be read`,
        err.message.replace(/\.$/, ""),
      ),
    };
  }
  if (stored) {
    if (stored.expiresAt && Date.parse(stored.expiresAt) <= now.getTime()) {
      return {
        failed: new CollectError(
          "token_expired",
          `The ${label} token stored for ${handleRef} expired on ${stored.expiresAt.slice(0, 10)}`,
          `renew it and store the new one with \`${storeTokenCommand(handleRef)}\``,
          "handle",
          { dated: false },
        ),
      };
    }
    return { token: stored.token };
  }
  if (platform === "x") {
    const token = env.X_BEARER_TOKEN?.trim();
    return token
      ? { token }
      : {
          skipped:
            "No X API token: set X_BEARER_TOKEN (the app's bearer token from the X developer console) to collect X handles.",
        };
  }
  if (platform === "youtube") {
    const key = env.YOUTUBE_API_KEY?.trim();
    return key
      ? { token: key }
      : {
          skipped:
            "No YouTube API key: set YOUTUBE_API_KEY (a Google Cloud API key with the YouTube Data API v3 enabled) to collect YouTube channels.",
        };
  }
  return {
    skipped: `No ${label} Page token is stored for ${handleRef}: store one with \`${storeTokenCommand(handleRef)}\` (a Page access token with ${NEEDS[platform]}).`,
  };
}

/** The handles a run covers, from the options' filters; an unknown filter is a {@link UserError}. */
function selectTargets(db: Db, options: CollectOptions): CollectionHandle[] {
  const all = createCollectionRepo(db).listAll();
  const platform = options.platform?.trim().toLowerCase() || undefined;
  if (platform !== undefined) {
    if (!(PLATFORMS as readonly string[]).includes(platform)) {
      throw new UserError(
        "unknown_platform",
        `"${options.platform}" is not a platform: use one of ${API_PLATFORMS.join(", ")}.`,
      );
    }
    if (!isApiPlatform(platform)) {
      throw new UserError(
        "no_api_collection",
        `${platform} has no API collection: import its exports with \`dmd import <file>\`. API collection covers ${API_PLATFORMS.join(", ")}.`,
      );
    }
  }
  const filter = options.handle?.trim();
  if (!filter) {
    return all.filter(
      (h) => h.active && isApiPlatform(h.platform) && (platform === undefined || h.platform === platform),
    );
  }
  const colon = filter.indexOf(":");
  const prefix = colon > 0 ? filter.slice(0, colon).toLowerCase() : "";
  const named = (PLATFORMS as readonly string[]).includes(prefix);
  const wantedPlatform = named ? prefix : platform;
  const wanted = (named ? filter.slice(colon + 1) : filter).trim().replace(/^@/, "").toLowerCase();
  const candidates = all.filter((h) => wantedPlatform === undefined || h.platform === wantedPlatform);
  const matches = candidates.filter((h) => h.handle.toLowerCase() === wanted);
  const active = matches.filter((h) => h.active);
  if (active.length > 0) return active;
  if (matches.length > 0) {
    throw new UserError(
      "handle_inactive",
      `${filter} was removed from the registry, so it is no longer collected. Add it again to collect it.`,
    );
  }
  const close = candidates
    .filter((h) => h.active)
    .map((h) => ({ ref: `${h.platform}:${h.handle}`, d: distance(h.handle.toLowerCase(), wanted) }))
    .filter((c) => c.d <= Math.max(2, Math.floor(wanted.length / 3)))
    .sort((a, b) => a.d - b.d || a.ref.localeCompare(b.ref))
    .slice(0, 3)
    .map((c) => `did you mean ${c.ref}?`);
  throw new UserError(
    "unknown_handle",
    `There is no handle "${filter}" in the registry. Give it as platform:handle, e.g. x:MOFA_Washington.`,
    close,
  );
}
