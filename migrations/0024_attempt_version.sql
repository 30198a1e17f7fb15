CREATE TABLE "instance_heartbeats" (
	"instance_id" text PRIMARY KEY NOT NULL,
	"beat_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leader_epochs" (
	"name" text PRIMARY KEY NOT NULL,
	"epoch" bigint NOT NULL,
	"holder" text NOT NULL,
	"lease_until" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attempt_parts" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Hand-written: attempt_parts.version moves whenever anything that decides a save moves (a clock
-- event of any kind, the deadline, a pause, the start or the closing), whoever wrote it, so an
-- instance holding an older copy can tell it is stale in the very statement that stores a save.
CREATE FUNCTION attempt_parts_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER attempt_parts_version BEFORE UPDATE ON attempt_parts FOR EACH ROW
  WHEN (OLD.deadline_at IS DISTINCT FROM NEW.deadline_at OR OLD.paused IS DISTINCT FROM NEW.paused
    OR OLD.started_at IS DISTINCT FROM NEW.started_at OR OLD.closed_at IS DISTINCT FROM NEW.closed_at
    OR OLD.time_multiplier IS DISTINCT FROM NEW.time_multiplier
    OR OLD.extra_minutes IS DISTINCT FROM NEW.extra_minutes)
  EXECUTE FUNCTION attempt_parts_bump_version();
--> statement-breakpoint
CREATE FUNCTION clock_events_bump_part_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE attempt_parts SET version = version + 1
  WHERE attempt_id = NEW.attempt_id AND part = NEW.part;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER clock_events_part_version AFTER INSERT ON clock_events FOR EACH ROW
  EXECUTE FUNCTION clock_events_bump_part_version();
