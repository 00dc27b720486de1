CREATE TABLE `saved_queue_filters` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`query` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `saved_queue_filters_user_name_idx` ON `saved_queue_filters` (`user_id`,`name`);--> statement-breakpoint
ALTER TABLE `pakn` ADD `publish_due` text;--> statement-breakpoint
ALTER TABLE `pakn` ADD `info_due` text;--> statement-breakpoint
ALTER TABLE `pakn` ADD `step_due` text GENERATED ALWAYS AS ((CASE WHEN status = 'received' THEN classify_due WHEN status = 'awaiting_info' THEN info_due WHEN status = 'answered' THEN (CASE WHEN publication = 'none' THEN publish_due END) WHEN status IN ('assigned', 'in_progress', 'drafted', 'awaiting_approval', 'returned', 'keep_studying') THEN answer_due END)) VIRTUAL;--> statement-breakpoint
CREATE INDEX `pakn_step_due_idx` ON `pakn` (`step_due`);--> statement-breakpoint
CREATE INDEX `pakn_unit_step_due_idx` ON `pakn` (`unit_id`,`step_due`);--> statement-breakpoint
CREATE INDEX `pakn_handler_due_idx` ON `pakn` (`handler_user_id`,`answer_due`);--> statement-breakpoint
-- Backfill of the new dates for the rows that need them. SQL cannot read the working-day calendar, so these are
-- first approximations: the information wait in calendar days from the open request (the rule's unit by
-- default), and publication 2 working days after the answer skipping weekends only. The next change of the
-- calendar or of a deadline rule recomputes both exactly (app/models/deadlines.server.ts).
UPDATE `pakn` SET `info_due` = (
  SELECT date(max(pp.`from_date`), '+' || coalesce((SELECT `days` FROM `deadline_rules` WHERE `key` = 'infoWait'), 15) || ' days')
  FROM `pakn_pauses` pp WHERE pp.`pakn_id` = `pakn`.`id` AND pp.`to_date` IS NULL
) WHERE `status` = 'awaiting_info';--> statement-breakpoint
UPDATE `pakn` SET `publish_due` = date(`answered_at` / 1000 + 25200, 'unixepoch',
  CASE strftime('%w', `answered_at` / 1000 + 25200, 'unixepoch') WHEN '4' THEN '+4 days' WHEN '5' THEN '+4 days' WHEN '6' THEN '+3 days' ELSE '+2 days' END
) WHERE `answered_at` IS NOT NULL;
