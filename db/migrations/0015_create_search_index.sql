-- Full-text search (issue 10): one FTS5 index over everything a reader can look for, so that a
-- search is one ranked (bm25) query with one LIMIT/OFFSET, whatever kinds of record it finds.
-- The rowid says what a row is: rowid = id * 8 + kind, where kind is
--   1 a claim (title: its text; body: its details; tags: its tag names),
--   2 the words quoted in a forecast (body),
--   3 a comment (body),
--   4 an event (title; body: summary and evidence quote),
--   5 a person (title: the handle).
-- Triggers keep it in step with the base tables (but see the note on bulk inserts below; db/search.ts reads it); rows are indexed
-- whatever their state: the query leaves out claims that are not published, and their quotes.
-- It stores its own copy of the text, which snippet() and highlight() read; that copy has the two
-- Private Use characters U+E000 and U+E001 (char(57344), char(57345)) taken out, because
-- highlight() puts them around matches (server/domain/search-query.ts): a user who types them
-- cannot make text look matched.
CREATE VIRTUAL TABLE search_index USING fts5(
  title, body, tags,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- Claims, and their tags (setClaimTags deletes and re-inserts a claim's links).
CREATE TRIGGER search_claims_insert AFTER INSERT ON claims BEGIN
  INSERT INTO search_index (rowid, title, body, tags) VALUES (new.id * 8 + 1, replace(replace(new.text, char(57344), ''), char(57345), ''), replace(replace(new.details, char(57344), ''), char(57345), ''), '');
END;
CREATE TRIGGER search_claims_update AFTER UPDATE OF text, details ON claims BEGIN
  UPDATE search_index SET title = replace(replace(new.text, char(57344), ''), char(57345), ''), body = replace(replace(new.details, char(57344), ''), char(57345), '') WHERE rowid = new.id * 8 + 1;
END;
CREATE TRIGGER search_claims_delete AFTER DELETE ON claims BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
END;
CREATE TRIGGER search_claim_tags_insert AFTER INSERT ON claim_tags BEGIN
  UPDATE search_index SET tags = (
    SELECT coalesce(group_concat(t.name, ' '), '') FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id
      WHERE ct.claim_id = new.claim_id)
    WHERE rowid = new.claim_id * 8 + 1;
END;
CREATE TRIGGER search_claim_tags_delete AFTER DELETE ON claim_tags BEGIN
  UPDATE search_index SET tags = (
    SELECT coalesce(group_concat(t.name, ' '), '') FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id
      WHERE ct.claim_id = old.claim_id)
    WHERE rowid = old.claim_id * 8 + 1;
END;

-- New forecast quotes, comments and people are indexed by their insert functions in db/ (db/search.ts
-- insertSearchEntry), not by triggers: they are the rows loaded by the hundred thousand, and an AFTER
-- INSERT trigger on forecasts, even one whose WHEN was false for every row, made loading 100,000
-- forecasts (none quoted) take 60 % more CPU; one on comments doubled a thread import's. Their edits
-- and deletions, rare, are kept by the triggers below.
CREATE TRIGGER search_forecasts_update AFTER UPDATE OF quote ON forecasts BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
  INSERT INTO search_index (rowid, title, body, tags)
    SELECT new.id * 8 + 2, '', replace(replace(new.quote, char(57344), ''), char(57345), ''), '' WHERE new.quote IS NOT NULL AND new.quote <> '';
END;
CREATE TRIGGER search_forecasts_delete AFTER DELETE ON forecasts WHEN old.quote IS NOT NULL AND old.quote <> '' BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
END;

CREATE TRIGGER search_comments_update AFTER UPDATE OF body ON comments BEGIN
  UPDATE search_index SET body = replace(replace(new.body, char(57344), ''), char(57345), '') WHERE rowid = new.id * 8 + 3;
END;
CREATE TRIGGER search_comments_delete AFTER DELETE ON comments BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
END;

CREATE TRIGGER search_events_insert AFTER INSERT ON events BEGIN
  INSERT INTO search_index (rowid, title, body, tags)
    VALUES (new.id * 8 + 4, replace(replace(new.title, char(57344), ''), char(57345), ''), replace(replace(trim(new.summary || ' ' || coalesce(new.evidence_quote, '')), char(57344), ''), char(57345), ''), '');
END;
CREATE TRIGGER search_events_update AFTER UPDATE OF title, summary, evidence_quote ON events BEGIN
  UPDATE search_index SET title = replace(replace(new.title, char(57344), ''), char(57345), ''), body = replace(replace(trim(new.summary || ' ' || coalesce(new.evidence_quote, '')), char(57344), ''), char(57345), '')
    WHERE rowid = new.id * 8 + 4;
END;
CREATE TRIGGER search_events_delete AFTER DELETE ON events BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
END;

CREATE TRIGGER search_people_update AFTER UPDATE OF handle ON people BEGIN
  UPDATE search_index SET title = replace(replace(new.handle, char(57344), ''), char(57345), '') WHERE rowid = new.id * 8 + 5;
END;
CREATE TRIGGER search_people_delete AFTER DELETE ON people BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
END;

-- The rows that exist already.
INSERT INTO search_index (rowid, title, body, tags)
  SELECT c.id * 8 + 1, replace(replace(c.text, char(57344), ''), char(57345), ''), replace(replace(c.details, char(57344), ''), char(57345), ''),
      coalesce((SELECT group_concat(t.name, ' ') FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id
        WHERE ct.claim_id = c.id), '')
    FROM claims c;
INSERT INTO search_index (rowid, title, body, tags)
  SELECT id * 8 + 2, '', replace(replace(quote, char(57344), ''), char(57345), ''), '' FROM forecasts WHERE quote IS NOT NULL AND quote <> '';
INSERT INTO search_index (rowid, title, body, tags) SELECT id * 8 + 3, '', replace(replace(body, char(57344), ''), char(57345), ''), '' FROM comments;
INSERT INTO search_index (rowid, title, body, tags)
  SELECT id * 8 + 4, replace(replace(title, char(57344), ''), char(57345), ''), replace(replace(trim(summary || ' ' || coalesce(evidence_quote, '')), char(57344), ''), char(57345), ''), '' FROM events;
INSERT INTO search_index (rowid, title, body, tags) SELECT id * 8 + 5, replace(replace(handle, char(57344), ''), char(57345), ''), '', '' FROM people;
