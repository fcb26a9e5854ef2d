/**
 * SCD content items and their deliveries to missions (the share ledger): saving an item with
 * one delivery per targeted mission, reading them back, recording missions' answers, and the
 * queries the content jobs run.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { ContentAnswer, ContentTargets, DeliveryState } from "../../domain/content.ts";
import { type Db, inTransaction } from "../client.ts";
import { contentDeliveries, contentItems } from "../schema.ts";
import { POST_HAS_COUNTS, POST_INTERACTIONS } from "./post-sql.ts";

/** One content item, with its JSON fields read back. */
export interface ContentItem {
  id: number;
  title: string;
  kind: string;
  theme: string | null;
  description: string | null;
  assets: string[];
  /** Language code -> suggested caption. */
  captions: Record<string, string>;
  /** Without `#`. */
  hashtags: string[];
  targets: ContentTargets;
  dueDate: string | null;
  status: "open" | "closed";
  createdBy: string;
  createdAt: string;
}

/** One delivery (an item at one mission), with the mission and the verified post. */
export interface DeliveryRow {
  id: number;
  contentId: number;
  missionId: number;
  missionCode: string;
  missionName: string;
  region: string;
  missionKind: string;
  timezone: string;
  slackChannel: string | null;
  discordChannel: string | null;
  language: string | null;
  state: DeliveryState;
  plannedDate: string | null;
  declineReason: string | null;
  declineText: string | null;
  claimedLinks: string[];
  answeredBy: string | null;
  answeredAt: string | null;
  verifiedAt: string | null;
  verifiedPostId: number | null;
  flaggedAt: string | null;
  /** The post that proved the share, when verified. */
  post: VerifiedPost | null;
}

/** The post behind a verified share. */
export interface VerifiedPost {
  id: number;
  platform: string;
  handle: string;
  url: string | null;
  publishedAt: string | null;
  localDate: string;
  /** likes + comments + shares (missing counts as 0); null when none of the three is known. */
  interactions: number | null;
}

/** What {@link createContentItem} saves: an item's fields (it starts open), due on a day, for these missions. */
export interface NewContentItem extends Omit<ContentItem, "id" | "dueDate" | "status"> {
  dueDate: string;
  missionIds: number[];
}

/** An item with how many of its deliveries are in each state. */
export interface ContentItemWithCounts extends ContentItem {
  counts: Record<DeliveryState, number> & { targeted: number };
}

type ItemRow = typeof contentItems.$inferSelect;

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toItem(row: ItemRow): ContentItem {
  const targets = parseJson<Partial<ContentTargets>>(row.targets, {});
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    theme: row.theme,
    description: row.description,
    assets: parseJson<string[]>(row.assets, []),
    captions: parseJson<Record<string, string>>(row.captions, {}),
    hashtags: parseJson<string[]>(row.hashtags, []),
    targets: {
      all: targets.all === true,
      regions: targets.regions ?? [],
      kinds: targets.kinds ?? [],
      missions: targets.missions ?? [],
    },
    dueDate: row.dueDate,
    status: row.status === "closed" ? "closed" : "open",
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

/** Saves an item and one pending delivery per targeted mission, together. */
export function createContentItem(db: Db, input: NewContentItem): ContentItem {
  return inTransaction(db, () => {
    const targets: Partial<ContentTargets> = input.targets.all
      ? { all: true }
      : { regions: input.targets.regions, kinds: input.targets.kinds, missions: input.targets.missions };
    const row = db
      .insert(contentItems)
      .values({
        title: input.title,
        kind: input.kind,
        theme: input.theme,
        description: input.description,
        assets: JSON.stringify(input.assets),
        captions: JSON.stringify(input.captions),
        hashtags: JSON.stringify(input.hashtags),
        targets: JSON.stringify(targets),
        dueDate: input.dueDate,
        status: "open",
        createdBy: input.createdBy,
        createdAt: input.createdAt,
      })
      .returning()
      .get();
    for (const missionId of new Set(input.missionIds)) {
      db.insert(contentDeliveries).values({ contentId: row.id, missionId, state: "pending" }).run();
    }
    return toItem(row);
  });
}

/** The item with this id, or null. */
export function getContentItem(db: Db, id: number): ContentItem | null {
  const row = db.select().from(contentItems).where(eq(contentItems.id, id)).get();
  return row ? toItem(row) : null;
}

/** Items, newest first (only open ones with `openOnly`), each with its delivery counts. */
export function listContentItems(
  db: Db,
  options: { openOnly?: boolean; limit?: number } = {},
): ContentItemWithCounts[] {
  const rows = db
    .select()
    .from(contentItems)
    .where(options.openOnly ? eq(contentItems.status, "open") : undefined)
    .orderBy(desc(contentItems.id))
    .limit(options.limit ?? 1000)
    .all();
  if (rows.length === 0) return [];
  const counts = db.$client
    .prepare(
      `SELECT content_id AS contentId, state, COUNT(*) AS n FROM content_deliveries
       WHERE content_id IN (SELECT value FROM json_each(?)) GROUP BY content_id, state`,
    )
    .all(JSON.stringify(rows.map((r) => r.id))) as { contentId: number; state: string; n: number }[];
  return rows.map((row) => {
    const c = { pending: 0, will_share: 0, claimed: 0, verified: 0, declined: 0, targeted: 0 };
    for (const count of counts) {
      if (count.contentId !== row.id) continue;
      if (count.state in c) c[count.state as DeliveryState] += count.n;
      c.targeted += count.n;
    }
    return { ...toItem(row), counts: c };
  });
}

/** How many items there are (open ones only with `openOnly`). */
export function countContentItems(db: Db, options: { openOnly?: boolean } = {}): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(contentItems)
      .where(options.openOnly ? eq(contentItems.status, "open") : undefined)
      .get()?.n ?? 0
  );
}

