-- The dashboard (see docs/themes.md). Copied from the registers at push, like the other
-- list columns: years of service at leaving, and every theme of the interview's notes
-- (sorted, comma-separated), so counting themes per interview reads one row each.
ALTER TABLE interviews ADD COLUMN tenure_years INTEGER;
ALTER TABLE interviews ADD COLUMN themes TEXT NOT NULL DEFAULT '';
CREATE INDEX interviews_department ON interviews (department);

-- HR's judgement: would we have wanted to keep this leaver?
ALTER TABLE answers ADD COLUMN regrettable BOOLEAN;

-- Headcount per year, for the whole organisation (department '') or one department.
CREATE TABLE headcounts (
    year       INTEGER NOT NULL,
    department TEXT NOT NULL DEFAULT '',
    headcount  INTEGER NOT NULL CHECK (headcount > 0),
    PRIMARY KEY (year, department)
);
