CREATE TABLE `pakn_groups` (
	`id` integer PRIMARY KEY NOT NULL,
	`lead_pakn_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`answered_at` integer,
	`answered_count` integer,
	`dissolved_at` integer,
	FOREIGN KEY (`lead_pakn_id`) REFERENCES `pakn`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pakn_groups_answered_idx` ON `pakn_groups` (`answered_at`);--> statement-breakpoint
ALTER TABLE `pakn` ADD `group_id` integer;--> statement-breakpoint
CREATE INDEX `pakn_group_idx` ON `pakn` (`group_id`);