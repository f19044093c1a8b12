DROP INDEX `cases_created_idx`;--> statement-breakpoint
CREATE INDEX `cases_solved_idx` ON `cases` (`solved_at`);--> statement-breakpoint
CREATE INDEX `cases_closed_idx` ON `cases` (`closed_at`);--> statement-breakpoint
CREATE INDEX `cases_created_idx` ON `cases` (`created_at`,`user_id`,`email`,`locale`,`category_id`,`channel`);--> statement-breakpoint
DROP INDEX `kpi_question_facts_time_idx`;--> statement-breakpoint
CREATE INDEX `kpi_question_facts_time_idx` ON `kpi_question_facts` (`created_at`,`locale`,`category_id`,`first_answer_at`,`first_answer_by`,`accepted_at`,`accepted_by`);