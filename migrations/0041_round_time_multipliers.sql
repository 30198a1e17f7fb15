-- Time multipliers saved from a percentage before they were rounded (1.14 stored as
-- 1.1400000000000001) are rounded to the two decimals the form and the server now take, so a
-- coordinator saving such a candidate's accommodations is not refused for a field left alone.
-- Attempts keep the multiplier they started with: a part's clock is not rewritten.
UPDATE "candidate_profiles"
SET "time_multiplier" = round("time_multiplier"::numeric, 2)::double precision
WHERE "time_multiplier" <> round("time_multiplier"::numeric, 2)::double precision;
