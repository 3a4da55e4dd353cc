-- A claim page draws the crowd median over time from every forecast on the claim (views/charts):
-- the index that already orders a claim's forecasts now also carries who made each and the
-- probability, so that the 10,000-forecast claim is read from the index alone, never the table.
CREATE INDEX forecasts_claim_chart ON forecasts(claim_id, made_at, id, person_id, probability);
DROP INDEX forecasts_claim_made;
