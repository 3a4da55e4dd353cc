-- Two things the charts read (issue 10).

-- A claim page draws the crowd median over time from every forecast on the claim (views/charts):
-- the index that already orders a claim's forecasts now also carries who made each and the
-- probability, so that the 10,000-forecast claim is read from the index alone, never the table.
-- Every read of a claim's forecasts skips withdrawn ones (migration 0012): withdrawn_at IS NULL is
-- the second key, so that it is matched in the index too.
CREATE INDEX forecasts_claim_chart ON forecasts(claim_id, withdrawn_at, made_at, id, person_id, probability);
DROP INDEX forecasts_claim_made;

-- Calibration for the whole site and per tag (views/calibration): a million counted forecasts cannot
-- be bucketed on each request (2–4 s), so each scored claim keeps its forecasts' counts per bucket,
-- written beside forecast_scores by server/services/stored-scores.ts and rebuilt with them.
CREATE TABLE claim_calibration (
  claim_id        INTEGER NOT NULL REFERENCES claims(id),
  -- 0–9: bucketIndex() in server/domain/scoring.ts, [0, 0.1) … [0.9, 1.0].
  bucket          INTEGER NOT NULL CHECK (bucket BETWEEN 0 AND 9),
  count           INTEGER NOT NULL CHECK (count >= 1),
  yes             INTEGER NOT NULL CHECK (yes BETWEEN 0 AND count),
  sum_probability REAL NOT NULL,
  PRIMARY KEY (claim_id, bucket)
) WITHOUT ROWID;

-- The rows of the scores stored so far. Keep the bucket in sync with bucketIndex(): p itself decides,
-- the 1e-9 only absorbs float error in p·10 (SQLite's doubles are JavaScript's).
INSERT INTO claim_calibration (claim_id, bucket, count, yes, sum_probability)
  SELECT claim_id, min(9, CAST(probability * 10 + 1e-9 AS INTEGER)) AS bucket, count(*), sum(outcome), sum(probability)
  FROM forecast_scores GROUP BY claim_id, bucket;
