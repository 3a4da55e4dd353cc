-- A person's current (latest, not withdrawn) forecast on a claim, for the claim page's "Your current
-- forecast" and for marking earlier forecasts as replaced: one index seek per (claim, person) on any
-- page. withdrawn_at is a key too, or the planner walks a big claim's forecasts to find one person's.
CREATE INDEX forecasts_claim_person_made ON forecasts(claim_id, person_id, withdrawn_at, made_at, id);
