-- A response is pinned to its rubric version once its first reading is given out, and every stored
-- reading records the version its scores were made with, which must be the response's.
ALTER TABLE "grading_items" ADD CONSTRAINT "grading_items_id_rubric" UNIQUE("id","rubric_id");--> statement-breakpoint
ALTER TABLE "grading_assignments" ADD COLUMN "rubric_id" uuid;--> statement-breakpoint
-- Until now a response moved to a newer version only while none of its readings had a saved
-- score, so every saved score so far was made with the version its response has now.
UPDATE "grading_assignments" AS a
SET "rubric_id" = i."rubric_id"
FROM "grading_items" AS i
WHERE i."id" = a."item_id" AND a."status" <> 'assigned';--> statement-breakpoint
ALTER TABLE "grading_assignments" ADD CONSTRAINT "grading_assignments_scored_with_pinned_rubric" FOREIGN KEY ("item_id","rubric_id") REFERENCES "public"."grading_items"("id","rubric_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_assignments" ADD CONSTRAINT "grading_assignments_scores_name_rubric" CHECK ("grading_assignments"."status" = 'assigned' OR "grading_assignments"."rubric_id" IS NOT NULL);--> statement-breakpoint
-- A version already given out with a response is locked from then on, as new ones now are.
UPDATE "rubrics" AS r
SET "scoring_started_at" = given."first_at"
FROM (
  SELECT i."rubric_id", min(a."assigned_at") AS "first_at"
  FROM "grading_items" AS i
  JOIN "grading_assignments" AS a ON a."item_id" = i."id"
  GROUP BY i."rubric_id"
) AS given
WHERE r."id" = given."rubric_id" AND r."scoring_started_at" IS NULL;
