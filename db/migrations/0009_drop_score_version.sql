-- Scores are stored and kept current by each write (0006); nothing reads the version that told the
-- old in-memory cache to rescore, and its triggers cost a write per forecast row.
DROP TRIGGER forecasts_insert_bumps;
DROP TRIGGER forecasts_update_bumps;
DROP TRIGGER forecasts_delete_bumps;
DROP TRIGGER resolutions_insert_bumps;
DROP TRIGGER resolutions_update_bumps;
DROP TRIGGER resolutions_delete_bumps;
DROP TRIGGER claims_update_bumps;
DROP TRIGGER claims_delete_bumps;
DROP TABLE score_version;
