CREATE TABLE "feedback_approvals" (
	"attempt_id" uuid PRIMARY KEY NOT NULL,
	"sitting_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_edits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sitting_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"criterion_id" text NOT NULL,
	"original" text NOT NULL,
	"text" text NOT NULL,
	"edited_by" uuid,
	"edited_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "feedback_edits_reading_criterion" UNIQUE("assignment_id","criterion_id")
);
--> statement-breakpoint
ALTER TABLE "feedback_approvals" ADD CONSTRAINT "feedback_approvals_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_approvals" ADD CONSTRAINT "feedback_approvals_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_approvals" ADD CONSTRAINT "feedback_approvals_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_edits" ADD CONSTRAINT "feedback_edits_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_edits" ADD CONSTRAINT "feedback_edits_item_id_grading_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."grading_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_edits" ADD CONSTRAINT "feedback_edits_assignment_id_grading_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."grading_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_edits" ADD CONSTRAINT "feedback_edits_edited_by_users_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_approvals_sitting_idx" ON "feedback_approvals" USING btree ("sitting_id");--> statement-breakpoint
CREATE INDEX "feedback_edits_sitting_idx" ON "feedback_edits" USING btree ("sitting_id");