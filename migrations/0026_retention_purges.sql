CREATE TABLE "retention_purges" (
	"sitting_id" uuid PRIMARY KEY NOT NULL,
	"confirmed_by" uuid NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"purged_at" timestamp with time zone,
	"purged" jsonb
);
--> statement-breakpoint
ALTER TABLE "retention_purges" ADD CONSTRAINT "retention_purges_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_purges" ADD CONSTRAINT "retention_purges_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written: a sitting's purge record belongs to the sitting's association (as 0025's tables).
ALTER TABLE "retention_purges" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "retention_purges" USING ("sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("sitting_id" IN (SELECT "id" FROM "sittings"));
