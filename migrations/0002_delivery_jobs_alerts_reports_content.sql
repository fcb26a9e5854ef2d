CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mission_id` integer NOT NULL,
	`handle_id` integer,
	`subject` text NOT NULL,
	`kind` text NOT NULL,
	`period_key` text NOT NULL,
	`severity` text NOT NULL,
	`details` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`mission_id`) REFERENCES `missions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handle_id`) REFERENCES `handles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_unique` ON `alerts` (`kind`,`mission_id`,`subject`,`period_key`);--> statement-breakpoint
CREATE INDEX `alerts_mission_idx` ON `alerts` (`mission_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `content_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`content_id` integer NOT NULL,
	`mission_id` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`planned_date` text,
	`decline_reason` text,
	`decline_text` text,
	`claimed_links` text DEFAULT '[]' NOT NULL,
	`answered_by` text,
	`answered_at` text,
	`verified_at` text,
	`verified_post_id` integer,
	`flagged_at` text,
	`message_ref` text,
	FOREIGN KEY (`content_id`) REFERENCES `content_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mission_id`) REFERENCES `missions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verified_post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `content_deliveries_unique` ON `content_deliveries` (`content_id`,`mission_id`);--> statement-breakpoint
CREATE INDEX `content_deliveries_mission_idx` ON `content_deliveries` (`mission_id`,`state`);--> statement-breakpoint
CREATE TABLE `content_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`theme` text,
	`description` text,
	`assets` text DEFAULT '[]' NOT NULL,
	`captions` text DEFAULT '{}' NOT NULL,
	`hashtags` text DEFAULT '[]' NOT NULL,
	`targets` text NOT NULL,
	`due_date` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job` text NOT NULL,
	`scope` text NOT NULL,
	`period_key` text NOT NULL,
	`status` text NOT NULL,
	`late` integer DEFAULT false NOT NULL,
	`scheduled_for` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`detail` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_runs_unique` ON `job_runs` (`job`,`scope`,`period_key`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idempotency_key` text NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	`kind` text NOT NULL,
	`mission_id` integer,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`message_id` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	`updated_at` text,
	FOREIGN KEY (`mission_id`) REFERENCES `missions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_key_unique` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `trend_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`period_key` text NOT NULL,
	`language` text NOT NULL,
	`facts_hash` text NOT NULL,
	`source` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trend_reports_facts_unique` ON `trend_reports` (`scope`,`facts_hash`,`language`);--> statement-breakpoint
ALTER TABLE `missions` ADD `language` text;