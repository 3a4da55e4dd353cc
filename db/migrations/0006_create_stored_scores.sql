-- Stored scores (issue 8, docs/decisions/0003): what the pure scoring module computes, kept in
-- tables so that a leaderboard page is one indexed read instead of a rescoring of every claim.
-- All three tables are derived data: `npm run rescore` rebuilds them from forecasts and resolutions,
-- and server/services/stored-scores.ts keeps them current inside each write's transaction.

-- One row per counted forecast (the person's latest forecast strictly before known-at) of a
-- claim whose current resolution is YES or NO. Annulled and unresolved claims have no rows.
CREATE TABLE forecast_scores (
  forecast_id INTEGER PRIMARY KEY REFERENCES forecasts(id),
  claim_id    INTEGER NOT NULL REFERENCES claims(id),
  person_id   INTEGER NOT NULL REFERENCES people(id),
  -- Copied from the forecast, so that source and publisher boards need no join back to forecasts.
  source_id   INTEGER REFERENCES sources(id),
  probability REAL NOT NULL,
  made_at     TEXT NOT NULL,
  known_at    TEXT NOT NULL,
  outcome     INTEGER NOT NULL CHECK (outcome IN (0, 1)),
  brier       REAL NOT NULL,
  log_score   REAL NOT NULL,
  hit         REAL NOT NULL CHECK (hit IN (0, 0.5, 1)),
  -- NULL when the claim had a lone counted forecaster: no one to be compared with.
  peer_score  REAL,
  lead_ms     INTEGER NOT NULL
);
-- Each index that a board or a re-sum reads carries the four scores it sums, so that summing a
-- tag's or a period's 300,000 rows reads the index alone, never the table (5× faster at 1M).
CREATE INDEX forecast_scores_person ON forecast_scores(person_id, known_at, brier, log_score, hit, peer_score);
CREATE INDEX forecast_scores_claim ON forecast_scores(claim_id, person_id, brier, log_score, hit, peer_score);
-- The period filter of the board is a range of known-at.
CREATE INDEX forecast_scores_known_at ON forecast_scores(known_at, person_id, brier, log_score, hit, peer_score);
CREATE INDEX forecast_scores_source ON forecast_scores(source_id, person_id, brier, log_score, hit, peer_score);

-- Per-person sums over forecast_scores; means are sum / count, so that a change to one claim
-- updates a person by re-summing their rows, never by adding deltas that drift.
CREATE TABLE person_scores (
  person_id      INTEGER PRIMARY KEY REFERENCES people(id),
  -- Copied from people (and kept by the trigger below) so that the board order has one index.
  handle         TEXT NOT NULL COLLATE NOCASE,
  resolved       INTEGER NOT NULL CHECK (resolved >= 1),
  sum_brier      REAL NOT NULL,
  sum_log        REAL NOT NULL,
  sum_hit        REAL NOT NULL,
  sum_peer       REAL NOT NULL,
  peer_count     INTEGER NOT NULL CHECK (peer_count >= 0),
  -- (Σb + k·0.25) / (resolved + k), written with k = ADJUSTMENT_K from server/domain/scoring.ts.
  adjusted_brier REAL NOT NULL
);
-- The default board order (DESIGN.md): adjusted Brier ascending, then resolved descending, then handle.
CREATE INDEX person_scores_board ON person_scores(adjusted_brier, resolved DESC, handle);

-- One row per claim whose current resolution is YES, NO or ANNULLED: what a claim page shows
-- beside each counted forecast (the crowd) without scoring the claim on every request.
CREATE TABLE claim_scores (
  claim_id     INTEGER PRIMARY KEY REFERENCES claims(id),
  verdict      TEXT NOT NULL CHECK (verdict IN ('YES', 'NO', 'ANNULLED')),
  known_at     TEXT NOT NULL,
  -- How many forecasts counted (one per person); 0 for an annulled claim, which scores nobody.
  counted      INTEGER NOT NULL CHECK (counted >= 0),
  -- The median of the counted forecasts and its Brier; NULL when nothing counted (or annulled).
  crowd_median REAL,
  crowd_brier  REAL
);

CREATE TRIGGER people_handle_copied AFTER UPDATE OF handle ON people BEGIN
  UPDATE person_scores SET handle = NEW.handle WHERE person_id = NEW.id;
END;
