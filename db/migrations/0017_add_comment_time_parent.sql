-- Comments imported from where they live (Disqus, Reddit, Hacker News, WordPress) carry their own
-- time and the comment they answer. posted_at is an instant in the stored form (ISO-8601 UTC), or
-- NULL when the source gave none (a paste without "Posted:" lines): a forecast read from a comment
-- is dated at posted_at when known. parent_id is the comment replied to, stored before its replies.
ALTER TABLE comments ADD COLUMN posted_at TEXT CHECK (posted_at IS NULL OR posted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*');
ALTER TABLE comments ADD COLUMN parent_id INTEGER REFERENCES comments(id) ON DELETE CASCADE;
CREATE INDEX comments_parent ON comments(parent_id) WHERE parent_id IS NOT NULL;
