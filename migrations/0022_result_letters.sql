CREATE TABLE "result_letters" (
	"identifier" text PRIMARY KEY NOT NULL,
	"attempt_id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"association_id" uuid NOT NULL,
	"candidate_name" text NOT NULL,
	"endorsement" text NOT NULL,
	"passed" boolean NOT NULL,
	"sitting_date" text NOT NULL,
	"association_name" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "result_letters_attempt_id_unique" UNIQUE("attempt_id")
);
--> statement-breakpoint
ALTER TABLE "result_letters" ADD CONSTRAINT "result_letters_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_letters" ADD CONSTRAINT "result_letters_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_letters" ADD CONSTRAINT "result_letters_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "result_letters_association_idx" ON "result_letters" USING btree ("association_id");--> statement-breakpoint
-- Row-level security as migration 0021 gives every association-owned table: an association's
-- people reach only letters on their own letterhead, of their own sittings.
ALTER TABLE "result_letters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "result_letters" USING ("association_id" = acting_association() AND "sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("association_id" = acting_association() AND "sitting_id" IN (SELECT "id" FROM "sittings"));
