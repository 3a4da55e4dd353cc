-- The /people and /events lists are read a page at a time in these orders.
CREATE INDEX people_handle_nocase ON people(handle COLLATE NOCASE);
CREATE INDEX events_occurred ON events(occurred_on DESC, id DESC);
