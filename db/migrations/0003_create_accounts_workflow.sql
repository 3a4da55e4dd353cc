-- Accounts and the write flows: sessions, settings, claim proposals and merges, disputes,
-- forecast proposals from comments, handle links and the editors' audit log.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE sessions (
  sid        TEXT PRIMARY KEY,
  sess       TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expires ON sessions(expires_at);

-- A claim is 'published' once an editor wrote or approved it; readers' proposals wait as 'proposed'.
ALTER TABLE claims ADD COLUMN state TEXT NOT NULL DEFAULT 'published'
  CHECK (state IN ('proposed', 'published', 'rejected', 'merged'));
ALTER TABLE claims ADD COLUMN merged_into_id INTEGER REFERENCES claims(id);
ALTER TABLE claims ADD COLUMN review_note TEXT;
CREATE INDEX claims_state ON claims(state);

CREATE TABLE disputes (
  id            INTEGER PRIMARY KEY,
  claim_id      INTEGER NOT NULL REFERENCES claims(id),
  resolution_id INTEGER NOT NULL REFERENCES resolutions(id),
  account_id    INTEGER NOT NULL REFERENCES accounts(id),
  reason        TEXT NOT NULL CHECK (length(reason) BETWEEN 10 AND 4000),
  evidence      TEXT NOT NULL CHECK (length(evidence) BETWEEN 1 AND 4000),
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 're-resolved')),
  answer        TEXT,
  answered_by   INTEGER REFERENCES accounts(id),
  answered_at   TEXT,
  created_at    TEXT NOT NULL,
  CHECK (status = 'open' OR answer IS NOT NULL)
);
CREATE INDEX disputes_claim ON disputes(claim_id);

-- A reader's proposal: "this comment is a forecast on that claim". Editors accept or reject it.
CREATE TABLE forecast_proposals (
  id          INTEGER PRIMARY KEY,
  comment_id  INTEGER NOT NULL REFERENCES comments(id),
  claim_id    INTEGER NOT NULL REFERENCES claims(id),
  probability REAL NOT NULL CHECK (probability >= 0.01 AND probability <= 0.99),
  quote       TEXT NOT NULL CHECK (length(quote) > 0),
  proposed_by INTEGER NOT NULL REFERENCES accounts(id),
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
  forecast_id INTEGER REFERENCES forecasts(id),
  decided_by  INTEGER REFERENCES accounts(id),
  decided_at  TEXT,
  created_at  TEXT NOT NULL
);

-- A reader asks to be recognised as an imported commenter; an editor approves or rejects.
CREATE TABLE handle_links (
  id          INTEGER PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES accounts(id),
  person_id   INTEGER NOT NULL REFERENCES people(id),
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by  INTEGER REFERENCES accounts(id),
  decided_at  TEXT,
  created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX handle_links_one_open ON handle_links(person_id) WHERE status IN ('pending', 'approved');

CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER REFERENCES accounts(id),
  action     TEXT NOT NULL,
  claim_id   INTEGER REFERENCES claims(id),
  details    TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX audit_log_claim ON audit_log(claim_id);
