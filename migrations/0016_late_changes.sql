CREATE TABLE "late_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attempt_id" uuid NOT NULL,
	"part" smallint NOT NULL,
	"kind" text NOT NULL,
	"position" smallint NOT NULL,
	"seq" bigint NOT NULL,
	"payload" jsonb NOT NULL,
	"arrived_at" timestamp (3) with time zone NOT NULL,
	"client_claimed_at" timestamp (3) with time zone,
	"last_contact_at" timestamp (3) with time zone,
	"status" text DEFAULT 'held' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"reason" text,
	CONSTRAINT "late_changes_change_key" UNIQUE("attempt_id","kind","position","seq")
);
--> statement-breakpoint
ALTER TABLE "late_changes" ADD CONSTRAINT "late_changes_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "late_changes" ADD CONSTRAINT "late_changes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "late_changes_attempt_idx" ON "late_changes" USING btree ("attempt_id","status");