CREATE TABLE "grading_annotations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"quote" text NOT NULL,
	"comment" text NOT NULL,
	"include_in_feedback" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal_settings" (
	"association_id" uuid PRIMARY KEY NOT NULL,
	"window_days" integer DEFAULT 30 NOT NULL,
	"triage_days" integer DEFAULT 10 NOT NULL,
	"review_days" integer DEFAULT 21 NOT NULL,
	"decision_days" integer DEFAULT 10 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"association_id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"attempt_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"parts" text[] NOT NULL,
	"grounds" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"status_since" timestamp with time zone NOT NULL,
	"decline_reason" text,
	"part_one_check" jsonb,
	"outcome" text,
	"reply" text,
	"previous_result" jsonb,
	"revised_result" jsonb,
	"requested_at" timestamp with time zone NOT NULL,
	"triaged_at" timestamp with time zone,
	"triaged_by" uuid,
	"decided_at" timestamp with time zone,
	"decided_by" uuid
);
--> statement-breakpoint
ALTER TABLE "grading_annotations" ADD CONSTRAINT "grading_annotations_assignment_id_grading_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."grading_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_settings" ADD CONSTRAINT "appeal_settings_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_settings" ADD CONSTRAINT "appeal_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_candidate_id_users_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_triaged_by_users_id_fk" FOREIGN KEY ("triaged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grading_annotations_assignment_idx" ON "grading_annotations" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "appeals_sitting_idx" ON "appeals" USING btree ("sitting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appeals_one_open" ON "appeals" USING btree ("attempt_id") WHERE "appeals"."status" IN ('requested', 'accepted');--> statement-breakpoint
-- Row-level security: an annotation belongs to a reading, the reading to its item, the item to its sitting.
ALTER TABLE "grading_annotations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "grading_annotations" USING ("assignment_id" IN (SELECT "id" FROM "grading_assignments")) WITH CHECK ("assignment_id" IN (SELECT "id" FROM "grading_assignments"));
--> statement-breakpoint
-- Row-level security: an appeal and an association's appeal rules belong to the association.
ALTER TABLE "appeals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "appeals" USING ("association_id" = acting_association() AND "sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("association_id" = acting_association() AND "sitting_id" IN (SELECT "id" FROM "sittings"));--> statement-breakpoint
ALTER TABLE "appeal_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "appeal_settings" USING ("association_id" = acting_association()) WITH CHECK ("association_id" = acting_association());
