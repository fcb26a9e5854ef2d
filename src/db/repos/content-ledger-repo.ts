/**
 * The share ledger's reading side: verifying shares against ingested posts, the `adoption`
 * figure of the leaderboard, and the content lines of a mission's weekly digest.
 */
import {
  type MatchOptions,
  type MatchReason,
  type PreparedPost,
  preparePost,
  shareMatcher,
} from "../../domain/content.ts";
import { addDays, localDateOf } from "../../domain/dates.ts";
import { type Period, parsePeriod } from "../../domain/period.ts";
import type { Db } from "../client.ts";
import { listMissionDeliveries } from "./content-repo.ts";
import { getSetting } from "./settings-repo.ts";

/** A share found by {@link verifyShares}. */
export interface VerifiedShare {
  contentId: number;
  missionId: number;
  missionCode: string;
  postId: number;
  reason: MatchReason;
}

/** Which deliveries {@link verifyShares} looks at; every filter given must hold. */
export interface VerifyScope {
  /** Only missions owning these handles, and only these handles' posts. */
  handleIds?: number[];
  contentId?: number;
  missionId?: number;
}

/** Items older than this are no longer matched against new posts. */
export const VERIFY_HORIZON_DAYS = 180;

interface Candidate {
  id: number;
  contentId: number;
  missionId: number;
  missionCode: string;
  timezone: string;
  claimedLinks: string;
  createdAt: string;
  assets: string;
  captions: string;
  hashtags: string;
  description: string | null;
}

interface PostRow {
  id: number;
  url: string | null;
  caption: string | null;
  localDate: string;
}

function json<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/**
 * The matching rules' settings: `content.hashtag_share` (share of an item's hashtags a post must
 * carry, above 0 and at most 1; default 1 = all) and `content.caption_similarity` (least Jaccard
 * similarity of a caption, above 0 and at most 1; default 0.6). A missing or unreadable setting
 * keeps the default.
 */
export function matchSettings(db: Db): MatchOptions {
  const read = (key: string): number | undefined => {
    const text = getSetting(db, key);
    const value = text === null ? Number.NaN : Number(text);
    return Number.isFinite(value) && value > 0 && value <= 1 ? value : undefined;
  };
  const hashtagShare = read("content.hashtag_share");
  const captionSimilarity = read("content.caption_similarity");
  return {
    ...(hashtagShare === undefined ? {} : { hashtagShare }),
    ...(captionSimilarity === undefined ? {} : { captionSimilarity }),
  };
}

/**
 * Verifies shares: every delivery not yet verified (of an item at most
 * {@link VERIFY_HORIZON_DAYS} old) is matched against its mission's posts published from the
 * item's creation day on (the mission's local day), by the rules of `shareMatcher`, claimed or
 * not. The earliest matching post becomes the proof: the delivery is marked verified at `now`.
 * Returns the shares it verified. `options` default to {@link matchSettings}.
 */
export function verifyShares(
  db: Db,
  scope: VerifyScope,
  now: Date,
  options: MatchOptions = matchSettings(db),
): VerifiedShare[] {
  const sqlite = db.$client;
  const handles = scope.handleIds === undefined ? null : JSON.stringify([...new Set(scope.handleIds)]);
  if (handles === "[]") return [];
  const horizon = new Date(now.getTime() - VERIFY_HORIZON_DAYS * 86_400_000).toISOString();
  const candidates = sqlite
    .prepare(
      `SELECT d.id, d.content_id AS contentId, d.mission_id AS missionId, m.code AS missionCode,
         m.timezone, d.claimed_links AS claimedLinks, c.created_at AS createdAt, c.assets,
         c.captions, c.hashtags, c.description
       FROM content_deliveries d
       JOIN content_items c ON c.id = d.content_id
       JOIN missions m ON m.id = d.mission_id
       WHERE d.state <> 'verified' AND c.created_at >= @horizon
         AND (@contentId IS NULL OR d.content_id = @contentId)
         AND (@missionId IS NULL OR d.mission_id = @missionId)
         AND (@handles IS NULL OR d.mission_id IN
           (SELECT mission_id FROM handles WHERE id IN (SELECT value FROM json_each(@handles))))
       ORDER BY d.mission_id, d.content_id`,
    )
    .all({
      horizon,
      contentId: scope.contentId ?? null,
      missionId: scope.missionId ?? null,
      handles,
    }) as Candidate[];
  if (candidates.length === 0) return [];

  const postsOf = sqlite.prepare(
    `SELECT p.id, p.url, p.caption, p.local_date AS localDate
     FROM posts p JOIN handles h ON h.id = p.handle_id
     WHERE h.mission_id = @missionId AND h.active = 1 AND p.local_date >= @from
       AND (@handles IS NULL OR p.handle_id IN (SELECT value FROM json_each(@handles)))
     ORDER BY p.local_date, COALESCE(p.published_at, ''), p.id`,
  );
  const mark = sqlite.prepare(
    "UPDATE content_deliveries SET state = 'verified', verified_at = ?, verified_post_id = ?, flagged_at = NULL WHERE id = ?",
  );
  const byMission = new Map<number, Candidate[]>();
  for (const c of candidates) byMission.set(c.missionId, [...(byMission.get(c.missionId) ?? []), c]);

  const verified: VerifiedShare[] = [];
  const at = now.toISOString();
  const run = sqlite.transaction(() => {
    for (const [missionId, list] of byMission) {
      const zone = list[0]?.timezone ?? "UTC";
      const fromOf = (c: Candidate) => safeLocalDate(c.createdAt, zone);
      const from = list.map(fromOf).sort()[0] ?? "0000-00-00";
      const posts = postsOf.all({ missionId, from, handles }) as PostRow[];
      if (posts.length === 0) continue;
      const prepared = new Map<number, PreparedPost>();
      const read = (post: PostRow): PreparedPost => {
        let p = prepared.get(post.id);
        if (!p) {
          p = preparePost(post);
          prepared.set(post.id, p);
        }
        return p;
      };
      for (const c of list) {
        const since = fromOf(c);
        const matches = shareMatcher(
          {
            assets: json<string[]>(c.assets, []),
            captions: json<Record<string, string>>(c.captions, {}),
            hashtags: json<string[]>(c.hashtags, []),
            description: c.description,
            claimedLinks: json<string[]>(c.claimedLinks, []),
          },
          options,
        );
        for (const post of posts) {
          if (post.localDate < since) continue;
          const reason = matches(read(post));
          if (!reason) continue;
          mark.run(at, post.id, c.id);
          verified.push({
            contentId: c.contentId,
            missionId,
            missionCode: c.missionCode,
            postId: post.id,
            reason,
          });
          break;
        }
      }
    }
  });
  run.immediate();
  return verified;
}

