ALTER TABLE "sittings" ADD COLUMN "room_paused_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "sittings" ADD COLUMN "room_pause_incident_id" uuid;