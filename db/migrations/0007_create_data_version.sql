-- One counter for everything a visitor's page can show. Every service write transaction bumps it
-- once, inside the transaction (server/services/write-transaction.ts), from whichever process
-- writes, so that a page cached for signed-out visitors (server/http/page-cache.ts) is served
-- exactly as long as it is still right. Sessions and settings are not part of it.
CREATE TABLE data_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  v  INTEGER NOT NULL
);
INSERT INTO data_version (id, v) VALUES (1, 0);