const DELIVERY_SELECT = `
  SELECT d.id, d.content_id AS contentId, d.mission_id AS missionId, m.code AS missionCode,
    m.name AS missionName, m.region, m.kind AS missionKind, m.timezone,
    m.slack_channel AS slackChannel, m.discord_channel AS discordChannel, m.language,
    d.state, d.planned_date AS plannedDate, d.decline_reason AS declineReason,
    d.decline_text AS declineText, d.claimed_links AS claimedLinks, d.answered_by AS answeredBy,
    d.answered_at AS answeredAt, d.verified_at AS verifiedAt, d.verified_post_id AS verifiedPostId,
    d.flagged_at AS flaggedAt,
    p.url AS postUrl, p.published_at AS postPublishedAt, p.local_date AS postLocalDate,
    h.platform AS postPlatform, h.handle AS postHandle,
    CASE WHEN ${POST_HAS_COUNTS} THEN ${POST_INTERACTIONS} END AS postInteractions
  FROM content_deliveries d
  JOIN missions m ON m.id = d.mission_id
  LEFT JOIN posts p ON p.id = d.verified_post_id
  LEFT JOIN handles h ON h.id = p.handle_id`;

interface RawDelivery extends Omit<DeliveryRow, "claimedLinks" | "post" | "state"> {
  state: string;
  claimedLinks: string;
  postUrl: string | null;
  postPublishedAt: string | null;
  postLocalDate: string | null;
  postPlatform: string | null;
  postHandle: string | null;
  postInteractions: number | null;
}

function toDelivery(raw: RawDelivery): DeliveryRow {
  const { postUrl, postPublishedAt, postLocalDate, postPlatform, postHandle, postInteractions, ...rest } =
    raw;
  return {
    ...rest,
    state: raw.state as DeliveryState,
    claimedLinks: parseJson<string[]>(raw.claimedLinks, []),
    post:
      raw.verifiedPostId !== null && postLocalDate !== null
        ? {
            id: raw.verifiedPostId,
            platform: postPlatform ?? "",
            handle: postHandle ?? "",
            url: postUrl,
            publishedAt: postPublishedAt,
            localDate: postLocalDate,
            interactions: postInteractions,
          }
        : null,
  };
}

/** Every delivery of an item, by mission code. */
export function listDeliveries(db: Db, contentId: number): DeliveryRow[] {
  return (
    db.$client
      .prepare(`${DELIVERY_SELECT} WHERE d.content_id = ? ORDER BY m.code`)
      .all(contentId) as RawDelivery[]
  ).map(toDelivery);
}

/** An item's delivery to one mission, or null when the item was not sent to it. */
export function getDelivery(db: Db, contentId: number, missionId: number): DeliveryRow | null {
  const raw = db.$client
    .prepare(`${DELIVERY_SELECT} WHERE d.content_id = ? AND d.mission_id = ?`)
    .get(contentId, missionId) as RawDelivery | undefined;
  return raw ? toDelivery(raw) : null;
}

/** The ids of the missions that were ever sent content (a digest asks the others nothing). */
export function missionIdsWithDeliveries(db: Db): Set<number> {
  const rows = db.$client.prepare("SELECT DISTINCT mission_id AS id FROM content_deliveries").all() as {
    id: number;
  }[];
  return new Set(rows.map((r) => r.id));
}

/** A mission's deliveries of the items created since `sinceIso`, newest item first. */
export function listMissionDeliveries(
  db: Db,
  missionId: number,
  sinceIso: string,
): (DeliveryRow & { item: ContentItem })[] {
  const raws = db.$client
    .prepare(
      `${DELIVERY_SELECT} JOIN content_items c ON c.id = d.content_id
       WHERE d.mission_id = ? AND c.created_at >= ? ORDER BY c.id DESC`,
    )
    .all(missionId, sinceIso) as RawDelivery[];
  const items = new Map<number, ContentItem>();
  return raws.map((raw) => {
    const item = items.get(raw.contentId) ?? getContentItem(db, raw.contentId);
    if (!item) throw new Error(`content item ${raw.contentId} vanished`);
    items.set(item.id, item);
    return { ...toDelivery(raw), item };
  });
}

/**
 * Records a mission's answer: `shared` claims the item with the post links (a verified share
 * stays verified, its links added); `will` plans it for a day; `na` declines it with a reason.
 * Returns the delivery as it now is.
 */
