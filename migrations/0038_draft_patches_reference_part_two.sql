ALTER TABLE "draft_patches" DROP CONSTRAINT "draft_patches_attempt_id_attempts_id_fk";
--> statement-breakpoint
ALTER TABLE "draft_patches" ADD COLUMN "part" smallint DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "draft_patches" ADD CONSTRAINT "draft_patches_attempt_part_fk" FOREIGN KEY ("attempt_id","part") REFERENCES "public"."attempt_parts"("attempt_id","part") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_patches" ADD CONSTRAINT "draft_patches_part_two_check" CHECK ("draft_patches"."part" = 2);