-- A second counter beside the data version, bumped only when stored scores change (a resolution,
-- re-resolution, merge or forecast that counts): a cached board survives the many writes that
-- cannot change it, such as forecasts on open claims.
ALTER TABLE data_version ADD COLUMN scores INTEGER NOT NULL DEFAULT 0;
