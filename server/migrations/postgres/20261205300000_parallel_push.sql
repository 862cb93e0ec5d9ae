-- Pushes run in parallel on PostgreSQL: a write's sync version is its transaction id plus
-- `version_offset`, and a pull reads only versions below every transaction still in flight
-- (see docs/sync.md). The offset keeps every new version above those already given out by
-- the counter (`sync_version`), which stays as a change counter for the dashboard's cache.
ALTER TABLE instance ADD COLUMN version_offset BIGINT NOT NULL DEFAULT 0;
UPDATE instance
   SET version_offset = GREATEST(0, sync_version + 1 - pg_current_xact_id()::text::bigint)
 WHERE singleton = 1;
