-- Speculation found in imported comments, waiting for an editor: each row is one sentence of a
-- comment with the detector's suggestion. Nothing here is scored; accepting a candidate links the
-- forecast an editor made from it, dismissing it records why.

CREATE TABLE candidates (
  id                    INTEGER PRIMARY KEY,
  comment_id            INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  -- 0-based position of the sentence in splitSentences(comment body); keep in sync with speculation.ts.
  sentence_index        INTEGER NOT NULL CHECK (sentence_index >= 0),
  sentence              TEXT NOT NULL CHECK (length(sentence) > 0),
  -- JSON array of the cue names found, in order of appearance, e.g. ["maybe", "might"].
  cues                  TEXT NOT NULL CHECK (json_valid(cues) AND json_type(cues) = 'array'),
  suggested_probability REAL NOT NULL CHECK (suggested_probability >= 0.01 AND suggested_probability <= 0.99),
  negated               INTEGER NOT NULL DEFAULT 0 CHECK (negated IN (0, 1)),
  question              INTEGER NOT NULL DEFAULT 0 CHECK (question IN (0, 1)),
  status                TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'dismissed')),
  forecast_id           INTEGER REFERENCES forecasts(id),
  dismiss_reason        TEXT,
  decided_by            INTEGER REFERENCES accounts(id),
  decided_at            TEXT,
  created_at            TEXT NOT NULL,
  UNIQUE (comment_id, sentence_index),
  -- A decision carries its evidence: an accepted candidate names the forecast made from it, a
  -- dismissed one says why; a pending one has neither, nor a decider or a decision time.
  -- (coalesce: a CHECK that evaluates to NULL passes, so a NULL reason must not make it NULL.)
  CHECK (CASE status
    WHEN 'pending' THEN forecast_id IS NULL AND dismiss_reason IS NULL AND decided_at IS NULL AND decided_by IS NULL
    WHEN 'accepted' THEN forecast_id IS NOT NULL AND dismiss_reason IS NULL AND decided_at IS NOT NULL
    WHEN 'dismissed' THEN forecast_id IS NULL AND coalesce(length(trim(dismiss_reason)), 0) > 0
      AND decided_at IS NOT NULL
    ELSE 0 END)
);
CREATE INDEX candidates_status ON candidates(status);
CREATE INDEX candidates_forecast ON candidates(forecast_id);
