CREATE INDEX `feedback_reconsider_idx` ON `feedback_ratings` (`pakn_id`) WHERE "feedback_ratings"."reconsideration_requested" = 1;--> statement-breakpoint
CREATE INDEX `pakn_access_token_idx` ON `pakn` (`access_token_hash`);--> statement-breakpoint
CREATE INDEX `pakn_pauses_pakn_idx` ON `pakn_pauses` (`pakn_id`);