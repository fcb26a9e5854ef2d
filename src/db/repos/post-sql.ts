/**
 * SQL fragments over a post row aliased `p` (and its handle aliased `h`), shared by the repos that
 * read posts so that "interactions" and "has counts" mean the same everywhere.
 */

/** A post's interactions: likes + comments + shares, a missing count taken as 0. */
export const POST_INTERACTIONS = "IFNULL(p.likes, 0) + IFNULL(p.comments, 0) + IFNULL(p.shares, 0)";

/** True when at least one of the post's likes, comments and shares is known. */
export const POST_HAS_COUNTS = "(p.likes IS NOT NULL OR p.comments IS NOT NULL OR p.shares IS NOT NULL)";

/** The columns of a `TopPost` (stats repo), from a post `p` joined to its handle `h`. */
export const TOP_POST_COLUMNS = `p.handle_id AS handleId, h.platform, h.handle, p.url, p.published_at AS publishedAt,
  p.local_date AS localDate, p.caption, ${POST_INTERACTIONS} AS interactions`;
