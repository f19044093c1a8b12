CREATE TABLE `case_counters` (
	`key` text PRIMARY KEY NOT NULL,
	`n` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `users_role_idx` ON `users` (`role`);--> statement-breakpoint
-- Hand-written (not generated): the triggers that keep case_counters exact, and its first fill.
CREATE TRIGGER `cases_counters_insert` AFTER INSERT ON `cases` BEGIN
  INSERT INTO `case_counters` (`key`, `n`)
  SELECT `key`, 1 FROM (
    SELECT 'all' AS `key`
    UNION ALL SELECT 'status:' || NEW.status
    UNION ALL SELECT CASE WHEN NEW.status IN ('new','open','pending_customer','on_hold') THEN 'open' END
    UNION ALL SELECT CASE WHEN NEW.status IN ('new','open','pending_customer','on_hold') THEN 'open_priority:' || NEW.priority END
    UNION ALL SELECT CASE WHEN NEW.status IN ('new','open','pending_customer','on_hold') THEN 'open_queue:' || NEW.queue_id END
    UNION ALL SELECT CASE WHEN NEW.status IN ('new','open','pending_customer','on_hold') THEN coalesce('open_assignee:' || NEW.assignee_id, 'open_unassigned') END
  ) WHERE `key` IS NOT NULL
  ON CONFLICT (`key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `cases_counters_delete` AFTER DELETE ON `cases` BEGIN
  UPDATE `case_counters` SET `n` = `n` - 1 WHERE `key` IN (
    'all',
    'status:' || OLD.status,
    CASE WHEN OLD.status IN ('new','open','pending_customer','on_hold') THEN 'open' END,
    CASE WHEN OLD.status IN ('new','open','pending_customer','on_hold') THEN 'open_priority:' || OLD.priority END,
    CASE WHEN OLD.status IN ('new','open','pending_customer','on_hold') THEN 'open_queue:' || OLD.queue_id END,
    CASE WHEN OLD.status IN ('new','open','pending_customer','on_hold') THEN coalesce('open_assignee:' || OLD.assignee_id, 'open_unassigned') END
  );
END;
--> statement-breakpoint
CREATE TRIGGER `cases_counters_update` AFTER UPDATE OF `status`, `priority`, `queue_id`, `assignee_id` ON `cases`
WHEN OLD.status IS NOT NEW.status OR OLD.priority IS NOT NEW.priority OR OLD.queue_id IS NOT NEW.queue_id OR OLD.assignee_id IS NOT NEW.assignee_id
BEGIN
  UPDATE `case_counters` SET `n` = `n` - 1 WHERE `key` IN (
    'status:' || OLD.status,
    CASE WHEN OLD.status IN ('new','open','pending_customer','on_hold') THEN 'open' END,
    CASE WHEN OLD.status IN ('new','open','pending_customer','on_hold') THEN 'open_priority:' || OLD.priority END,
    CASE WHEN OLD.status IN ('new','open','pending_customer','on_hold') THEN 'open_queue:' || OLD.queue_id END,
    CASE WHEN OLD.status IN ('new','open','pending_customer','on_hold') THEN coalesce('open_assignee:' || OLD.assignee_id, 'open_unassigned') END
  );
  INSERT INTO `case_counters` (`key`, `n`)
  SELECT `key`, 1 FROM (
    SELECT 'status:' || NEW.status AS `key`
    UNION ALL SELECT CASE WHEN NEW.status IN ('new','open','pending_customer','on_hold') THEN 'open' END
    UNION ALL SELECT CASE WHEN NEW.status IN ('new','open','pending_customer','on_hold') THEN 'open_priority:' || NEW.priority END
    UNION ALL SELECT CASE WHEN NEW.status IN ('new','open','pending_customer','on_hold') THEN 'open_queue:' || NEW.queue_id END
    UNION ALL SELECT CASE WHEN NEW.status IN ('new','open','pending_customer','on_hold') THEN coalesce('open_assignee:' || NEW.assignee_id, 'open_unassigned') END
  ) WHERE `key` IS NOT NULL
  ON CONFLICT (`key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
INSERT INTO `case_counters` (`key`, `n`)
SELECT `key`, count(*) FROM (
  SELECT 'all' AS `key` FROM `cases`
  UNION ALL SELECT 'status:' || status FROM `cases`
  UNION ALL SELECT 'open' FROM `cases` WHERE status IN ('new','open','pending_customer','on_hold')
  UNION ALL SELECT 'open_priority:' || priority FROM `cases` WHERE status IN ('new','open','pending_customer','on_hold')
  UNION ALL SELECT 'open_queue:' || queue_id FROM `cases` WHERE status IN ('new','open','pending_customer','on_hold')
  UNION ALL SELECT coalesce('open_assignee:' || assignee_id, 'open_unassigned') FROM `cases` WHERE status IN ('new','open','pending_customer','on_hold')
) WHERE true GROUP BY `key`;
