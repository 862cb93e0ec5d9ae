-- Accounts. E-mail addresses are stored lowercased; times are milliseconds since the epoch.
CREATE TABLE users (
    id            TEXT PRIMARY KEY NOT NULL,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('interviewer', 'hr', 'manager')),
    password_hash TEXT NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

-- A manager's scope: the departments whose anonymised aggregates they may see.
CREATE TABLE user_departments (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    department TEXT NOT NULL,
    PRIMARY KEY (user_id, department)
);

-- First-run setup happens once: the server that flips this flag creates the first HR user.
ALTER TABLE instance ADD COLUMN setup_done BOOLEAN NOT NULL DEFAULT FALSE;
