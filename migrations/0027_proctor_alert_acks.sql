CREATE TABLE "proctor_alert_acks" (
	"sitting_id" uuid NOT NULL,
	"alert_id" text NOT NULL,
	"acknowledged_by" uuid NOT NULL,
	"acknowledged_at" timestamp with time zone NOT NULL,
	CONSTRAINT "proctor_alert_acks_sitting_id_alert_id_pk" PRIMARY KEY("sitting_id","alert_id")
);
--> statement-breakpoint
ALTER TABLE "proctor_alert_acks" ADD CONSTRAINT "proctor_alert_acks_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proctor_alert_acks" ADD CONSTRAINT "proctor_alert_acks_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Association-owned through its sitting (see 0025).
ALTER TABLE "proctor_alert_acks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "proctor_alert_acks" USING ("sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("sitting_id" IN (SELECT "id" FROM "sittings"));
