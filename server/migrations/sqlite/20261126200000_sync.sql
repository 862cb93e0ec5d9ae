-- Sync (see docs/sync.md). Times are milliseconds since the epoch; stamps are the sortable
-- text form of a hybrid-clock stamp (`Stamp::key`), so `>` on them is last-writer-wins.

-- Every push takes the next version; rows written by it carry it, and pulls ask for rows
-- with a version above their cursor.
ALTER TABLE instance ADD COLUMN sync_version BIGINT NOT NULL DEFAULT 0;

-- A browser profile on a tablet and the highest change sequence applied from it.
CREATE TABLE devices (
    id          TEXT PRIMARY KEY NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (id),
    applied_seq BIGINT NOT NULL DEFAULT 0,
    first_seen  BIGINT NOT NULL,
    last_seen   BIGINT NOT NULL
);

-- One interview, owned by the interviewer who first pushed it. The columns after
-- `updated_at` copy fields of its registers for listing and filtering.
CREATE TABLE interviews (
    id             TEXT PRIMARY KEY NOT NULL,
    owner_id       TEXT NOT NULL REFERENCES users (id),
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    leaver         TEXT NOT NULL DEFAULT '',
    department     TEXT NOT NULL DEFAULT '',
    job_role       TEXT NOT NULL DEFAULT '',
    interviewer    TEXT NOT NULL DEFAULT '',
    interview_date TEXT,
    leaving_date   TEXT,
    status         TEXT NOT NULL DEFAULT 'concept',
    primary_reason TEXT,
    anonymised_at  BIGINT
);
CREATE INDEX interviews_owner ON interviews (owner_id);
CREATE INDEX interviews_leaving ON interviews (leaving_date);

-- The section registers (details, opening, guide, answers, closing, status) as JSON.
CREATE TABLE interview_sections (
    interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    section      TEXT NOT NULL,
    stamp        TEXT NOT NULL,
    value        TEXT NOT NULL,
    version      BIGINT NOT NULL,
    PRIMARY KEY (interview_id, section)
);
CREATE INDEX interview_sections_version ON interview_sections (version);

-- One register per note; deleted notes stay (tombstones). Themes (comma-separated ids)
-- and sentiment are tagged when the text arrives.
CREATE TABLE notes (
    id           TEXT PRIMARY KEY NOT NULL,
    interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    question     TEXT NOT NULL,
    kind         TEXT NOT NULL,
    text         TEXT NOT NULL,
    deleted      BOOLEAN NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    themes       TEXT NOT NULL DEFAULT '',
    sentiment    TEXT NOT NULL DEFAULT 'neutral',
    stamp        TEXT NOT NULL,
    version      BIGINT NOT NULL
);
CREATE INDEX notes_interview ON notes (interview_id);
CREATE INDEX notes_version ON notes (version);

-- The structured answers as columns, for aggregation; refreshed with the answers register.
CREATE TABLE answers (
    interview_id      TEXT PRIMARY KEY NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    primary_reason    TEXT,
    secondary_reasons TEXT NOT NULL DEFAULT '',
    voluntary         BOOLEAN,
    would_return      TEXT,
    recommend         INTEGER,
    rating_culture    INTEGER,
    rating_manager    INTEGER,
    rating_growth     INTEGER,
    rating_workload   INTEGER,
    rating_pay        INTEGER
);

-- Every change received, once (its client-made id is the key): what became of it.
CREATE TABLE applied_changes (
    id           TEXT PRIMARY KEY NOT NULL,
    device_id    TEXT NOT NULL REFERENCES devices (id),
    seq          BIGINT NOT NULL,
    interview_id TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('applied', 'rejected')),
    problem      TEXT,
    received_at  BIGINT NOT NULL
);
CREATE INDEX applied_changes_device ON applied_changes (device_id, seq);

-- Interviews HR erased on request; changes still arriving for them are refused.
CREATE TABLE erased_interviews (
    id        TEXT PRIMARY KEY NOT NULL,
    erased_at BIGINT NOT NULL
);

-- Who opened or erased which interview, and when. Never the interview's content.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           BIGINT NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users (id),
    interview_id TEXT NOT NULL,
    action       TEXT NOT NULL CHECK (action IN ('read', 'erase'))
);
CREATE INDEX audit_log_at ON audit_log (at);
