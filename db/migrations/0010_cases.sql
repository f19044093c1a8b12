CREATE TABLE `agent_profiles` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`skills` text NOT NULL,
	`languages` text NOT NULL,
	`tier` integer DEFAULT 1 NOT NULL,
	`supervisor` integer DEFAULT false NOT NULL,
	`available` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `business_calendars` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`time_zone` text NOT NULL,
	`weekly` text NOT NULL,
	`holidays` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `case_answers` (
	`answer_id` integer PRIMARY KEY NOT NULL,
	`case_id` integer NOT NULL,
	FOREIGN KEY (`answer_id`) REFERENCES `answers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_answers_case_idx` ON `case_answers` (`case_id`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`type` text NOT NULL,
	`actor_id` integer,
	`actor_kind` text NOT NULL,
	`data` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_events_case_idx` ON `case_events` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `case_events_type_idx` ON `case_events` (`type`,`created_at`);--> statement-breakpoint
CREATE TABLE `case_queues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name_es` text NOT NULL,
	`name_en` text NOT NULL,
	`calendar_id` integer NOT NULL,
	`assignment` text DEFAULT 'round_robin' NOT NULL,
	`tier` integer DEFAULT 1 NOT NULL,
	`last_assignee_id` integer,
	`escalation_queue_id` integer,
	`is_default` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`calendar_id`) REFERENCES `business_calendars`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`last_assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`escalation_queue_id`) REFERENCES `case_queues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_queues_slug_unique` ON `case_queues` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `case_queues_default_unique` ON `case_queues` (`is_default`) WHERE "case_queues"."is_default" = 1;--> statement-breakpoint
CREATE TABLE `case_sla_clocks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`kind` text NOT NULL,
	`started_at` integer NOT NULL,
	`target_ms` integer NOT NULL,
	`paused_ms` integer DEFAULT 0 NOT NULL,
	`paused_at` integer,
	`due_at` integer,
	`warn_at` integer,
	`warned_at` integer,
	`breached_at` integer,
	`stopped_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_sla_clocks_case_idx` ON `case_sla_clocks` (`case_id`,`kind`);--> statement-breakpoint
CREATE INDEX `case_sla_clocks_due_idx` ON `case_sla_clocks` (`breached_at`,`due_at`) WHERE "case_sla_clocks"."stopped_at" is null and "case_sla_clocks"."paused_at" is null;--> statement-breakpoint
CREATE INDEX `case_sla_clocks_running_idx` ON `case_sla_clocks` (`due_at`,`case_id`) WHERE "case_sla_clocks"."stopped_at" is null and "case_sla_clocks"."paused_at" is null;--> statement-breakpoint
CREATE INDEX `case_sla_clocks_warn_idx` ON `case_sla_clocks` (`warn_at`) WHERE "case_sla_clocks"."stopped_at" is null and "case_sla_clocks"."warned_at" is null;--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`priority` text DEFAULT 'normal' NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`locale` text NOT NULL,
	`user_id` integer,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`question_id` integer,
	`category_id` integer,
	`article_id` integer,
	`queue_id` integer NOT NULL,
	`assignee_id` integer,
	`tags` text NOT NULL,
	`visitor_id` text,
	`legacy_request_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`status_changed_at` integer NOT NULL,
	`first_response_at` integer,
	`agent_replies` integer DEFAULT 0 NOT NULL,
	`solved_at` integer,
	`closed_at` integer,
	`close_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`queue_id`) REFERENCES `case_queues`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "cases_status_check" CHECK("cases"."status" in ('new','open','pending_customer','on_hold','solved','closed')),
	CONSTRAINT "cases_priority_check" CHECK("cases"."priority" in ('low','normal','high','urgent'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_open_thread_unique` ON `cases` (`question_id`) WHERE "cases"."question_id" is not null and "cases"."status" in ('new','open','pending_customer','on_hold');--> statement-breakpoint
CREATE UNIQUE INDEX `cases_legacy_unique` ON `cases` (`legacy_request_id`);--> statement-breakpoint
CREATE INDEX `cases_status_idx` ON `cases` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `cases_open_priority_idx` ON `cases` (`priority`) WHERE "cases"."status" in ('new','open','pending_customer','on_hold');--> statement-breakpoint
CREATE INDEX `cases_assignee_idx` ON `cases` (`assignee_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `cases_queue_idx` ON `cases` (`queue_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `cases_customer_idx` ON `cases` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `cases_email_idx` ON `cases` (`email`,`id`);--> statement-breakpoint
CREATE INDEX `cases_question_idx` ON `cases` (`question_id`,`id`);--> statement-breakpoint
CREATE INDEX `cases_created_idx` ON `cases` (`created_at`);--> statement-breakpoint
CREATE TABLE `category_queues` (
	`category_id` integer PRIMARY KEY NOT NULL,
	`queue_id` integer NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`queue_id`) REFERENCES `case_queues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `csat_responses` (
	`case_id` integer PRIMARY KEY NOT NULL,
	`score` integer NOT NULL,
	`nps` integer,
	`comment` text DEFAULT '' NOT NULL,
	`locale` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "csat_score_check" CHECK("csat_responses"."score" between 1 and 5),
	CONSTRAINT "csat_nps_check" CHECK("csat_responses"."nps" is null or "csat_responses"."nps" between 0 and 10)
);
--> statement-breakpoint
CREATE INDEX `csat_responses_time_idx` ON `csat_responses` (`created_at`);--> statement-breakpoint
CREATE TABLE `customer_tiers` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`tier` text NOT NULL,
	`set_by` integer,
	`set_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`set_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `escalation_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`trigger` text NOT NULL,
	`params` text NOT NULL,
	`priority` text DEFAULT 'normal' NOT NULL,
	`queue_id` integer NOT NULL,
	`notify` integer DEFAULT true NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`category_ids` text NOT NULL,
	`applies_from` integer DEFAULT 0 NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`queue_id`) REFERENCES `case_queues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `escalations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`question_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`rule_id` integer,
	`trigger` text NOT NULL,
	`automatic` integer NOT NULL,
	`actor_id` integer,
	`priority` text NOT NULL,
	`queue_id` integer NOT NULL,
	`locale` text NOT NULL,
	`category_id` integer NOT NULL,
	`opened_case` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rule_id`) REFERENCES `escalation_rules`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `escalations_rule_once` ON `escalations` (`question_id`,`rule_id`) WHERE "escalations"."automatic" = 1;--> statement-breakpoint
