-- A note whose themes the interviewer corrected on the tablet: `themes` then holds their
-- choice, which wins over the detector and is never re-tagged.
ALTER TABLE notes ADD COLUMN themes_fixed BOOLEAN NOT NULL DEFAULT FALSE;
