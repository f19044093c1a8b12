CREATE TABLE `badge_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name_es` text NOT NULL,
	`name_en` text NOT NULL,
	`description_es` text NOT NULL,
	`description_en` text NOT NULL,
	`tier` text NOT NULL,
	`condition` text NOT NULL,
	`threshold` integer NOT NULL,
	`window_days` integer,
	`tag` text,
	`category` text,
	`repeatable` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "badge_rules_threshold_check" CHECK("badge_rules"."threshold" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `badge_rules_slug_unique` ON `badge_rules` (`slug`);--> statement-breakpoint
CREATE TABLE `member_badges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rule_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`subject_id` integer DEFAULT 0 NOT NULL,
	`awarded_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by` integer,
	`revoke_reason` text,
	FOREIGN KEY (`rule_id`) REFERENCES `badge_rules`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_badges_unique` ON `member_badges` (`rule_id`,`user_id`,`subject_id`);--> statement-breakpoint
CREATE INDEX `member_badges_user_idx` ON `member_badges` (`user_id`,`awarded_at`);--> statement-breakpoint
CREATE TABLE `member_sightings` (
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value_hash` text NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `kind`, `value_hash`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `member_sightings_value_idx` ON `member_sightings` (`kind`,`value_hash`,`seen_at`);--> statement-breakpoint
CREATE TABLE `members_of_the_month` (
	`month` text NOT NULL,
	`locale` text NOT NULL,
	`user_id` integer NOT NULL,
	`score` integer NOT NULL,
	`figures` text NOT NULL,
	`computed_at` integer NOT NULL,
	PRIMARY KEY(`month`, `locale`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `points_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`reason` text NOT NULL,
	`source` text NOT NULL,
	`post_id` integer,
	`question_id` integer,
	`actor_id` integer,
	`redemption_id` integer,
	`locale` text,
	`category_id` integer,
	`note` text DEFAULT '' NOT NULL,
	`reverses_id` integer,
	`reversed_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `points_ledger_user_idx` ON `points_ledger` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `points_ledger_post_idx` ON `points_ledger` (`post_id`);--> statement-breakpoint
CREATE TABLE `redemptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reward_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`cost` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'requested' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`granted_by` integer,
	`handled_by` integer,
	`handled_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`reward_id`) REFERENCES `rewards`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `redemptions_user_idx` ON `redemptions` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `redemptions_status_idx` ON `redemptions` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `reputation_progress` (
	`id` integer PRIMARY KEY NOT NULL,
	`applied_ledger_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reputation_scores` (
	`scope` text NOT NULL,
	`user_id` integer NOT NULL,
	`points` integer NOT NULL,
	PRIMARY KEY(`scope`, `user_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `reputation_scores_rank_idx` ON `reputation_scores` (`scope`,`points`,`user_id`);--> statement-breakpoint
CREATE TABLE `reputation_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`data` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rewards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_es` text NOT NULL,
	`name_en` text NOT NULL,
	`description_es` text DEFAULT '' NOT NULL,
	`description_en` text DEFAULT '' NOT NULL,
	`cost` integer,
	`stock` integer,
	`active_from` integer NOT NULL,
	`active_until` integer,
	`created_at` integer NOT NULL,
	CONSTRAINT "rewards_stock_check" CHECK("rewards"."stock" is null or "rewards"."stock" >= 0),
	CONSTRAINT "rewards_cost_check" CHECK("rewards"."cost" is null or "rewards"."cost" > 0)
);
--> statement-breakpoint
CREATE TABLE `superuser_nominations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`nominated_by` integer NOT NULL,
	`status` text NOT NULL,
	`score` real,
	`figures` text,
	`created_at` integer NOT NULL,
	`responded_at` integer,
	`probation_until` integer,
	`revoked_at` integer,
	`revoked_by` integer,
	`revoke_reason` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`nominated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `superuser_nominations_user_idx` ON `superuser_nominations` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `superuser_nominations_status_idx` ON `superuser_nominations` (`status`);
--> statement-breakpoint
-- Built-in badge rules (admins add more from the same conditions in the UI).
INSERT INTO `badge_rules` (`slug`,`name_es`,`name_en`,`description_es`,`description_en`,`tier`,`condition`,`threshold`,`window_days`,`tag`,`category`,`repeatable`,`active`,`created_at`) VALUES
('first-answer','Primera respuesta','First answer','Publicó su primera respuesta.','Posted a first answer.','bronze','answers',1,NULL,NULL,NULL,0,1,0),
('first-accepted','Primera solución','First accepted answer','Una de sus respuestas fue aceptada.','Had an answer accepted.','bronze','accepted_answers',1,NULL,NULL,NULL,0,1,0),
('accepted-10','Solucionador','Solver','10 respuestas aceptadas.','10 accepted answers.','bronze','accepted_answers',10,NULL,NULL,NULL,0,1,0),
('accepted-50','Gran solucionador','Great solver','50 respuestas aceptadas.','50 accepted answers.','silver','accepted_answers',50,NULL,NULL,NULL,0,1,0),
('accepted-150','Maestro solucionador','Master solver','150 respuestas aceptadas.','150 accepted answers.','gold','accepted_answers',150,NULL,NULL,NULL,0,1,0),
('great-answer','Gran respuesta','Great answer','Una respuesta con puntuación 10 o más.','An answer scored 10 or more.','gold','answer_score',10,NULL,NULL,NULL,1,1,0),
('helpful-streak','Racha útil','Helpful streak','Respuestas aceptadas en 7 días distintos en 30 días.','Accepted answers on 7 distinct days within 30 days.','silver','accepted_days',7,30,NULL,NULL,0,1,0),
('tag-expert','Experto en etiqueta','Tag expert','20 respuestas aceptadas en una etiqueta.','20 accepted answers in one tag.','silver','accepted_answers',20,NULL,'*',NULL,1,1,0),
('kb-promoted','Respuesta en la base de conocimiento','Answer in the knowledge base','Una respuesta suya pasó a la base de conocimiento.','An answer was promoted to the knowledge base.','silver','promoted_answers',1,NULL,NULL,NULL,0,1,0),
('good-question','Buena pregunta','Good question','Una pregunta con puntuación 5 o más.','A question scored 5 or more.','bronze','question_score',5,NULL,NULL,NULL,1,1,0),
('welcomer','Anfitrión','Welcomer','Primera respuesta a la primera pregunta de 10 miembros nuevos.','First answer to 10 new members'' first questions.','bronze','welcomed_members',10,NULL,NULL,NULL,0,1,0);
