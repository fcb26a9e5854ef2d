/**
 * The database schema (drizzle). `npm run db:generate` turns changes here into a new SQL
 * migration in `migrations/`, which is committed and applied at start.
 *
 * Dates are ISO strings: `YYYY-MM-DD` for a local calendar day, full ISO-8601 with `Z` for an
 * instant. A count nobody measured is NULL, never 0.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Mission kinds accepted in the registry. */
export const MISSION_KINDS = ["embassy", "high_commission", "consulate", "permanent_mission", "hq"] as const;
export type MissionKind = (typeof MISSION_KINDS)[number];

/** Platforms a handle can live on. */
export const PLATFORMS = ["x", "facebook", "instagram", "youtube", "tiktok", "linkedin", "threads", "telegram"] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Member roles, from most to least powerful. */
export const ROLES = ["admin", "scd", "mission_officer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const missions = sqliteTable(
  "missions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: MISSION_KINDS }).notNull(),
    country: text("country").notNull(),
    city: text("city").notNull(),
    region: text("region").notNull(),
    timezone: text("timezone").notNull(),
    /** Weekend days, e.g. `sat-sun`, `fri-sat`, `fri`. */
    weekend: text("weekend").notNull(),
    slackChannel: text("slack_channel"),
    discordChannel: text("discord_channel"),
    createdAt: createdAt(),
    updatedAt: text("updated_at"),
  },
  (t) => [uniqueIndex("missions_code_unique").on(t.code), index("missions_region_idx").on(t.region)],
);

export const handles = sqliteTable(
  "handles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    missionId: integer("mission_id")
      .notNull()
      .references(() => missions.id),
    platform: text("platform", { enum: PLATFORMS }).notNull(),
    /** The handle as the platform shows it, without a leading `@`. */
    handle: text("handle").notNull(),
    url: text("url"),
    externalId: text("external_id"),
    verified: integer("verified", { mode: "boolean" }).notNull().default(false),
    /** Removed handles are kept (with their history) but no longer counted. */
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** API collection state: `ok`, `token_expired`, `permission`, `quota`, `not_found`, `error`; null = never collected. */
    collectionStatus: text("collection_status"),
    /** The last collection problem, in words a user can act on. */
    collectionError: text("collection_error"),
    /** When the current problem started (ISO instant). */
    collectionErrorSince: text("collection_error_since"),
    lastCollectedAt: text("last_collected_at"),
    createdAt: createdAt(),
    updatedAt: text("updated_at"),
  },
  (t) => [
    uniqueIndex("handles_platform_handle_unique").on(t.platform, sql`lower(${t.handle})`),
    index("handles_mission_idx").on(t.missionId),
  ],
);

export const dailyMetrics = sqliteTable(
  "daily_metrics",
  {
    handleId: integer("handle_id")
      .notNull()
      .references(() => handles.id),
    /** The mission's local calendar date. */
    date: text("date").notNull(),
    followers: integer("followers"),
    followersGained: integer("followers_gained"),
    followersLost: integer("followers_lost"),
    impressions: integer("impressions"),
    views: integer("views"),
    postsPublished: integer("posts_published"),
    likes: integer("likes"),
    comments: integer("comments"),
    shares: integer("shares"),
    /** Where the row came from: `demo`, `api:x`, `import:x_daily`, … */
    source: text("source").notNull(),
    collectedAt: text("collected_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.handleId, t.date] }),
    // "Latest follower reading on or before a day" reads only this index.
    index("daily_metrics_followers_idx")
      .on(t.handleId, t.date, t.followers)
      .where(sql`${t.followers} IS NOT NULL`),
  ],
);

export const posts = sqliteTable(
  "posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    handleId: integer("handle_id")
      .notNull()
      .references(() => handles.id),
    externalId: text("external_id").notNull(),
    /** Publish instant in UTC (ISO-8601 with Z); null when the platform gives only a date. */
    publishedAt: text("published_at"),
    /** Publish date in the mission's time zone. */
    localDate: text("local_date").notNull(),
    url: text("url"),
    type: text("type"),
    caption: text("caption"),
    likes: integer("likes"),
    comments: integer("comments"),
    shares: integer("shares"),
    saves: integer("saves"),
    views: integer("views"),
    impressions: integer("impressions"),
    /** The date the lifetime counts were read (export or collection day). */
    countsAsOf: text("counts_as_of"),
    source: text("source").notNull(),
    collectedAt: text("collected_at").notNull(),
  },
  (t) => [
    uniqueIndex("posts_handle_external_unique").on(t.handleId, t.externalId),
    // Covers the period aggregates (count and interactions) without touching the table.
    index("posts_handle_local_date_idx").on(t.handleId, t.localDate, t.likes, t.comments, t.shares),
  ],
);

export const members = sqliteTable(
  "members",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** `slack`, `discord` or `console`. */
    platform: text("platform").notNull(),
    userId: text("user_id").notNull(),
    displayName: text("display_name"),
    role: text("role", { enum: ROLES }).notNull(),
    /** The mission a mission_officer answers for; null for other roles. */
    missionId: integer("mission_id").references(() => missions.id),
    grantedBy: text("granted_by"),
    createdAt: createdAt(),
    updatedAt: text("updated_at"),
  },
  (t) => [uniqueIndex("members_platform_user_unique").on(t.platform, t.userId)],
);

export const auditEntries = sqliteTable(
  "audit_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    /** `platform:userId` of whoever acted (`system` for jobs). */
    actor: text("actor").notNull(),
    command: text("command").notNull(),
    /** `ok`, `denied`, `rejected` (bad input) or `error`. */
    outcome: text("outcome").notNull(),
    /** JSON: arguments and what changed. */
    details: text("details"),
  },
  (t) => [index("audit_entries_at_idx").on(t.at)],
);

/** Small key/value settings, e.g. `network = demo`. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** One imported export file: the ledger that makes re-importing the same file change nothing. */
export const imports = sqliteTable(
  "imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** SHA-256 of the file's bytes. */
    fileHash: text("file_hash").notNull(),
    fileName: text("file_name").notNull(),
    format: text("format").notNull(),
    handleId: integer("handle_id")
      .notNull()
      .references(() => handles.id),
    firstDate: text("first_date"),
    lastDate: text("last_date"),
    rowsRead: integer("rows_read").notNull(),
    postsNew: integer("posts_new").notNull(),
    postsUpdated: integer("posts_updated").notNull(),
    daysAdded: integer("days_added").notNull(),
    daysUpdated: integer("days_updated").notNull(),
    rowsSkipped: integer("rows_skipped").notNull(),
    /** JSON array of warnings and skipped-row reasons. */
    warnings: text("warnings"),
    actor: text("actor").notNull(),
    at: text("at").notNull(),
  },
  (t) => [uniqueIndex("imports_hash_handle_unique").on(t.fileHash, t.handleId)],
);

/** Per-handle API credentials (Facebook/Instagram page tokens), encrypted with DMD_SECRET_KEY. */
export const credentials = sqliteTable("credentials", {
  handleId: integer("handle_id")
    .primaryKey()
    .references(() => handles.id),
  kind: text("kind").notNull(),
  /** AES-256-GCM: base64 of iv, auth tag and ciphertext. */
  iv: text("iv").notNull(),
  tag: text("tag").notNull(),
  ciphertext: text("ciphertext").notNull(),
  expiresAt: text("expires_at"),
  createdAt: createdAt(),
  updatedAt: text("updated_at"),
});
