-- HR's setting for shared tablets: an open vault locks after this many minutes without input.
ALTER TABLE instance ADD COLUMN lock_after_minutes INTEGER NOT NULL DEFAULT 10;