CREATE INDEX `escalations_time_idx` ON `escalations` (`created_at`);--> statement-breakpoint
CREATE INDEX `escalations_question_idx` ON `escalations` (`question_id`);--> statement-breakpoint
CREATE TABLE `inbound_webhook_receipts` (
	`signature` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inbound_webhook_receipts_time_idx` ON `inbound_webhook_receipts` (`received_at`);--> statement-breakpoint
CREATE TABLE `macros` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`locale` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `macros_locale_idx` ON `macros` (`locale`,`title`);--> statement-breakpoint
CREATE TABLE `signing_keys` (
	`name` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sla_policies` (
	`priority` text PRIMARY KEY NOT NULL,
	`first_response_minutes` integer NOT NULL,
	`next_response_minutes` integer NOT NULL,
	`resolution_minutes` integer NOT NULL,
	`warn_share` real DEFAULT 0.8 NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "sla_policies_warn_check" CHECK("sla_policies"."warn_share" > 0 and "sla_policies"."warn_share" < 1)
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`webhook_id` integer NOT NULL,
	`event` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_status_code` integer,
	`last_error` text,
	`last_duration_ms` integer,
	`last_attempt_at` integer,
	`delivered_at` integer,
	`replay_of` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_hook_idx` ON `webhook_deliveries` (`webhook_id`,`id`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`secret` text NOT NULL,
	`events` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `scheduled_jobs` (
	`name` text PRIMARY KEY NOT NULL,
	`next_run_at` integer DEFAULT 0 NOT NULL,
	`last_started_at` integer,
	`last_finished_at` integer,
	`last_ok_at` integer,
	`last_error` text,
	`last_result` text,
	`runs` integer DEFAULT 0 NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`state` text
);
--> statement-breakpoint
CREATE TABLE `scheduler_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`acquired_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
-- Defaults every installation starts with: one calendar (Madrid office hours, Spanish national holidays of 2026),
-- a general queue that hands tier-2 escalations to a supervisors' queue, SLA targets per priority, and the two
-- manual escalation rules (the asker asks for a human; staff escalate). Admins change all of it in the app.
INSERT INTO `business_calendars` (`id`, `name`, `time_zone`, `weekly`, `holidays`, `created_at`, `updated_at`) VALUES
  (1, 'Madrid', 'Europe/Madrid',
   '{"1":[{"start":"09:00","end":"18:00"}],"2":[{"start":"09:00","end":"18:00"}],"3":[{"start":"09:00","end":"18:00"}],"4":[{"start":"09:00","end":"18:00"}],"5":[{"start":"09:00","end":"18:00"}]}',
   '["2026-01-01","2026-01-06","2026-04-03","2026-05-01","2026-08-15","2026-10-12","2026-12-08","2026-12-25"]', 0, 0);
--> statement-breakpoint
INSERT INTO `case_queues` (`id`, `slug`, `name_es`, `name_en`, `calendar_id`, `assignment`, `tier`, `escalation_queue_id`, `is_default`, `created_at`) VALUES
  (2, 'tier2', 'Nivel 2 y supervisión', 'Tier 2 and supervisors', 1, 'least_loaded', 2, NULL, 0, 0),
  (1, 'general', 'Soporte general', 'General support', 1, 'round_robin', 1, 2, 1, 0);
--> statement-breakpoint
INSERT INTO `sla_policies` (`priority`, `first_response_minutes`, `next_response_minutes`, `resolution_minutes`, `warn_share`, `updated_at`) VALUES
  ('urgent', 60, 120, 480, 0.75, 0),
  ('high', 240, 480, 1440, 0.8, 0),
  ('normal', 480, 960, 2880, 0.8, 0),
  ('low', 960, 1920, 4800, 0.8, 0);
--> statement-breakpoint
INSERT INTO `escalation_rules` (`name`, `trigger`, `params`, `priority`, `queue_id`, `notify`, `enabled`, `category_ids`, `applies_from`, `position`, `created_at`, `updated_at`) VALUES
  ('Ask for a human', 'asker_request', '{"hours":4}', 'normal', 1, 1, 1, '[]', 0, 1, 0, 0),
  ('Staff escalation', 'staff_escalation', '{}', 'high', 1, 1, 1, '[]', 0, 2, 0, 0);
--> statement-breakpoint
-- Contact requests become cases of the contact-form channel; their R-NNNNNN reference keeps working through
-- legacy_request_id. Open requests had no reply yet: they arrive as new cases.
INSERT INTO `cases` (`channel`, `status`, `priority`, `subject`, `body`, `locale`, `user_id`, `email`, `name`, `category_id`, `article_id`, `queue_id`, `tags`, `visitor_id`, `legacy_request_id`, `created_at`, `updated_at`, `status_changed_at`, `closed_at`, `close_reason`)
  SELECT 'contact_form', CASE `status` WHEN 'open' THEN 'new' ELSE 'closed' END, 'normal', `subject`, `body`, `locale`, `user_id`, `email`, `name`, `category_id`, `article_id`, 1, '[]', `visitor_id`, `id`, `created_at`, `created_at`, `created_at`,
         CASE `status` WHEN 'open' THEN NULL ELSE `created_at` END, CASE `status` WHEN 'open' THEN NULL ELSE 'staff' END
  FROM `contact_requests` ORDER BY `id`;
--> statement-breakpoint
INSERT INTO `case_events` (`case_id`, `type`, `actor_id`, `actor_kind`, `data`, `created_at`)
  SELECT `id`, 'created', `user_id`, 'customer', json_object('channel', 'contact_form', 'migratedFrom', printf('R-%06d', `legacy_request_id`)), `created_at`
  FROM `cases` WHERE `legacy_request_id` IS NOT NULL;
--> statement-breakpoint
UPDATE `events` SET `subject_type` = 'case', `subject_id` = (SELECT `id` FROM `cases` WHERE `legacy_request_id` = `events`.`subject_id`)
  WHERE `subject_type` = 'contact_request';
--> statement-breakpoint
-- The reports counted contact requests by their own watermark: the cases are counted again from the first one (the
-- next rollup run reads them all, under the metric cases_opened).
DELETE FROM `kpi_daily` WHERE `metric` = 'contact_requests';
--> statement-breakpoint
DELETE FROM `kpi_progress` WHERE `source` = 'contact_requests';
--> statement-breakpoint
DROP TABLE `contact_requests`;