function safeLocalDate(iso: string, zone: string): string {
  try {
    return localDateOf(iso, zone);
  } catch {
    return iso.slice(0, 10);
  }
}

/** One mission's adoption over a period. */
export interface MissionAdoption {
  /** Items sent to the mission that were created in the period (the mission's local days). */
  targeted: number;
  /** Of those, the ones whose verifying post was published by the end of the period. */
  verified: number;
  /** `verified / targeted * 100`; null when nothing was targeted. */
  adoption: number | null;
}

/**
 * `adoption` per mission over `period`: of the content items targeted at the mission and
 * created within the period (local days in the mission's zone), the share (%) verified by a
 * post published by the period's last day. Missions that were sent nothing are absent (their
 * adoption is unavailable, not 0).
 */
export function adoptionByMission(db: Db, period: Period): Map<number, MissionAdoption> {
  const rows = db.$client
    .prepare(
      `SELECT d.mission_id AS missionId, m.timezone, c.created_at AS createdAt, d.state,
         p.local_date AS postDate, d.verified_at AS verifiedAt
       FROM content_deliveries d
       JOIN content_items c ON c.id = d.content_id
       JOIN missions m ON m.id = d.mission_id
       LEFT JOIN posts p ON p.id = d.verified_post_id
       WHERE c.created_at >= ? AND c.created_at < ?`,
    )
    .all(`${addDays(period.start, -1)}T00:00:00Z`, `${addDays(period.end, 2)}T00:00:00Z`) as {
    missionId: number;
    timezone: string;
    createdAt: string;
    state: string;
    postDate: string | null;
    verifiedAt: string | null;
  }[];
  const out = new Map<number, MissionAdoption>();
  for (const row of rows) {
    const created = safeLocalDate(row.createdAt, row.timezone);
    if (created < period.start || created > period.end) continue;
    const entry = out.get(row.missionId) ?? { targeted: 0, verified: 0, adoption: null };
    entry.targeted += 1;
    const sharedOn = row.postDate ?? (row.verifiedAt ? safeLocalDate(row.verifiedAt, row.timezone) : null);
    if (row.state === "verified" && sharedOn !== null && sharedOn <= period.end) entry.verified += 1;
    entry.adoption = (entry.verified / entry.targeted) * 100;
    out.set(row.missionId, entry);
  }
  return out;
}

/**
 * The content lines of a mission's weekly digest for `week` (an ISO week such as `2026-W47`,
 * or a period): the items it shared that week (verified posts published in it) and the items
 * still waiting for it (open items it has not shared or declined: unanswered, planned, or
 * claimed but not yet seen in its posts). Empty when there is nothing to say.
 */
export function contentDigestLines(db: Db, missionId: number, week: string | Period): string[] {
  const period = typeof week === "string" ? parsePeriod(week, "2000-01-01") : week;
  const since = `${addDays(period.start, -VERIFY_HORIZON_DAYS)}T00:00:00Z`;
  const rows = listMissionDeliveries(db, missionId, since);
  const shared = rows.filter(
    (r) =>
      r.state === "verified" &&
      r.post !== null &&
      r.post.localDate >= period.start &&
      r.post.localDate <= period.end,
  );
  const waiting = rows.filter(
    (r) =>
      r.item.status === "open" &&
      (r.state === "pending" || r.state === "will_share" || r.state === "claimed"),
  );
  const lines: string[] = [];
  if (shared.length > 0) {
    const titles = shared.map((r) => `“${r.item.title}”`).join(", ");
    lines.push(`Content shared this week: ${shared.length} — ${titles}.`);
  }
  if (waiting.length > 0) {
    const items = waiting
      .sort((a, b) => (a.item.dueDate ?? "").localeCompare(b.item.dueDate ?? "") || a.contentId - b.contentId)
      .map((r) => {
        const due = r.item.dueDate ? `due ${r.item.dueDate}` : "no due date";
        const note =
          r.state === "will_share"
            ? `, you plan ${r.plannedDate ?? "a date"}`
            : r.state === "claimed"
              ? ", shared: waiting for the post to show in the figures"
              : "";
        return `“${r.item.title}” (#${r.contentId}, ${due}${note})`;
      });
    lines.push(
      `Content waiting for you: ${waiting.length} — ${items.join("; ")}. Answer with /content answer.`,
    );
  }
  return lines;
}
