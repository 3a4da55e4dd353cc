-- A counter that every change to what scores depend on bumps, kept by the database itself
-- (triggers), so a cached scoring result knows it is stale whichever process or code path wrote.
CREATE TABLE score_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  v  INTEGER NOT NULL
);
INSERT INTO score_version (id, v) VALUES (1, 0);

CREATE TRIGGER forecasts_insert_bumps AFTER INSERT ON forecasts BEGIN UPDATE score_version SET v = v + 1; END;
CREATE TRIGGER forecasts_update_bumps AFTER UPDATE ON forecasts BEGIN UPDATE score_version SET v = v + 1; END;
CREATE TRIGGER forecasts_delete_bumps AFTER DELETE ON forecasts BEGIN UPDATE score_version SET v = v + 1; END;
CREATE TRIGGER resolutions_insert_bumps AFTER INSERT ON resolutions BEGIN UPDATE score_version SET v = v + 1; END;
CREATE TRIGGER resolutions_update_bumps AFTER UPDATE ON resolutions BEGIN UPDATE score_version SET v = v + 1; END;
CREATE TRIGGER resolutions_delete_bumps AFTER DELETE ON resolutions BEGIN UPDATE score_version SET v = v + 1; END;
CREATE TRIGGER claims_update_bumps AFTER UPDATE OF state, merged_into_id ON claims BEGIN UPDATE score_version SET v = v + 1; END;
CREATE TRIGGER claims_delete_bumps AFTER DELETE ON claims BEGIN UPDATE score_version SET v = v + 1; END;

-- Leaderboards filtered by source or publisher look forecasts up by their source.
CREATE INDEX forecasts_source ON forecasts(source_id);
CREATE INDEX sources_publisher ON sources(publisher);
