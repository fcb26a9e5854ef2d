import type { Db } from "../../db/client.ts";
import {
  createMetricsWriter,
  type DailyMetricInput,
  type PostInput,
  type UpsertCounts,
} from "../../db/repos/metrics-writer.ts";

/**
 * The metrics writer's merge semantics with a fast path for new rows. Each row is first tried as
 * a plain insert (one prepared statement, positional parameters, `ON CONFLICT DO NOTHING`); only
 * a row that already exists goes through {@link createMetricsWriter}'s read-compare-update. A
 * first import of a large file therefore costs one insert per row, like a bare bulk load, and a
 * re-import keeps every merge rule (fields a file leaves out keep their stored values).
 *
 * Callers pass undefined for every value the file does not give, including empty cells: an
 * empty cell says the export does not know, not that the stored value should be erased. A post
 * whose file gives only a date keeps an exact publish time already stored.
 */
export function createBulkWriter(db: Db) {
  const sqlite = db.$client;
  const merge = createMetricsWriter(db);
  const insertDaily = sqlite.prepare(
    `INSERT INTO daily_metrics (handle_id, date, followers, followers_gained, followers_lost, impressions, views,
       posts_published, likes, comments, shares, source, collected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (handle_id, date) DO NOTHING`,
  );
  const insertPost = sqlite.prepare(
    `INSERT INTO posts (handle_id, external_id, published_at, local_date, url, type, caption, likes, comments,
       shares, saves, views, impressions, counts_as_of, source, collected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (handle_id, external_id) DO NOTHING`,
  );
  const storedTime = sqlite.prepare(
    "SELECT published_at, local_date FROM posts WHERE handle_id = ? AND external_id = ?",
  );

  return {
    /** Inserts or merges one day. */
    daily(row: DailyMetricInput): keyof UpsertCounts {
      const inserted = insertDaily.run(
        row.handleId,
        row.date,
        row.followers ?? null,
        row.followersGained ?? null,
        row.followersLost ?? null,
        row.impressions ?? null,
        row.views ?? null,
        row.postsPublished ?? null,
        row.likes ?? null,
        row.comments ?? null,
        row.shares ?? null,
        row.source,
        row.collectedAt,
      );
      return inserted.changes > 0 ? "added" : merge.upsertDaily(row);
    },

    /** Inserts or merges one post by (handle, external id). */
    post(row: PostInput): keyof UpsertCounts {
      const inserted = insertPost.run(
        row.handleId,
        row.externalId,
        row.publishedAt,
        row.localDate,
        row.url ?? null,
        row.type ?? null,
        row.caption ?? null,
        row.likes ?? null,
        row.comments ?? null,
        row.shares ?? null,
        row.saves ?? null,
        row.views ?? null,
        row.impressions ?? null,
        row.countsAsOf ?? null,
        row.source,
        row.collectedAt,
      );
      if (inserted.changes > 0) return "added";
      if (row.publishedAt === null) {
        // A date-only file must not blur an exact publish time stored from the API or the id.
        const stored = storedTime.get(row.handleId, row.externalId) as StoredTime | undefined;
        if (stored?.published_at)
          return merge.upsertPost({ ...row, publishedAt: stored.published_at, localDate: stored.local_date });
      }
      return merge.upsertPost(row);
    },
  };
}

interface StoredTime {
  published_at: string | null;
  local_date: string;
}

/** The writer returned by {@link createBulkWriter}. */
export type BulkWriter = ReturnType<typeof createBulkWriter>;
