CREATE TABLE `member_post_counts` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`questions` integer DEFAULT 0 NOT NULL,
	`answers` integer DEFAULT 0 NOT NULL,
	`accepted` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `answers` ADD `accepted` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `answers_author_accepted_idx` ON `answers` (`author_id`,`created_at`) WHERE "answers"."accepted" = 1;
--> statement-breakpoint
-- Hand-written (not generated): the triggers that keep answers.accepted and member_post_counts exact, and their first
-- fill. A question is public when not deleted and published; an answer when it is, and so is its question
-- (community/visibility.ts); accepted when an accepted_answers row names it. Each trigger adds the change its row
-- makes to those counts.
UPDATE `answers` SET `accepted` = 1 WHERE `id` IN (SELECT `answer_id` FROM `accepted_answers`);
--> statement-breakpoint
CREATE TRIGGER `questions_member_counts_insert` AFTER INSERT ON `questions`
WHEN NEW.deleted_at IS NULL AND NEW.status = 'published' BEGIN
  INSERT INTO `member_post_counts` (`user_id`, `questions`) VALUES (NEW.author_id, 1)
  ON CONFLICT (`user_id`) DO UPDATE SET `questions` = `questions` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `questions_member_counts_update` AFTER UPDATE OF `deleted_at`, `status`, `author_id` ON `questions`
WHEN OLD.deleted_at IS NOT NEW.deleted_at OR OLD.status IS NOT NEW.status OR OLD.author_id IS NOT NEW.author_id BEGIN
  UPDATE `member_post_counts` SET `questions` = `questions` - 1
  WHERE `user_id` = OLD.author_id AND OLD.deleted_at IS NULL AND OLD.status = 'published';
  INSERT INTO `member_post_counts` (`user_id`, `questions`) SELECT NEW.author_id, 1
  WHERE NEW.deleted_at IS NULL AND NEW.status = 'published'
  ON CONFLICT (`user_id`) DO UPDATE SET `questions` = `questions` + 1;
  -- The thread's public answers appear or disappear with it.
  INSERT INTO `member_post_counts` (`user_id`, `answers`, `accepted`)
  SELECT a.author_id, d.n * count(*), d.n * count(aa.answer_id)
  FROM (SELECT (NEW.deleted_at IS NULL AND NEW.status = 'published') - (OLD.deleted_at IS NULL AND OLD.status = 'published') AS n) d
  JOIN `answers` a ON a.question_id = NEW.id
  LEFT JOIN `accepted_answers` aa ON aa.answer_id = a.id
  WHERE d.n <> 0 AND a.deleted_at IS NULL AND a.status = 'published'
  GROUP BY a.author_id
  ON CONFLICT (`user_id`) DO UPDATE SET `answers` = `answers` + excluded.`answers`, `accepted` = `accepted` + excluded.`accepted`;
END;
--> statement-breakpoint
CREATE TRIGGER `questions_member_counts_delete` AFTER DELETE ON `questions`
WHEN OLD.deleted_at IS NULL AND OLD.status = 'published' BEGIN
  UPDATE `member_post_counts` SET `questions` = `questions` - 1 WHERE `user_id` = OLD.author_id;
  INSERT INTO `member_post_counts` (`user_id`, `answers`, `accepted`)
  SELECT a.author_id, -count(*), -count(aa.answer_id)
  FROM `answers` a LEFT JOIN `accepted_answers` aa ON aa.answer_id = a.id
  WHERE a.question_id = OLD.id AND a.deleted_at IS NULL AND a.status = 'published'
  GROUP BY a.author_id
  ON CONFLICT (`user_id`) DO UPDATE SET `answers` = `answers` + excluded.`answers`, `accepted` = `accepted` + excluded.`accepted`;
END;
--> statement-breakpoint
CREATE TRIGGER `answers_member_counts_insert` AFTER INSERT ON `answers`
WHEN NEW.deleted_at IS NULL AND NEW.status = 'published' BEGIN
  INSERT INTO `member_post_counts` (`user_id`, `answers`, `accepted`)
  SELECT NEW.author_id, 1, EXISTS (SELECT 1 FROM `accepted_answers` WHERE answer_id = NEW.id)
  FROM `questions` q WHERE q.id = NEW.question_id AND q.deleted_at IS NULL AND q.status = 'published'
  ON CONFLICT (`user_id`) DO UPDATE SET `answers` = `answers` + 1, `accepted` = `accepted` + excluded.`accepted`;
