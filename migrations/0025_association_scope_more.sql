-- Row-level security on the association-owned tables 0021 left out: key corrections and
-- analysis runs of a sitting (a pooled run, sitting_id null, is the programme's), and the
-- readings of a grading item (through the item, itself through its sitting).
ALTER TABLE "scoring_corrections" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "scoring_corrections" USING ("sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("sitting_id" IN (SELECT "id" FROM "sittings"));--> statement-breakpoint
ALTER TABLE "analysis_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "analysis_runs" USING ("sitting_id" IS NULL OR "sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("sitting_id" IS NULL OR "sitting_id" IN (SELECT "id" FROM "sittings"));--> statement-breakpoint
ALTER TABLE "grading_assignments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "grading_assignments" USING ("item_id" IN (SELECT "id" FROM "grading_items")) WITH CHECK ("item_id" IN (SELECT "id" FROM "grading_items"));
