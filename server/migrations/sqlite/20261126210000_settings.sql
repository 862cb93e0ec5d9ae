-- HR's default for shared tablets: remove finished interviews from the tablet once synced.
ALTER TABLE instance ADD COLUMN remove_after_sync BOOLEAN NOT NULL DEFAULT FALSE;
