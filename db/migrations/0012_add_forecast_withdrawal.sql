-- An editor may withdraw a forecast that was taken from a comment by mistake. The row stays (the
-- audit log and the claim page for editors say what it was and why it went), but it is never
-- scored, counted or listed as a forecast again. A withdrawal carries its reason and its editor.
ALTER TABLE forecasts ADD COLUMN withdrawn_at TEXT;
ALTER TABLE forecasts ADD COLUMN withdrawn_by INTEGER REFERENCES accounts(id);
ALTER TABLE forecasts ADD COLUMN withdraw_reason TEXT;
-- (ALTER TABLE cannot add a table CHECK: the one writer, withdrawForecast, sets all three together.)
-- The few withdrawn rows, indexed alone: the site's forecast count is all rows less these.
CREATE INDEX forecasts_withdrawn ON forecasts(withdrawn_at) WHERE withdrawn_at IS NOT NULL;
