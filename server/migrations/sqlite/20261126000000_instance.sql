-- The identity of this database, given once at the first migration. A sync client that
-- sees a different id knows it is talking to a different (or reset) server database.
CREATE TABLE instance (
    singleton  INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    id         TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
