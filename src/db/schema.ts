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
export const PLATFORMS = [
  "x",
  "facebook",
  "instagram",
  "youtube",
  "tiktok",
  "linkedin",
  "threads",
  "telegram",
] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Member roles, from most to least powerful. */
export const ROLES = ["admin", "scd", "mission_officer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const createdAt = () => text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

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
    /** Working language for reports besides English, e.g. `fr`, `ar`, `es`, `ur`; null = English only. */
    language: text("language"),
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

/**
 * Every message the bot sends on its own (digests, alerts, reports, content pings, reminders).
 * `idempotency_key` makes one logical message one row, delivered at most once.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** e.g. `digest:washington:2026-W47:slack`. */
    idempotencyKey: text("idempotency_key").notNull(),
    platform: text("platform").notNull(),
    channelId: text("channel_id").notNull(),
    /** digest, rollup, alert, trend_report, content, reminder, … */
    kind: text("kind").notNull(),
    missionId: integer("mission_id").references(() => missions.id),
    /** The Reply as JSON (chart PNGs as base64). */
    payload: text("payload").notNull(),
    /** pending, sending, sent, failed (permanent), cancelled. */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    lastError: text("last_error"),
    /** The platform's message id, set only once the platform confirmed the message. */
    messageId: text("message_id"),
    createdAt: text("created_at").notNull(),
    sentAt: text("sent_at"),
    updatedAt: text("updated_at"),
  },
  (t) => [
    uniqueIndex("outbox_key_unique").on(t.idempotencyKey),
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
  ],
);

/** The run ledger: one row per job, scope and period, so each runs once (and catch-up knows what was missed). */
export const jobRuns = sqliteTable(
  "job_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    job: text("job").notNull(),
    /** A mission code, `fleet`, or `scd`. */
    scope: text("scope").notNull(),
    /** e.g. `2026-W47`, `2026-11-27`, `2026-11`. */
    periodKey: text("period_key").notNull(),
    /** running, done, failed, skipped. */
    status: text("status").notNull(),
    late: integer("late", { mode: "boolean" }).notNull().default(false),
    scheduledFor: text("scheduled_for").notNull(),
    startedAt: text("started_at").notNull(),
    finishedAt: text("finished_at"),
    /** Why it failed or was skipped, in words. */
    detail: text("detail"),
  },
  (t) => [uniqueIndex("job_runs_unique").on(t.job, t.scope, t.periodKey)],
);

/** Raised alerts: one per condition, handle (or mission) and period, never repeated. */
export const alerts = sqliteTable(
  "alerts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    missionId: integer("mission_id")
      .notNull()
      .references(() => missions.id),
    /** Null for mission-wide alerts. */
    handleId: integer("handle_id").references(() => handles.id),
    /** What the alert is about, for uniqueness: `handle:<id>` or `mission`. */
    subject: text("subject").notNull(),
    /** follower_drop, follower_spike, viral_post, verification_lost, silent, token_expired. */
    kind: text("kind").notNull(),
    periodKey: text("period_key").notNull(),
    /** info, warning, serious (serious ones also go to the SCD). */
    severity: text("severity").notNull(),
    /** JSON: the figures behind the alert. */
    details: text("details").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("alerts_unique").on(t.kind, t.missionId, t.subject, t.periodKey),
    index("alerts_mission_idx").on(t.missionId, t.createdAt),
  ],
);

/** Trend reports (LLM or automatic), cached by the hash of the facts they were written from. */
export const trendReports = sqliteTable(
  "trend_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** A mission code or `scd`. */
    scope: text("scope").notNull(),
    periodKey: text("period_key").notNull(),
    language: text("language").notNull(),
    factsHash: text("facts_hash").notNull(),
    /** llm or automatic. */
    source: text("source").notNull(),
    /** JSON: the report, its violations, model and usage. */
    body: text("body").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("trend_reports_facts_unique").on(t.scope, t.factsHash, t.language)],
);

/** A piece of SCD content to be published by missions. */
export const contentItems = sqliteTable("content_items", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  title: text("title").notNull(),
  /** documentary, infographic, photo, story, other. */
  kind: text("kind").notNull(),
  theme: text("theme"),
  description: text("description"),
  /** JSON array of asset links. */
  assets: text("assets").notNull().default("[]"),
  /** JSON object: language code -> suggested caption. */
  captions: text("captions").notNull().default("{}"),
  /** JSON array of hashtags, without #. */
  hashtags: text("hashtags").notNull().default("[]"),
  /** JSON: { all: true } or { regions: [], kinds: [], missions: [] }. */
  targets: text("targets").notNull(),
  dueDate: text("due_date"),
  /** open or closed. */
  status: text("status").notNull().default("open"),
  createdBy: text("created_by").notNull(),
  createdAt: text("created_at").notNull(),
});

/** One content item's state at one targeted mission: the share ledger. */
export const contentDeliveries = sqliteTable(
  "content_deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contentId: integer("content_id")
      .notNull()
      .references(() => contentItems.id),
    missionId: integer("mission_id")
      .notNull()
      .references(() => missions.id),
    /** pending, will_share, claimed, verified, declined. */
    state: text("state").notNull().default("pending"),
    plannedDate: text("planned_date"),
    /** host_country, language, already_covered, other. */
    declineReason: text("decline_reason"),
    declineText: text("decline_text"),
    /** JSON array of post links the mission gave. */
    claimedLinks: text("claimed_links").notNull().default("[]"),
    answeredBy: text("answered_by"),
    answeredAt: text("answered_at"),
    verifiedAt: text("verified_at"),
    verifiedPostId: integer("verified_post_id").references(() => posts.id),
    flaggedAt: text("flagged_at"),
    /** The delivered message (platform:channel:messageId), to update it in place. */
    messageRef: text("message_ref"),
  },
  (t) => [
    uniqueIndex("content_deliveries_unique").on(t.contentId, t.missionId),
    index("content_deliveries_mission_idx").on(t.missionId, t.state),
  ],
);
