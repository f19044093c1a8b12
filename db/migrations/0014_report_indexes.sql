CREATE TABLE `kpi_deflection_confirmations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`day` integer NOT NULL,
	`locale` text NOT NULL,
	`category_id` integer NOT NULL,
	`channel` text NOT NULL,
	`at` integer NOT NULL,
	`visitor_id` text,
	`member_id` integer
);
--> statement-breakpoint
CREATE INDEX `kpi_deflection_confirmations_day_idx` ON `kpi_deflection_confirmations` (`day`);--> statement-breakpoint
CREATE TABLE `kpi_deflection_partial` (
	`day` integer NOT NULL,
	`locale` text NOT NULL,
	`category_id` integer NOT NULL,
	`channel` text NOT NULL,
	`form_sessions` integer NOT NULL,
	`confirmations` integer NOT NULL,
	`confirmations_on_forms` integer NOT NULL,
	`implicit_deflections` integer NOT NULL,
	`funnel_saw` integer NOT NULL,
	`funnel_opened` integer NOT NULL,
	`funnel_confirmed` integer NOT NULL,
	`funnel_submitted` integer NOT NULL,
	PRIMARY KEY(`day`, `locale`, `category_id`, `channel`)
);
--> statement-breakpoint
DROP INDEX `cases_created_idx`;--> statement-breakpoint
CREATE INDEX `cases_solved_idx` ON `cases` (`solved_at`);--> statement-breakpoint
CREATE INDEX `cases_closed_idx` ON `cases` (`closed_at`);--> statement-breakpoint
CREATE INDEX `cases_created_idx` ON `cases` (`created_at`,`user_id`,`email`,`locale`,`category_id`,`channel`);--> statement-breakpoint
DROP INDEX `kpi_question_facts_time_idx`;--> statement-breakpoint
CREATE INDEX `kpi_question_facts_time_idx` ON `kpi_question_facts` (`created_at`,`locale`,`category_id`,`first_answer_at`,`first_answer_by`,`accepted_at`,`accepted_by`);--> statement-breakpoint
-- Hand-written (not generated): days rolled up before the funnel was kept have no deflection_funnel_* metrics; forget
-- the deflection watermark so the rollup job rolls every day again (31 per run; reports read the events meanwhile).
DELETE FROM `kpi_progress` WHERE `source` = 'deflection_days';
