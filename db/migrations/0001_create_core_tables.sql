-- Core domain: sources and their comment threads, people, claims, forecasts, events, resolutions.
-- Times are ISO-8601 UTC text; dates (resolve-by, published, occurred) are YYYY-MM-DD text.

CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 2 AND 40),
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL DEFAULT 'reader' CHECK (role IN ('reader', 'editor', 'admin')),
  created_at    TEXT NOT NULL
);

CREATE TABLE sources (
  id           INTEGER PRIMARY KEY,
  title        TEXT NOT NULL CHECK (length(title) > 0),
  url          TEXT,
  publisher    TEXT,
  via          TEXT,
  published_on TEXT CHECK (published_on IS NULL OR published_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  body         TEXT NOT NULL DEFAULT '',
  -- What makes a re-import of the same thread recognisable (title + publisher, normalised).
  fingerprint  TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL
);

CREATE TABLE people (
  id           INTEGER PRIMARY KEY,
  handle       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(handle) > 0),
  -- commenter: imported from a thread; reader: has an account; publisher: an outlet whose rumors are scored.
  kind         TEXT NOT NULL CHECK (kind IN ('commenter', 'reader', 'publisher')),
  posts        INTEGER CHECK (posts IS NULL OR posts >= 0),
  member_since TEXT,
  unregistered INTEGER NOT NULL DEFAULT 0 CHECK (unregistered IN (0, 1)),
  account_id   INTEGER UNIQUE REFERENCES accounts(id),
  created_at   TEXT NOT NULL
);

CREATE TABLE comments (
  id          INTEGER PRIMARY KEY,
  source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  site_number TEXT NOT NULL,
  position    INTEGER NOT NULL CHECK (position >= 1),
  person_id   INTEGER NOT NULL REFERENCES people(id),
  body        TEXT NOT NULL DEFAULT '',
  UNIQUE (source_id, site_number),
  UNIQUE (source_id, position)
);
CREATE INDEX comments_person ON comments(person_id);

CREATE TABLE claims (
  id         INTEGER PRIMARY KEY,
  text       TEXT NOT NULL CHECK (length(text) BETWEEN 10 AND 300),
  details    TEXT NOT NULL DEFAULT '',
  resolve_by TEXT NOT NULL CHECK (resolve_by GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES accounts(id)
);

CREATE TABLE tags (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 40)
);

CREATE TABLE claim_tags (
  claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  tag_id   INTEGER NOT NULL REFERENCES tags(id),
  PRIMARY KEY (claim_id, tag_id)
);
CREATE INDEX claim_tags_tag ON claim_tags(tag_id);

CREATE TABLE forecasts (
  id          INTEGER PRIMARY KEY,
  claim_id    INTEGER NOT NULL REFERENCES claims(id),
  person_id   INTEGER NOT NULL REFERENCES people(id),
  -- The scoring contract: 1–99 %, never 0 or 1 (log score would be infinite).
  probability REAL NOT NULL CHECK (probability >= 0.01 AND probability <= 0.99),
  made_at     TEXT NOT NULL,
  -- Evidence: the comment (or the article itself) the forecast was read from, and the quoted words.
  comment_id  INTEGER REFERENCES comments(id),
  source_id   INTEGER REFERENCES sources(id),
  quote       TEXT,
  reasoning   TEXT,
  recorded_by INTEGER REFERENCES accounts(id),
  created_at  TEXT NOT NULL,
  CHECK (comment_id IS NULL OR quote IS NOT NULL)
);
CREATE INDEX forecasts_claim ON forecasts(claim_id);
CREATE INDEX forecasts_person ON forecasts(person_id);
CREATE INDEX forecasts_comment ON forecasts(comment_id);

CREATE TABLE events (
  id             INTEGER PRIMARY KEY,
  title          TEXT NOT NULL CHECK (length(title) > 0),
  occurred_on    TEXT NOT NULL CHECK (occurred_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  -- Some public-record dates are only known to the month ("2015-11"): stored as the 1st, shown as the month.
  date_precision TEXT NOT NULL DEFAULT 'day' CHECK (date_precision IN ('day', 'month')),
  summary        TEXT NOT NULL DEFAULT '',
  evidence_quote TEXT,
  evidence_url   TEXT,
  source_id      INTEGER REFERENCES sources(id),
  created_at     TEXT NOT NULL
);

-- Append-only: a re-resolution is a new row that supersedes the previous one; the newest row is current.
CREATE TABLE resolutions (
  id            INTEGER PRIMARY KEY,
  claim_id      INTEGER NOT NULL REFERENCES claims(id),
  verdict       TEXT NOT NULL CHECK (verdict IN ('YES', 'NO', 'ANNULLED')),
  known_at      TEXT NOT NULL,
  -- 'event': known-at is the cited event's date; 'lapse': the resolve-by date passed.
  known_at_basis TEXT NOT NULL CHECK (known_at_basis IN ('event', 'lapse')),
  rationale     TEXT NOT NULL CHECK (length(rationale) > 0),
  supersedes_id INTEGER UNIQUE REFERENCES resolutions(id),
  resolved_by   INTEGER REFERENCES accounts(id),
  created_at    TEXT NOT NULL
);
CREATE INDEX resolutions_claim ON resolutions(claim_id);

CREATE TABLE resolution_events (
  resolution_id INTEGER NOT NULL REFERENCES resolutions(id),
  event_id      INTEGER NOT NULL REFERENCES events(id),
  PRIMARY KEY (resolution_id, event_id)
);

CREATE VIEW current_resolutions AS
  SELECT r.* FROM resolutions r
  WHERE r.id = (SELECT max(r2.id) FROM resolutions r2 WHERE r2.claim_id = r.claim_id);
