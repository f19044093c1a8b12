CREATE INDEX `accepted_answers_accepted_idx` ON `accepted_answers` (`accepted_at`);--> statement-breakpoint
CREATE INDEX `questions_nudge_idx` ON `questions` (`id`) WHERE "questions"."accept_nudged_at" is null and "questions"."answer_count" > 0;--> statement-breakpoint
CREATE INDEX `votes_created_idx` ON `votes` (`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_unmailed_idx` ON `notifications` (`id`) WHERE "notifications"."emailed_at" is null and "notifications"."read_at" is null;