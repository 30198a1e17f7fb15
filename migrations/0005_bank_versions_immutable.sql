-- A published item version is immutable: forms pin versions, so what a candidate sees must stay
-- exactly what was reviewed. Drafts (published_at IS NULL) may still be edited, published or removed.
CREATE OR REPLACE FUNCTION bank_item_versions_refuse_published_change() RETURNS trigger AS $$
BEGIN
  IF OLD.published_at IS NOT NULL THEN
    RAISE EXCEPTION 'bank_item_versions: version % of item % is published and immutable', OLD.version, OLD.item_id;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER bank_item_versions_immutable BEFORE UPDATE OR DELETE ON bank_item_versions
  FOR EACH ROW EXECUTE FUNCTION bank_item_versions_refuse_published_change();
