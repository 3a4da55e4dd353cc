-- Each account sees times in its own time zone (IANA name); dates of events and deadlines are calendar dates and never shift.
ALTER TABLE accounts ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
