CREATE TABLE `answers` (
	`id` integer PRIMARY KEY NOT NULL,
	`pakn_id` integer NOT NULL,
	`outcome` text,
	`body` text DEFAULT '' NOT NULL,
	`drafted_by_user_id` integer,
	`approved_by_user_id` integer,
	`approved_at` integer,
	`return_comment` text,
	`updated_at` integer,
	FOREIGN KEY (`pakn_id`) REFERENCES `pakn`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `answers_pakn_id_unique` ON `answers` (`pakn_id`);--> statement-breakpoint
ALTER TABLE `pakn` ADD `handler_user_id` integer;--> statement-breakpoint
ALTER TABLE `pakn` ADD `answered_at` integer;