END;
--> statement-breakpoint
CREATE TRIGGER `answers_member_counts_update` AFTER UPDATE OF `deleted_at`, `status`, `author_id`, `question_id` ON `answers`
WHEN OLD.deleted_at IS NOT NEW.deleted_at OR OLD.status IS NOT NEW.status OR OLD.author_id IS NOT NEW.author_id OR OLD.question_id IS NOT NEW.question_id BEGIN
  UPDATE `member_post_counts` SET `answers` = `answers` - 1, `accepted` = `accepted` - EXISTS (SELECT 1 FROM `accepted_answers` WHERE answer_id = OLD.id)
  WHERE `user_id` = OLD.author_id AND OLD.deleted_at IS NULL AND OLD.status = 'published'
    AND EXISTS (SELECT 1 FROM `questions` q WHERE q.id = OLD.question_id AND q.deleted_at IS NULL AND q.status = 'published');
  INSERT INTO `member_post_counts` (`user_id`, `answers`, `accepted`)
  SELECT NEW.author_id, 1, EXISTS (SELECT 1 FROM `accepted_answers` WHERE answer_id = NEW.id)
  FROM `questions` q WHERE q.id = NEW.question_id AND q.deleted_at IS NULL AND q.status = 'published' AND NEW.deleted_at IS NULL AND NEW.status = 'published'
  ON CONFLICT (`user_id`) DO UPDATE SET `answers` = `answers` + 1, `accepted` = `accepted` + excluded.`accepted`;
END;
--> statement-breakpoint
CREATE TRIGGER `answers_member_counts_delete` AFTER DELETE ON `answers`
WHEN OLD.deleted_at IS NULL AND OLD.status = 'published' BEGIN
  UPDATE `member_post_counts` SET `answers` = `answers` - 1, `accepted` = `accepted` - EXISTS (SELECT 1 FROM `accepted_answers` WHERE answer_id = OLD.id)
  WHERE `user_id` = OLD.author_id
    AND EXISTS (SELECT 1 FROM `questions` q WHERE q.id = OLD.question_id AND q.deleted_at IS NULL AND q.status = 'published');
END;
--> statement-breakpoint
CREATE TRIGGER `accepted_answers_member_counts_insert` AFTER INSERT ON `accepted_answers` BEGIN
  UPDATE `answers` SET `accepted` = 1 WHERE `id` = NEW.answer_id;
  UPDATE `member_post_counts` SET `accepted` = `accepted` + 1
  WHERE `user_id` = (
    SELECT a.author_id FROM `answers` a JOIN `questions` q ON q.id = a.question_id
    WHERE a.id = NEW.answer_id AND a.deleted_at IS NULL AND a.status = 'published' AND q.deleted_at IS NULL AND q.status = 'published'
  );
END;
--> statement-breakpoint
CREATE TRIGGER `accepted_answers_member_counts_delete` AFTER DELETE ON `accepted_answers` BEGIN
  UPDATE `answers` SET `accepted` = 0 WHERE `id` = OLD.answer_id;
  UPDATE `member_post_counts` SET `accepted` = `accepted` - 1
  WHERE `user_id` = (
    SELECT a.author_id FROM `answers` a JOIN `questions` q ON q.id = a.question_id
    WHERE a.id = OLD.answer_id AND a.deleted_at IS NULL AND a.status = 'published' AND q.deleted_at IS NULL AND q.status = 'published'
  );
END;
--> statement-breakpoint
CREATE TRIGGER `accepted_answers_member_counts_update` AFTER UPDATE OF `answer_id` ON `accepted_answers`
WHEN OLD.answer_id IS NOT NEW.answer_id BEGIN
  UPDATE `answers` SET `accepted` = 0 WHERE `id` = OLD.answer_id;
  UPDATE `answers` SET `accepted` = 1 WHERE `id` = NEW.answer_id;
  UPDATE `member_post_counts` SET `accepted` = `accepted` - 1
  WHERE `user_id` = (
    SELECT a.author_id FROM `answers` a JOIN `questions` q ON q.id = a.question_id
    WHERE a.id = OLD.answer_id AND a.deleted_at IS NULL AND a.status = 'published' AND q.deleted_at IS NULL AND q.status = 'published'
  );
  UPDATE `member_post_counts` SET `accepted` = `accepted` + 1
  WHERE `user_id` = (
    SELECT a.author_id FROM `answers` a JOIN `questions` q ON q.id = a.question_id
    WHERE a.id = NEW.answer_id AND a.deleted_at IS NULL AND a.status = 'published' AND q.deleted_at IS NULL AND q.status = 'published'
  );
END;
--> statement-breakpoint
INSERT INTO `member_post_counts` (`user_id`, `questions`, `answers`, `accepted`)
SELECT `user_id`, sum(`questions`), sum(`answers`), sum(`accepted`) FROM (
  SELECT q.author_id AS `user_id`, 1 AS `questions`, 0 AS `answers`, 0 AS `accepted`
  FROM `questions` q WHERE q.deleted_at IS NULL AND q.status = 'published'
  UNION ALL
  SELECT a.author_id, 0, 1, aa.answer_id IS NOT NULL
  FROM `answers` a JOIN `questions` q ON q.id = a.question_id LEFT JOIN `accepted_answers` aa ON aa.answer_id = a.id
  WHERE a.deleted_at IS NULL AND a.status = 'published' AND q.deleted_at IS NULL AND q.status = 'published'
) GROUP BY `user_id`;
