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
CREATE INDEX `pakn_handler_due_idx` ON `pakn` (`handler_user_id`,`answer_due`);