-- A claim's forecasts (oldest first) and a person's (newest first) are read a page at a time:
-- these orders come straight from the index instead of a sort of every forecast on each request.
CREATE INDEX forecasts_claim_made ON forecasts(claim_id, made_at, id);
CREATE INDEX forecasts_person_made ON forecasts(person_id, made_at, id);
DROP INDEX forecasts_claim;
DROP INDEX forecasts_person;
