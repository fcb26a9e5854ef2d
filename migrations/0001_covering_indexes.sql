DROP INDEX `posts_handle_local_date_idx`;--> statement-breakpoint
CREATE INDEX `posts_handle_local_date_idx` ON `posts` (`handle_id`,`local_date`,`likes`,`comments`,`shares`);--> statement-breakpoint
CREATE INDEX `daily_metrics_followers_idx` ON `daily_metrics` (`handle_id`,`date`,`followers`) WHERE "daily_metrics"."followers" IS NOT NULL;