-- Request counts behind the write limits and login lockouts (server/http/limits.ts), kept in the
-- database file so they survive a restart and are shared by every process on the file. Times are
-- epoch milliseconds, as express-rate-limit computes them. Expired rows are pruned.
CREATE TABLE rate_limits (
  key      TEXT PRIMARY KEY,
  hits     INTEGER NOT NULL CHECK (hits >= 0),
  reset_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX rate_limits_reset ON rate_limits(reset_at);

-- An editor may suspend a reader's account: its writes are refused, with this reason shown to it.
ALTER TABLE accounts ADD COLUMN suspended_reason TEXT;
ALTER TABLE accounts ADD COLUMN suspended_at TEXT;
ALTER TABLE accounts ADD COLUMN suspended_by INTEGER REFERENCES accounts(id);

-- What one account has waiting for an editor, read by the count rules (3 pending handle links, one
-- open dispute per claim) and by the moderation controls on a reader's page.
CREATE INDEX forecast_proposals_by_account ON forecast_proposals(proposed_by, status);
CREATE INDEX handle_links_by_account ON handle_links(account_id, status);
CREATE INDEX disputes_by_account ON disputes(account_id, status, claim_id);
CREATE INDEX claims_by_creator ON claims(created_by, state);
