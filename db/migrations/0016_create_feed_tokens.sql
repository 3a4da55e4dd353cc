-- A reader's private feed (issue 10): /feeds/private/<token>.atom. The token is 32 random bytes
-- (hex) that the reader can replace from their settings page; replacing it makes the old address a 404.
CREATE TABLE feed_tokens (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  token      TEXT NOT NULL UNIQUE CHECK (length(token) = 64),
  created_at TEXT NOT NULL
);
