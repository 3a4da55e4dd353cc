-- Handles compared the way people read them (server/domain/usernames.ts): handle_key is the
-- NFKC case-folded name, one per person; handle_skeleton is what it looks like, for flagging
-- look-alikes. SQLite cannot case-fold beyond ASCII, so migrate() lends it handle_key() and
-- handle_skeleton() from TypeScript for the backfill.
ALTER TABLE people ADD COLUMN handle_key TEXT;
ALTER TABLE people ADD COLUMN handle_skeleton TEXT;
UPDATE people SET handle_key = handle_key(handle), handle_skeleton = handle_skeleton(handle);
-- Rows that were two people under one key before this migration (the NFC and NFD "Chloë") stay
-- two people: every one after the first keeps a key of its own, so the unique index can be built.
UPDATE people SET handle_key = handle_key || ' #' || id
  WHERE EXISTS (SELECT 1 FROM people q WHERE q.handle_key = people.handle_key AND q.id < people.id);
CREATE UNIQUE INDEX people_handle_key ON people(handle_key);
CREATE INDEX people_handle_skeleton ON people(handle_skeleton);

-- Set at login when the stored password no longer passes the rules (server/domain/password-rules.ts):
-- the account is asked to choose a new one before anything else. password_rules is the version of
-- the rules the password was last checked against (0: never), so a login checks it once per version.
ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
  CHECK (must_change_password IN (0, 1));
ALTER TABLE accounts ADD COLUMN password_rules INTEGER NOT NULL DEFAULT 0;
