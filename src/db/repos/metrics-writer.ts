import type { Db } from "../client.ts";

/** One day of one handle's account figures; null means "not measured", never 0. */
export interface DailyMetricInput {
  handleId: number;
  /** The mission's local date, `YYYY-MM-DD`. */
  date: string;
  followers?: number | null;
  followersGained?: number | null;
  followersLost?: number | null;
  impressions?: number | null;
  views?: number | null;
  postsPublished?: number | null;
  likes?: number | null;
  comments?: number | null;
  shares?: number | null;
  source: string;
  collectedAt: string;
}

/** One post with its lifetime counts as of `countsAsOf`. */
export interface PostInput {
  handleId: number;
  externalId: string;
  /** UTC instant (ISO with Z), or null when only a date is known. */
  publishedAt: string | null;
  /** The mission's local date of publication. */
  localDate: string;
  url?: string | null;
  type?: string | null;
  caption?: string | null;
  likes?: number | null;
  comments?: number | null;
  shares?: number | null;
  saves?: number | null;
  views?: number | null;
  impressions?: number | null;
  countsAsOf?: string | null;
  source: string;
  collectedAt: string;
}

/** How many rows an upsert added, changed, or found already identical. */
export interface UpsertCounts {
  added: number;
  updated: number;
  unchanged: number;
}

const DAILY_FIELDS = [
  "followers",
  "followersGained",
  "followersLost",
  "impressions",
  "views",
  "postsPublished",
  "likes",
  "comments",
  "shares",
] as const;

const POST_FIELDS = [
  "publishedAt",
  "url",
  "type",
  "caption",
  "likes",
  "comments",
  "shares",
  "saves",
  "views",
  "impressions",
  "countsAsOf",
] as const;

/**
 * Writes metric rows with prepared statements. A field the input leaves undefined keeps its
 * stored value, so two sources that each know part of a day (followers from the API,
 * impressions from an export) complete each other instead of erasing each other. Callers wrap
 * a whole import in {@link inTransaction} so that it lands entirely or not at all.
 */
export function createMetricsWriter(db: Db) {
  const sqlite = db.$client;
  const getDaily = sqlite.prepare("SELECT * FROM daily_metrics WHERE handle_id = ? AND date = ?");
  const insertDaily = sqlite.prepare(
    `INSERT INTO daily_metrics (handle_id, date, followers, followers_gained, followers_lost, impressions, views,
       posts_published, likes, comments, shares, source, collected_at)
     VALUES (@handleId, @date, @followers, @followersGained, @followersLost, @impressions, @views,
       @postsPublished, @likes, @comments, @shares, @source, @collectedAt)`,
  );
  const updateDaily = sqlite.prepare(
    `UPDATE daily_metrics SET followers = @followers, followers_gained = @followersGained,
       followers_lost = @followersLost, impressions = @impressions, views = @views,
       posts_published = @postsPublished, likes = @likes, comments = @comments, shares = @shares,
       source = @source, collected_at = @collectedAt
     WHERE handle_id = @handleId AND date = @date`,
  );
  const getPost = sqlite.prepare("SELECT * FROM posts WHERE handle_id = ? AND external_id = ?");
  const insertPost = sqlite.prepare(
    `INSERT INTO posts (handle_id, external_id, published_at, local_date, url, type, caption, likes, comments,
       shares, saves, views, impressions, counts_as_of, source, collected_at)
     VALUES (@handleId, @externalId, @publishedAt, @localDate, @url, @type, @caption, @likes, @comments,
       @shares, @saves, @views, @impressions, @countsAsOf, @source, @collectedAt)`,
  );
  const updatePost = sqlite.prepare(
    `UPDATE posts SET published_at = @publishedAt, local_date = @localDate, url = @url, type = @type,
       caption = @caption, likes = @likes, comments = @comments, shares = @shares, saves = @saves,
       views = @views, impressions = @impressions, counts_as_of = @countsAsOf, source = @source,
       collected_at = @collectedAt
     WHERE handle_id = @handleId AND external_id = @externalId`,
  );

  return {
    /** Inserts or merges one day; returns whether it was added, updated or already identical. */
    upsertDaily(row: DailyMetricInput): keyof UpsertCounts {
      const existing = getDaily.get(row.handleId, row.date) as Record<string, unknown> | undefined;
      if (!existing) {
        insertDaily.run(withNulls(row, DAILY_FIELDS));
        return "added";
      }
      const merged = mergeFields(row, existingCamel(existing, DAILY_FIELDS), DAILY_FIELDS);
      if (!merged.changed) return "unchanged";
      updateDaily.run({
        ...merged.values,
        handleId: row.handleId,
        date: row.date,
        source: row.source,
        collectedAt: row.collectedAt,
      });
      return "updated";
    },

    /** Inserts or merges one post by (handle, external id). */
    upsertPost(row: PostInput): keyof UpsertCounts {
      const existing = getPost.get(row.handleId, row.externalId) as Record<string, unknown> | undefined;
      if (!existing) {
        insertPost.run(withNulls(row, POST_FIELDS));
        return "added";
      }
      const stored = existingCamel(existing, POST_FIELDS);
      const merged = mergeFields(row, stored, POST_FIELDS);
      const localDateChanged = existing.local_date !== row.localDate;
      if (!merged.changed && !localDateChanged) return "unchanged";
      updatePost.run({
        ...merged.values,
        handleId: row.handleId,
        externalId: row.externalId,
        localDate: row.localDate,
        source: row.source,
        collectedAt: row.collectedAt,
      });
      return "updated";
    },
  };
}

/** The writer returned by {@link createMetricsWriter}. */
export type MetricsWriter = ReturnType<typeof createMetricsWriter>;

function withNulls<T extends object>(row: T, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const f of fields) if (out[f] === undefined) out[f] = null;
  return out;
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function existingCamel(row: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = row[snake(f)] ?? null;
  return out;
}

function mergeFields(
  incoming: object,
  stored: Record<string, unknown>,
  fields: readonly string[],
): { values: Record<string, unknown>; changed: boolean } {
  const values: Record<string, unknown> = {};
  let changed = false;
  const given = incoming as Record<string, unknown>;
  for (const f of fields) {
    const next = given[f];
    if (next === undefined) {
      values[f] = stored[f];
    } else {
      values[f] = next;
      if (next !== stored[f]) changed = true;
    }
  }
  return { values, changed };
}
