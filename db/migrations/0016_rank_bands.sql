CREATE TABLE `rank_bands` (
	`band` integer PRIMARY KEY NOT NULL,
	`members` integer NOT NULL
);
--> statement-breakpoint
-- Hand-written (not generated): the triggers that keep rank_bands exact, and its first fill. A member counts in the
-- band of their `all` score unless they are staff (agent or admin), as the leaderboards leave staff out.
CREATE TRIGGER `reputation_scores_rank_bands_insert` AFTER INSERT ON `reputation_scores`
WHEN NEW.scope = 'all' AND NOT EXISTS (SELECT 1 FROM `users` WHERE id = NEW.user_id AND role IN ('agent', 'admin')) BEGIN
  INSERT INTO `rank_bands` (`band`, `members`) VALUES (NEW.points >> 4, 1)
  ON CONFLICT (`band`) DO UPDATE SET `members` = `members` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `reputation_scores_rank_bands_update` AFTER UPDATE OF `scope`, `user_id`, `points` ON `reputation_scores`
WHEN (OLD.scope = 'all' OR NEW.scope = 'all') AND (OLD.points >> 4 <> NEW.points >> 4 OR OLD.scope <> NEW.scope OR OLD.user_id <> NEW.user_id) BEGIN
  UPDATE `rank_bands` SET `members` = `members` - 1
  WHERE `band` = OLD.points >> 4 AND OLD.scope = 'all' AND NOT EXISTS (SELECT 1 FROM `users` WHERE id = OLD.user_id AND role IN ('agent', 'admin'));
  INSERT INTO `rank_bands` (`band`, `members`) SELECT NEW.points >> 4, 1
  WHERE NEW.scope = 'all' AND NOT EXISTS (SELECT 1 FROM `users` WHERE id = NEW.user_id AND role IN ('agent', 'admin'))
  ON CONFLICT (`band`) DO UPDATE SET `members` = `members` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `reputation_scores_rank_bands_delete` AFTER DELETE ON `reputation_scores`
WHEN OLD.scope = 'all' AND NOT EXISTS (SELECT 1 FROM `users` WHERE id = OLD.user_id AND role IN ('agent', 'admin')) BEGIN
  UPDATE `rank_bands` SET `members` = `members` - 1 WHERE `band` = OLD.points >> 4;
END;
--> statement-breakpoint
CREATE TRIGGER `users_rank_bands_role` AFTER UPDATE OF `role` ON `users`
WHEN (OLD.role IN ('agent', 'admin')) <> (NEW.role IN ('agent', 'admin')) BEGIN
  INSERT INTO `rank_bands` (`band`, `members`)
  SELECT s.points >> 4, CASE WHEN NEW.role IN ('agent', 'admin') THEN -1 ELSE 1 END FROM `reputation_scores` s WHERE s.scope = 'all' AND s.user_id = NEW.id
  ON CONFLICT (`band`) DO UPDATE SET `members` = `members` + excluded.`members`;
END;
--> statement-breakpoint
INSERT INTO `rank_bands` (`band`, `members`)
SELECT s.points >> 4, count(*) FROM `reputation_scores` s
WHERE s.scope = 'all' AND s.user_id NOT IN (SELECT id FROM `users` WHERE role IN ('agent', 'admin'))
GROUP BY 1;
