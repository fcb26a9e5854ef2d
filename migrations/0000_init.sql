CREATE TABLE `audit_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`command` text NOT NULL,
	`outcome` text NOT NULL,
	`details` text
);
--> statement-breakpoint
CREATE INDEX `audit_entries_at_idx` ON `audit_entries` (`at`);--> statement-breakpoint
CREATE TABLE `credentials` (
	`handle_id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`iv` text NOT NULL,
	`tag` text NOT NULL,
	`ciphertext` text NOT NULL,
	`expires_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`handle_id`) REFERENCES `handles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `daily_metrics` (
	`handle_id` integer NOT NULL,
	`date` text NOT NULL,
	`followers` integer,
	`followers_gained` integer,
	`followers_lost` integer,
	`impressions` integer,
	`views` integer,
	`posts_published` integer,
	`likes` integer,
	`comments` integer,
	`shares` integer,
	`source` text NOT NULL,
	`collected_at` text NOT NULL,
	PRIMARY KEY(`handle_id`, `date`),
	FOREIGN KEY (`handle_id`) REFERENCES `handles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `handles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mission_id` integer NOT NULL,
	`platform` text NOT NULL,
	`handle` text NOT NULL,
	`url` text,
	`external_id` text,
	`verified` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`collection_status` text,
	`collection_error` text,
	`collection_error_since` text,
	`last_collected_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`mission_id`) REFERENCES `missions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handles_platform_handle_unique` ON `handles` (`platform`,lower("handle"));--> statement-breakpoint
CREATE INDEX `handles_mission_idx` ON `handles` (`mission_id`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_hash` text NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`handle_id` integer NOT NULL,
	`first_date` text,
	`last_date` text,
	`rows_read` integer NOT NULL,
	`posts_new` integer NOT NULL,
	`posts_updated` integer NOT NULL,
	`days_added` integer NOT NULL,
	`days_updated` integer NOT NULL,
	`rows_skipped` integer NOT NULL,
	`warnings` text,
	`actor` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`handle_id`) REFERENCES `handles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `imports_hash_handle_unique` ON `imports` (`file_hash`,`handle_id`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`user_id` text NOT NULL,
	`display_name` text,
	`role` text NOT NULL,
	`mission_id` integer,
	`granted_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`mission_id`) REFERENCES `missions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_platform_user_unique` ON `members` (`platform`,`user_id`);--> statement-breakpoint
CREATE TABLE `missions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`country` text NOT NULL,
	`city` text NOT NULL,
	`region` text NOT NULL,
	`timezone` text NOT NULL,
	`weekend` text NOT NULL,
	`slack_channel` text,
	`discord_channel` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `missions_code_unique` ON `missions` (`code`);--> statement-breakpoint
CREATE INDEX `missions_region_idx` ON `missions` (`region`);--> statement-breakpoint
CREATE TABLE `posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`handle_id` integer NOT NULL,
	`external_id` text NOT NULL,
	`published_at` text,
	`local_date` text NOT NULL,
	`url` text,
	`type` text,
	`caption` text,
	`likes` integer,
	`comments` integer,
	`shares` integer,
	`saves` integer,
	`views` integer,
	`impressions` integer,
	`counts_as_of` text,
	`source` text NOT NULL,
	`collected_at` text NOT NULL,
	FOREIGN KEY (`handle_id`) REFERENCES `handles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `posts_handle_external_unique` ON `posts` (`handle_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `posts_handle_local_date_idx` ON `posts` (`handle_id`,`local_date`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
