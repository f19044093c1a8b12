DROP INDEX `cases_created_idx`;--> statement-breakpoint
CREATE INDEX `cases_solved_idx` ON `cases` (`solved_at`);--> statement-breakpoint
CREATE INDEX `cases_closed_idx` ON `cases` (`closed_at`);--> statement-breakpoint
CREATE INDEX `cases_created_idx` ON `cases` (`created_at`,`user_id`,`email`,`locale`,`category_id`,`channel`);