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
ALTER TABLE "grading_annotations" ADD CONSTRAINT "grading_annotations_assignment_id_grading_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."grading_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grading_annotations_assignment_idx" ON "grading_annotations" USING btree ("assignment_id");--> statement-breakpoint
-- Row-level security: an annotation belongs to a reading, the reading to its item, the item to its sitting.
ALTER TABLE "grading_annotations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "grading_annotations" USING ("assignment_id" IN (SELECT "id" FROM "grading_assignments")) WITH CHECK ("assignment_id" IN (SELECT "id" FROM "grading_assignments"));
