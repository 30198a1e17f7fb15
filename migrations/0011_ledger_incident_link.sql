ALTER TABLE "clock_events" ADD COLUMN "incident_id" uuid;--> statement-breakpoint
CREATE INDEX "clock_events_incident_idx" ON "clock_events" USING btree ("incident_id");