CREATE TABLE `member_list_versions` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `member_page_lists` (
	`user_id` integer NOT NULL,
	`locale` text NOT NULL,
	`version` integer NOT NULL,
	`fingerprint` text NOT NULL,
	`gold` integer NOT NULL,
	`silver` integer NOT NULL,
	`bronze` integer NOT NULL,
	`badges` text NOT NULL,
	`questions` text NOT NULL,
	`accepted` text NOT NULL,
	`answers` text NOT NULL,
	PRIMARY KEY(`user_id`, `locale`)
);
--> statement-breakpoint
-- Hand-written (not generated): the triggers that bump a member's list version in the transaction of every change to
-- what their page lists (components/reputation/member-lists.ts): their questions as the question list shows them
-- (title, link, excerpt, score, answers, solved, pinned, closed, tags, their own name), their answers and accepted
-- answers with their threads' titles, links and visibility, and their badges with the rules' names and tiers.
CREATE TRIGGER `questions_member_lists_insert` AFTER INSERT ON `questions` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) VALUES (NEW.author_id, 1) ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `questions_member_lists_update` AFTER UPDATE OF `title`, `slug`, `locale`, `body_text`, `score`, `answer_count`, `pinned_at`, `closed_at`, `created_at`, `author_id`, `status`, `deleted_at` ON `questions`
WHEN OLD.`title` IS NOT NEW.`title` OR OLD.`slug` IS NOT NEW.`slug` OR OLD.`locale` IS NOT NEW.`locale` OR OLD.`body_text` IS NOT NEW.`body_text` OR OLD.`score` IS NOT NEW.`score` OR OLD.`answer_count` IS NOT NEW.`answer_count` OR OLD.`pinned_at` IS NOT NEW.`pinned_at` OR OLD.`closed_at` IS NOT NEW.`closed_at` OR OLD.`created_at` IS NOT NEW.`created_at` OR OLD.`author_id` IS NOT NEW.`author_id` OR OLD.`status` IS NOT NEW.`status` OR OLD.`deleted_at` IS NOT NEW.`deleted_at` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) VALUES (NEW.author_id, 1) ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `member_list_versions` (`user_id`, `version`) SELECT OLD.author_id, 1 WHERE OLD.author_id IS NOT NEW.author_id ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
  -- Their answers list the thread's title and link, and only while it is public.
  INSERT INTO `member_list_versions` (`user_id`, `version`) SELECT DISTINCT `author_id`, 1 FROM `answers` WHERE `question_id` = NEW.id AND (OLD.`title` IS NOT NEW.`title` OR OLD.`slug` IS NOT NEW.`slug` OR OLD.`locale` IS NOT NEW.`locale` OR OLD.`status` IS NOT NEW.`status` OR OLD.`deleted_at` IS NOT NEW.`deleted_at`) ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `questions_member_lists_delete` AFTER DELETE ON `questions` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) VALUES (OLD.author_id, 1) ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `member_list_versions` (`user_id`, `version`) SELECT DISTINCT `author_id`, 1 FROM `answers` WHERE `question_id` = OLD.id ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `answers_member_lists_insert` AFTER INSERT ON `answers` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) VALUES (NEW.author_id, 1) ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `answers_member_lists_update` AFTER UPDATE OF `score`, `accepted`, `created_at`, `status`, `deleted_at`, `question_id`, `author_id` ON `answers`
WHEN OLD.`score` IS NOT NEW.`score` OR OLD.`accepted` IS NOT NEW.`accepted` OR OLD.`created_at` IS NOT NEW.`created_at` OR OLD.`status` IS NOT NEW.`status` OR OLD.`deleted_at` IS NOT NEW.`deleted_at` OR OLD.`question_id` IS NOT NEW.`question_id` OR OLD.`author_id` IS NOT NEW.`author_id` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) VALUES (NEW.author_id, 1) ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `member_list_versions` (`user_id`, `version`) SELECT OLD.author_id, 1 WHERE OLD.author_id IS NOT NEW.author_id ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `answers_member_lists_delete` AFTER DELETE ON `answers` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) VALUES (OLD.author_id, 1) ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `accepted_answers_member_lists_insert` AFTER INSERT ON `accepted_answers` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) SELECT `author_id`, 1 FROM `questions` WHERE `id` = NEW.question_id ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `accepted_answers_member_lists_update` AFTER UPDATE ON `accepted_answers` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) SELECT `author_id`, 1 FROM `questions` WHERE `id` = NEW.question_id ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `member_list_versions` (`user_id`, `version`) SELECT `author_id`, 1 FROM `questions` WHERE `id` = OLD.question_id ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `accepted_answers_member_lists_delete` AFTER DELETE ON `accepted_answers` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) SELECT `author_id`, 1 FROM `questions` WHERE `id` = OLD.question_id ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `question_tags_member_lists_insert` AFTER INSERT ON `question_tags` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) SELECT `author_id`, 1 FROM `questions` WHERE `id` = NEW.question_id ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `question_tags_member_lists_update` AFTER UPDATE ON `question_tags` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) SELECT `author_id`, 1 FROM `questions` WHERE `id` = NEW.question_id ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `member_list_versions` (`user_id`, `version`) SELECT `author_id`, 1 FROM `questions` WHERE `id` = OLD.question_id ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `question_tags_member_lists_delete` AFTER DELETE ON `question_tags` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) SELECT `author_id`, 1 FROM `questions` WHERE `id` = OLD.question_id ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tags_member_lists_update` AFTER UPDATE OF `name` ON `tags`
WHEN OLD.`name` IS NOT NEW.`name` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) SELECT DISTINCT q.`author_id`, 1 FROM `question_tags` qt JOIN `questions` q ON q.`id` = qt.`question_id` WHERE qt.`tag_id` = NEW.id ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `users_member_lists_name` AFTER UPDATE OF `display_name` ON `users`
WHEN OLD.`display_name` IS NOT NEW.`display_name` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) VALUES (NEW.id, 1) ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `member_badges_member_lists_insert` AFTER INSERT ON `member_badges` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) VALUES (NEW.user_id, 1) ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `member_badges_member_lists_update` AFTER UPDATE ON `member_badges` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) VALUES (NEW.user_id, 1) ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `member_list_versions` (`user_id`, `version`) SELECT OLD.user_id, 1 WHERE OLD.user_id IS NOT NEW.user_id ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `member_badges_member_lists_delete` AFTER DELETE ON `member_badges` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) VALUES (OLD.user_id, 1) ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `badge_rules_member_lists_update` AFTER UPDATE ON `badge_rules` BEGIN
  INSERT INTO `member_list_versions` (`user_id`, `version`) SELECT DISTINCT `user_id`, 1 FROM `member_badges` WHERE `rule_id` = NEW.id ON CONFLICT (`user_id`) DO UPDATE SET `version` = `version` + 1;
END;
