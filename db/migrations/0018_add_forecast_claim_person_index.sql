-- A person's current (latest) forecast on a claim, for the claim page's "Your current forecast" and
-- for marking earlier forecasts as replaced: one index seek per (claim, person) on any page.
CREATE INDEX forecasts_claim_person_made ON forecasts(claim_id, person_id, made_at, id);