export function recordAnswer(
  db: Db,
  input: { contentId: number; missionId: number; answer: ContentAnswer; by: string; at: string },
): DeliveryRow {
  const where = and(
    eq(contentDeliveries.contentId, input.contentId),
    eq(contentDeliveries.missionId, input.missionId),
  );
  const base = { answeredBy: input.by, answeredAt: input.at };
  const a = input.answer;
  if (a.kind === "shared") {
    const current = getDelivery(db, input.contentId, input.missionId);
    const links = [...new Set([...(current?.claimedLinks ?? []), ...a.links])];
    db.update(contentDeliveries)
      .set({
        ...base,
        state: current?.state === "verified" ? "verified" : "claimed",
        claimedLinks: JSON.stringify(links),
        plannedDate: null,
        declineReason: null,
        declineText: null,
        flaggedAt: null,
      })
      .where(where)
      .run();
  } else if (a.kind === "will") {
    db.update(contentDeliveries)
      .set({ ...base, state: "will_share", plannedDate: a.date, declineReason: null, declineText: null })
      .where(where)
      .run();
  } else {
    db.update(contentDeliveries)
      .set({ ...base, state: "declined", declineReason: a.reason, declineText: a.text, plannedDate: null })
      .where(where)
      .run();
  }
  const updated = getDelivery(db, input.contentId, input.missionId);
  if (!updated) throw new Error(`no delivery of content ${input.contentId} to mission ${input.missionId}`);
  return updated;
}

/** Marks an item closed (its due date passed and the SCD got the summary). */
export function closeContentItem(db: Db, id: number): void {
  db.update(contentItems).set({ status: "closed" }).where(eq(contentItems.id, id)).run();
}

/** One ping or reminder to send: a delivery, on one platform, to one channel. */
export interface ChannelDelivery {
  contentId: number;
  missionId: number;
  missionCode: string;
  platform: "slack" | "discord";
  channelId: string;
}

/**
 * The pings not yet in the outbox: for every delivery of an open item, one per platform on
 * which the mission has a channel, unless the outbox already holds its key
 * (`content:<id>:<mission>:<platform>`). A mission whose channel is set later gets its ping then.
 */
export function unsentPings(db: Db): ChannelDelivery[] {
  const part = (platform: "slack" | "discord", column: string) => `
    SELECT d.content_id AS contentId, d.mission_id AS missionId, m.code AS missionCode,
      '${platform}' AS platform, m.${column} AS channelId
    FROM content_deliveries d
    JOIN content_items c ON c.id = d.content_id
    JOIN missions m ON m.id = d.mission_id
    WHERE c.status = 'open' AND m.${column} IS NOT NULL AND trim(m.${column}) <> ''
      AND NOT EXISTS (SELECT 1 FROM outbox o
        WHERE o.idempotency_key = 'content:' || d.content_id || ':' || m.code || ':${platform}')`;
  return db.$client
    .prepare(
      `${part("slack", "slack_channel")} UNION ALL ${part("discord", "discord_channel")} ORDER BY 1, 3, 4`,
    )
    .all() as ChannelDelivery[];
}

/**
 * A mission's unanswered deliveries (state pending) of open items due between `from` and `to`
 * (inclusive `YYYY-MM-DD`) and created before `beforeIso`.
 */
export function unansweredDue(
  db: Db,
  missionId: number,
  from: string,
  to: string,
  beforeIso: string,
): DeliveryRow[] {
  return (
    db.$client
      .prepare(
        `${DELIVERY_SELECT} JOIN content_items c ON c.id = d.content_id
         WHERE d.mission_id = ? AND d.state = 'pending' AND c.status = 'open'
           AND c.due_date BETWEEN ? AND ? AND c.created_at < ?
         ORDER BY c.id`,
      )
      .all(missionId, from, to, beforeIso) as RawDelivery[]
  ).map(toDelivery);
}

/** Open items whose due date is before `date`. */
export function openItemsDueBefore(db: Db, date: string): ContentItem[] {
  return db
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.status, "open"), sql`${contentItems.dueDate} < ${date}`))
    .orderBy(contentItems.id)
    .all()
    .map(toItem);
}

/**
 * Flags every claim made at or before `claimedBeforeIso` that no post has verified yet and
 * that is not flagged already; returns the deliveries it flagged.
 */
export function flagUnverifiedClaims(db: Db, claimedBeforeIso: string, at: string): DeliveryRow[] {
  const raws = db.$client
    .prepare(
      `${DELIVERY_SELECT} WHERE d.state = 'claimed' AND d.flagged_at IS NULL AND d.answered_at <= ?
       ORDER BY d.content_id, m.code`,
    )
    .all(claimedBeforeIso) as RawDelivery[];
  const flag = db.$client.prepare("UPDATE content_deliveries SET flagged_at = ? WHERE id = ?");
  for (const raw of raws) flag.run(at, raw.id);
  return raws.map((raw) => ({ ...toDelivery(raw), flaggedAt: at }));
}
