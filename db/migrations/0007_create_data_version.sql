-- One counter for everything a visitor's page can show, bumped by triggers inside the transaction of
-- every write to these tables (from any process), so that a page cached for signed-out visitors is
-- served exactly as long as it is still right (server/http/page-cache.ts). Sessions, settings and
-- the stored scores (derived from the tables below, in the same transactions) do not bump it.
CREATE TABLE data_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  v  INTEGER NOT NULL
);
INSERT INTO data_version (id, v) VALUES (1, 0);

CREATE TRIGGER accounts_insert_bumps_data AFTER INSERT ON accounts BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER accounts_update_bumps_data AFTER UPDATE ON accounts BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER accounts_delete_bumps_data AFTER DELETE ON accounts BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER sources_insert_bumps_data AFTER INSERT ON sources BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER sources_update_bumps_data AFTER UPDATE ON sources BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER sources_delete_bumps_data AFTER DELETE ON sources BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER people_insert_bumps_data AFTER INSERT ON people BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER people_update_bumps_data AFTER UPDATE ON people BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER people_delete_bumps_data AFTER DELETE ON people BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER comments_insert_bumps_data AFTER INSERT ON comments BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER comments_update_bumps_data AFTER UPDATE ON comments BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER comments_delete_bumps_data AFTER DELETE ON comments BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER claims_insert_bumps_data AFTER INSERT ON claims BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER claims_update_bumps_data AFTER UPDATE ON claims BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER claims_delete_bumps_data AFTER DELETE ON claims BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER tags_insert_bumps_data AFTER INSERT ON tags BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER tags_update_bumps_data AFTER UPDATE ON tags BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER tags_delete_bumps_data AFTER DELETE ON tags BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER claim_tags_insert_bumps_data AFTER INSERT ON claim_tags BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER claim_tags_update_bumps_data AFTER UPDATE ON claim_tags BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER claim_tags_delete_bumps_data AFTER DELETE ON claim_tags BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER forecasts_insert_bumps_data AFTER INSERT ON forecasts BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER forecasts_update_bumps_data AFTER UPDATE ON forecasts BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER forecasts_delete_bumps_data AFTER DELETE ON forecasts BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER events_insert_bumps_data AFTER INSERT ON events BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER events_update_bumps_data AFTER UPDATE ON events BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER events_delete_bumps_data AFTER DELETE ON events BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER resolutions_insert_bumps_data AFTER INSERT ON resolutions BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER resolutions_update_bumps_data AFTER UPDATE ON resolutions BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER resolutions_delete_bumps_data AFTER DELETE ON resolutions BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER resolution_events_insert_bumps_data AFTER INSERT ON resolution_events BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER resolution_events_update_bumps_data AFTER UPDATE ON resolution_events BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER resolution_events_delete_bumps_data AFTER DELETE ON resolution_events BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER candidates_insert_bumps_data AFTER INSERT ON candidates BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER candidates_update_bumps_data AFTER UPDATE ON candidates BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER candidates_delete_bumps_data AFTER DELETE ON candidates BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER disputes_insert_bumps_data AFTER INSERT ON disputes BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER disputes_update_bumps_data AFTER UPDATE ON disputes BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER disputes_delete_bumps_data AFTER DELETE ON disputes BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER forecast_proposals_insert_bumps_data AFTER INSERT ON forecast_proposals BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER forecast_proposals_update_bumps_data AFTER UPDATE ON forecast_proposals BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER forecast_proposals_delete_bumps_data AFTER DELETE ON forecast_proposals BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER handle_links_insert_bumps_data AFTER INSERT ON handle_links BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER handle_links_update_bumps_data AFTER UPDATE ON handle_links BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER handle_links_delete_bumps_data AFTER DELETE ON handle_links BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER audit_log_insert_bumps_data AFTER INSERT ON audit_log BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER audit_log_update_bumps_data AFTER UPDATE ON audit_log BEGIN UPDATE data_version SET v = v + 1; END;
CREATE TRIGGER audit_log_delete_bumps_data AFTER DELETE ON audit_log BEGIN UPDATE data_version SET v = v + 1; END;
