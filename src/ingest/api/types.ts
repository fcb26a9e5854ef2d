import type { Logger } from "../../core/logger.ts";

/** Platforms that have an API client. */
export const API_PLATFORMS = ["x", "facebook", "instagram", "youtube"] as const;
export type ApiPlatform = (typeof API_PLATFORMS)[number];

/** How a collection that did not succeed ended for a handle. */
export type CollectFailureStatus =
  | "token_expired"
  | "permission"
  | "quota"
  | "not_found"
  | "rate_limited"
  | "error";

/** The outcome of one handle's collection. */
export type CollectStatus = "ok" | "skipped" | CollectFailureStatus;

/** The platform's name as users read it. */
export const PLATFORM_LABEL: Record<ApiPlatform, string> = {
  x: "X",
  facebook: "Facebook",
  instagram: "Instagram",
  youtube: "YouTube",
};

/**
 * A collection problem told in two halves, so that the run can put "since <date>" between
 * them: `problem` says what the platform did ("Facebook rejected the page token (code 190)"),
 * `remedy` what a person can do about it. Neither ever holds a token or a request URL.
 */
export class CollectError extends Error {
  override name = "CollectError";
  readonly status: CollectFailureStatus;
  readonly problem: string;
  readonly remedy: string;
  /** `platform`: every later handle of the platform would fail the same way in this run. */
  readonly scope: "handle" | "platform";
  /** False when "since <date>" would read wrong (a passing rate limit, a problem that names its own date). */
  readonly dated: boolean;

  constructor(
    status: CollectFailureStatus,
    problem: string,
    remedy: string,
    scope: "handle" | "platform" = "handle",
    options: { dated?: boolean } = {},
  ) {
    super(`${problem}: ${remedy}`);
    this.status = status;
    this.problem = problem;
    this.remedy = remedy;
    this.scope = scope;
    this.dated = options.dated ?? status !== "rate_limited";
  }
}

/** One handle as a client needs it. */
export interface HandleTarget {
  id: number;
  platform: ApiPlatform;
  /** Without a leading `@`. */
  handle: string;
  /** The platform's id (X user id, Page id, Instagram user id, YouTube channel id), when known. */
  externalId: string | null;
  /** The mission's IANA time zone. */
  zone: string;
}

/** Account figures for one day; undefined = not read (keeps what is stored), null = not available. */
export interface CollectedDay {
  /** `YYYY-MM-DD`. */
  date: string;
  followers?: number | null;
  followersGained?: number | null;
  followersLost?: number | null;
  impressions?: number | null;
  views?: number | null;
}

/** One post with its lifetime counts at collection time. */
export interface CollectedPost {
  externalId: string;
  /** UTC instant, ISO with `Z`. */
  publishedAt: string;
  url: string | null;
  type: string | null;
  caption: string | null;
  likes?: number | null;
  comments?: number | null;
  shares?: number | null;
  saves?: number | null;
  views?: number | null;
  impressions?: number | null;
}

/** What a client read for one handle. */
export interface CollectedData {
  /** Figures that describe "now" (followers): written under the collection's local date. */
  snapshot: Omit<CollectedDay, "date">;
  /** Figures the platform dates itself (Facebook insights), already mapped to a calendar date. */
  days: CollectedDay[];
  posts: CollectedPost[];
  /** Metrics the platform refused as removed while collecting this handle. */
  removedMetrics: string[];
  /** The platform id found during collection, to remember when the registry has none. */
  externalId?: string;
}

/** One platform's API client. */
export interface PlatformClient {
  collect(target: HandleTarget, credential: string): Promise<CollectedData>;
}

/**
 * Remembers, for one collection run, which metrics a platform reported as removed, so that
 * they are requested and logged once, not once per handle.
 */
export interface RemovedMetrics {
  has(platform: ApiPlatform, metric: string): boolean;
  /** Records the metric; logs a warning the first time it is seen in this run. */
  add(platform: ApiPlatform, metric: string, detail: string): void;
}

/** Creates the run's {@link RemovedMetrics}. */
export function createRemovedMetrics(logger: Logger): RemovedMetrics {
  const seen = new Set<string>();
  return {
    has: (platform, metric) => seen.has(`${platform}:${metric}`),
    add(platform, metric, detail) {
      const key = `${platform}:${metric}`;
      if (seen.has(key)) return;
      seen.add(key);
      logger.warn(
        { platform, metric, detail },
        `${PLATFORM_LABEL[platform]} no longer provides the metric "${metric}"; collecting the other metrics without it`,
      );
    },
  };
}

/** A sleep the tests can replace. */
export type Sleep = (ms: number) => Promise<void>;

/** The real sleep. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
