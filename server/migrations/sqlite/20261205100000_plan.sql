-- The improvement plan: actions HR and managers take on themes for departments, with dated
-- progress updates. `themes` is a comma-separated list of theme keys; `version` counts
-- changes, so a save over someone else's newer one is refused.
CREATE TABLE actions (
    id          TEXT PRIMARY KEY NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    themes      TEXT NOT NULL,
    owner_id    TEXT REFERENCES users (id),
    start_date  TEXT NOT NULL,
    due_date    TEXT,
    status      TEXT NOT NULL,
    version     BIGINT NOT NULL DEFAULT 1,
    changed_by  TEXT NOT NULL DEFAULT '',
    created_by  TEXT NOT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE action_departments (
    action_id  TEXT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    department TEXT NOT NULL,
    PRIMARY KEY (action_id, department)
);

CREATE TABLE action_updates (
    id         TEXT PRIMARY KEY NOT NULL,
    action_id  TEXT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    on_date    TEXT NOT NULL,
    text       TEXT NOT NULL,
    by_id      TEXT NOT NULL REFERENCES users (id),
    by_name    TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX action_updates_action ON action_updates (action_id);
