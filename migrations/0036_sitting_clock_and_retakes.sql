CREATE TABLE "retake_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"association_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"part" smallint NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"eligibility" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decline_reason" text,
	"enrolment_id" uuid
);
--> statement-breakpoint
ALTER TABLE "associations" ADD COLUMN "check_in_opens_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "associations" ADD COLUMN "late_cutoff_minutes" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "associations" ADD COLUMN "retake_validity_months" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "associations" ADD COLUMN "retake_wait_days" integer DEFAULT 365 NOT NULL;--> statement-breakpoint
ALTER TABLE "associations" ADD COLUMN "retake_max_attempts" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "associations" ADD COLUMN "retake_request_days" integer DEFAULT 56 NOT NULL;--> statement-breakpoint
ALTER TABLE "sittings" ADD COLUMN "clock_held_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "retake_requests" ADD CONSTRAINT "retake_requests_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retake_requests" ADD CONSTRAINT "retake_requests_candidate_id_users_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retake_requests" ADD CONSTRAINT "retake_requests_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retake_requests" ADD CONSTRAINT "retake_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retake_requests" ADD CONSTRAINT "retake_requests_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retake_requests_association_idx" ON "retake_requests" USING btree ("association_id");--> statement-breakpoint
CREATE UNIQUE INDEX "retake_requests_one_live" ON "retake_requests" USING btree ("candidate_id","sitting_id","part") WHERE "retake_requests"."status" IN ('requested', 'approved');--> statement-breakpoint
-- Row-level security: a retake request belongs to the association, and its sitting to the same one.
ALTER TABLE "retake_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "retake_requests" USING ("association_id" = acting_association() AND "sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("association_id" = acting_association() AND "sitting_id" IN (SELECT "id" FROM "sittings"));
