-- A person's forecasts are read and counted without the withdrawn ones (migration 0012): with
-- withdrawn_at as a key of the person index, the page and its count stay index reads, as on a claim.
DROP INDEX forecasts_person_made;
CREATE INDEX forecasts_person_made ON forecasts(person_id, withdrawn_at, made_at, id);
