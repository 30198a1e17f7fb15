CREATE TABLE "device_keys" (
	"attempt_id" uuid PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"registered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "device_keys" ADD CONSTRAINT "device_keys_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Association-owned through its attempt, like every attempt child (see 0021).
ALTER TABLE "device_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "device_keys" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));
